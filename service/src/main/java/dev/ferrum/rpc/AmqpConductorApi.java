package dev.ferrum.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The API's side of {@code rpc_transport = amqp}: every method is an RPC call to a conductor. All of them are
 * calls, none a cast: each either returns a value or validates synchronously (state, lock, interfaces) and
 * reports a refusal to the API client, as Ironic's conductor API calls do_node_deploy and the like, replying
 * before the work it queued runs.
 */
public final class AmqpConductorApi implements ConductorApi {
    private final RpcClient client;
    private final ConductorRouter router;

    public AmqpConductorApi(RpcClient client, ConductorRouter router) {
        this.client = Objects.requireNonNull(client);
        this.router = Objects.requireNonNull(router);
    }

    @SuppressWarnings("unchecked")
    private <T> T call(String nodeUuid, String method, Object... args) {
        return (T) client.call(router.targetFor(nodeUuid), method, args);
    }

    @Override
    public Map<String, Object> createNode(Map<String, Object> values) {
        return call(null, "createNode", values);
    }

    @Override
    public Map<String, Object> updateNode(String nodeUuid, Map<String, Object> changes, boolean resetInterfaces) {
        return call(nodeUuid, "updateNode", nodeUuid, changes, resetInterfaces);
    }

    @Override
    public void destroyNode(String nodeUuid) {
        call(nodeUuid, "destroyNode", nodeUuid);
    }

    @Override
    public Map<String, Object> createPort(Map<String, Object> values) {
        return call(null, "createPort", values);
    }

    @Override
    public Map<String, Object> updatePort(String portUuid, Map<String, Object> changes) {
        return call(null, "updatePort", portUuid, changes);
    }

    @Override
    public void destroyPort(String portUuid) {
        call(null, "destroyPort", portUuid);
    }

    @Override
    public Map<String, Object> createPortgroup(Map<String, Object> values) {
        return call(null, "createPortgroup", values);
    }

    @Override
    public Map<String, Object> updatePortgroup(String portgroupUuid, Map<String, Object> changes) {
        return call(null, "updatePortgroup", portgroupUuid, changes);
    }

    @Override
    public void destroyPortgroup(String portgroupUuid) {
        call(null, "destroyPortgroup", portgroupUuid);
    }

    @Override
    public void addNodeTraits(String nodeUuid, List<String> traits, boolean replace) {
        call(nodeUuid, "addNodeTraits", nodeUuid, traits, replace);
    }

    @Override
    public void removeNodeTraits(String nodeUuid, List<String> traits) {
        call(nodeUuid, "removeNodeTraits", nodeUuid, traits);
    }

    @Override
    public void doNodeDeploy(String nodeUuid, boolean rebuild, Object configdrive, List<Map<String, Object>> deploySteps) {
        call(nodeUuid, "doNodeDeploy", nodeUuid, rebuild, configdrive, deploySteps);
    }

    @Override
    public void doNodeTearDown(String nodeUuid) {
        call(nodeUuid, "doNodeTearDown", nodeUuid);
    }

    @Override
    public void doNodeClean(String nodeUuid, List<Map<String, Object>> cleanSteps, boolean disableRamdisk) {
        call(nodeUuid, "doNodeClean", nodeUuid, cleanSteps, disableRamdisk);
    }

    @Override
    public void inspectHardware(String nodeUuid) {
        call(nodeUuid, "inspectHardware", nodeUuid);
    }

    @Override
    public void doNodeRescue(String nodeUuid, String rescuePassword) {
        call(nodeUuid, "doNodeRescue", nodeUuid, rescuePassword);
    }

    @Override
    public void doNodeUnrescue(String nodeUuid) {
        call(nodeUuid, "doNodeUnrescue", nodeUuid);
    }

    @Override
    public void doProvisioningAction(String nodeUuid, String action) {
        call(nodeUuid, "doProvisioningAction", nodeUuid, action);
    }

    @Override
    public void changeNodePowerState(String nodeUuid, String target, Integer timeout) {
        call(nodeUuid, "changeNodePowerState", nodeUuid, target, timeout);
    }

    @Override
    public Map<String, Map<String, Object>> validateDriverInterfaces(String nodeUuid) {
        return call(nodeUuid, "validateDriverInterfaces", nodeUuid);
    }

    @Override
    public void setBootDevice(String nodeUuid, String device, boolean persistent) {
        call(nodeUuid, "setBootDevice", nodeUuid, device, persistent);
    }

    @Override
    public Map<String, Object> getBootDevice(String nodeUuid) {
        return call(nodeUuid, "getBootDevice", nodeUuid);
    }

    @Override
    public List<String> getSupportedBootDevices(String nodeUuid) {
        return call(nodeUuid, "getSupportedBootDevices", nodeUuid);
    }

    @Override
    public Map<String, Object> createVolumeConnector(Map<String, Object> values) {
        return call(null, "createVolumeConnector", values);
    }

    @Override
    public Map<String, Object> updateVolumeConnector(String connectorUuid, Map<String, Object> changes) {
        return call(null, "updateVolumeConnector", connectorUuid, changes);
    }

    @Override
    public void destroyVolumeConnector(String connectorUuid) {
        call(null, "destroyVolumeConnector", connectorUuid);
    }

    @Override
    public Map<String, Object> createVolumeTarget(Map<String, Object> values) {
        return call(null, "createVolumeTarget", values);
    }

    @Override
    public Map<String, Object> updateVolumeTarget(String targetUuid, Map<String, Object> changes) {
        return call(null, "updateVolumeTarget", targetUuid, changes);
    }

    @Override
    public void destroyVolumeTarget(String targetUuid) {
        call(null, "destroyVolumeTarget", targetUuid);
    }

    @Override
    public Map<String, Object> createAllocation(Map<String, Object> values) {
        return call(null, "createAllocation", values);
    }

    @Override
    public void destroyAllocation(String allocationUuid) {
        call(null, "destroyAllocation", allocationUuid);
    }

    @Override
    public void injectNmi(String nodeUuid) {
        call(nodeUuid, "injectNmi", nodeUuid);
    }

    @Override
    public Map<String, Map<String, Map<String, Object>>> getSupportedIndicators(String nodeUuid) {
        return call(nodeUuid, "getSupportedIndicators", nodeUuid);
    }

    @Override
    public String getIndicatorState(String nodeUuid, String component, String indicator) {
        return call(nodeUuid, "getIndicatorState", nodeUuid, component, indicator);
    }

    @Override
    public void setIndicatorState(String nodeUuid, String component, String indicator, String state) {
        call(nodeUuid, "setIndicatorState", nodeUuid, component, indicator, state);
    }

    @Override
    public void changeNodeBootMode(String nodeUuid, String mode) {
        call(nodeUuid, "changeNodeBootMode", nodeUuid, mode);
    }

    @Override
    public void changeNodeSecureBoot(String nodeUuid, boolean on) {
        call(nodeUuid, "changeNodeSecureBoot", nodeUuid, on);
    }

    @Override
    public Map<String, Object> getConsoleInformation(String nodeUuid) {
        return call(nodeUuid, "getConsoleInformation", nodeUuid);
    }

    @Override
    public void setConsoleMode(String nodeUuid, boolean enabled) {
        call(nodeUuid, "setConsoleMode", nodeUuid, enabled);
    }

    @Override
    public void setTargetRaidConfig(String nodeUuid, JsonNode targetRaidConfig) {
        call(nodeUuid, "setTargetRaidConfig", nodeUuid, targetRaidConfig);
    }

    @Override
    public Map<String, String> getRaidLogicalDiskProperties(String driver) {
        return call(null, "getRaidLogicalDiskProperties", driver);
    }

    @Override
    public List<Map<String, Object>> vifList(String nodeUuid) {
        return call(nodeUuid, "vifList", nodeUuid);
    }

    @Override
    public void vifAttach(String nodeUuid, Map<String, Object> vifInfo) {
        call(nodeUuid, "vifAttach", nodeUuid, vifInfo);
    }

    @Override
    public void vifDetach(String nodeUuid, String vifId) {
        call(nodeUuid, "vifDetach", nodeUuid, vifId);
    }

    @Override
    public Map<String, Map<String, Object>> getNodeVendorPassthruMethods(String nodeUuid) {
        return call(nodeUuid, "getNodeVendorPassthruMethods", nodeUuid);
    }

    @Override
    public Map<String, Object> vendorPassthru(String nodeUuid, String method, String httpMethod, Map<String, Object> info) {
        return call(nodeUuid, "vendorPassthru", nodeUuid, method, httpMethod, info);
    }

    @Override
    public Map<String, Map<String, Object>> getDriverVendorPassthruMethods(String driver) {
        return call(null, "getDriverVendorPassthruMethods", driver);
    }

    @Override
    public Map<String, Object> driverVendorPassthru(String driver, String method, String httpMethod, Map<String, Object> info) {
        return call(null, "driverVendorPassthru", driver, method, httpMethod, info);
    }
}
