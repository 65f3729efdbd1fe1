package dev.ferrum.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.conductor.ConductorManager;
import dev.ferrum.conductor.NodeManagement;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** In-process transport: calls the conductor manager of this JVM directly ({@code rpc_transport = none}). */
public final class LocalConductorApi implements ConductorApi {
    private final ConductorManager manager;
    private final NodeManagement management;

    public LocalConductorApi(ConductorManager manager, NodeManagement management) {
        this.manager = Objects.requireNonNull(manager);
        this.management = Objects.requireNonNull(management);
    }

    @Override
    public Map<String, Object> createNode(Map<String, Object> values) {
        return manager.createNode(values);
    }

    @Override
    public Map<String, Object> updateNode(String nodeUuid, Map<String, Object> changes, boolean resetInterfaces) {
        return manager.updateNode(nodeUuid, changes, resetInterfaces);
    }

    @Override
    public void destroyNode(String nodeUuid) {
        manager.destroyNode(nodeUuid);
    }

    @Override
    public Map<String, Object> createPort(Map<String, Object> values) {
        return manager.createPort(values);
    }

    @Override
    public Map<String, Object> updatePort(String portUuid, Map<String, Object> changes) {
        return manager.updatePort(portUuid, changes);
    }

    @Override
    public void destroyPort(String portUuid) {
        manager.destroyPort(portUuid);
    }

    @Override
    public Map<String, Object> createPortgroup(Map<String, Object> values) {
        return manager.createPortgroup(values);
    }

    @Override
    public Map<String, Object> updatePortgroup(String portgroupUuid, Map<String, Object> changes) {
        return manager.updatePortgroup(portgroupUuid, changes);
    }

    @Override
    public void destroyPortgroup(String portgroupUuid) {
        manager.destroyPortgroup(portgroupUuid);
    }

    @Override
    public void addNodeTraits(String nodeUuid, List<String> traits, boolean replace) {
        manager.addNodeTraits(nodeUuid, traits, replace);
    }

    @Override
    public void removeNodeTraits(String nodeUuid, List<String> traits) {
        manager.removeNodeTraits(nodeUuid, traits);
    }

    @Override
    public void doNodeDeploy(String nodeUuid, boolean rebuild, Object configdrive, List<Map<String, Object>> deploySteps) {
        manager.doNodeDeploy(nodeUuid, rebuild, configdrive, deploySteps);
    }

    @Override
    public void doNodeTearDown(String nodeUuid) {
        manager.doNodeTearDown(nodeUuid);
    }

    @Override
    public void doNodeClean(String nodeUuid, List<Map<String, Object>> cleanSteps, boolean disableRamdisk) {
        manager.doNodeClean(nodeUuid, cleanSteps, disableRamdisk);
    }

    @Override
    public void inspectHardware(String nodeUuid) {
        manager.inspectHardware(nodeUuid);
    }

    @Override
    public void doNodeRescue(String nodeUuid, String rescuePassword) {
        manager.doNodeRescue(nodeUuid, rescuePassword);
    }

    @Override
    public void doNodeUnrescue(String nodeUuid) {
        manager.doNodeUnrescue(nodeUuid);
    }

    @Override
    public void doProvisioningAction(String nodeUuid, String action) {
        manager.doProvisioningAction(nodeUuid, action);
    }

    @Override
    public void changeNodePowerState(String nodeUuid, String target, Integer timeout) {
        manager.changeNodePowerState(nodeUuid, target, timeout);
    }

    @Override
    public Map<String, Map<String, Object>> validateDriverInterfaces(String nodeUuid) {
        return manager.validateDriverInterfaces(nodeUuid);
    }

    @Override
    public void setBootDevice(String nodeUuid, String device, boolean persistent) {
        manager.setBootDevice(nodeUuid, device, persistent);
    }

    @Override
    public Map<String, Object> getBootDevice(String nodeUuid) {
        return manager.getBootDevice(nodeUuid);
    }

    @Override
    public List<String> getSupportedBootDevices(String nodeUuid) {
        return manager.getSupportedBootDevices(nodeUuid);
    }

    @Override
    public Map<String, Object> createVolumeConnector(Map<String, Object> values) {
        return manager.volumes().createVolumeConnector(values);
    }

    @Override
    public Map<String, Object> updateVolumeConnector(String connectorUuid, Map<String, Object> changes) {
        return manager.volumes().updateVolumeConnector(connectorUuid, changes);
    }

    @Override
    public void destroyVolumeConnector(String connectorUuid) {
        manager.volumes().destroyVolumeConnector(connectorUuid);
    }

    @Override
    public Map<String, Object> createVolumeTarget(Map<String, Object> values) {
        return manager.volumes().createVolumeTarget(values);
    }

    @Override
    public Map<String, Object> updateVolumeTarget(String targetUuid, Map<String, Object> changes) {
        return manager.volumes().updateVolumeTarget(targetUuid, changes);
    }

    @Override
    public void destroyVolumeTarget(String targetUuid) {
        manager.volumes().destroyVolumeTarget(targetUuid);
    }

    @Override
    public Map<String, Object> createAllocation(Map<String, Object> values) {
        return manager.createAllocation(values);
    }

    @Override
    public void destroyAllocation(String allocationUuid) {
        manager.destroyAllocation(allocationUuid);
    }

    @Override
    public void injectNmi(String nodeUuid) {
        management.injectNmi(nodeUuid);
    }

    @Override
    public Map<String, Map<String, Map<String, Object>>> getSupportedIndicators(String nodeUuid) {
        return management.getSupportedIndicators(nodeUuid);
    }

    @Override
    public String getIndicatorState(String nodeUuid, String component, String indicator) {
        return management.getIndicatorState(nodeUuid, component, indicator);
    }

    @Override
    public void setIndicatorState(String nodeUuid, String component, String indicator, String state) {
        management.setIndicatorState(nodeUuid, component, indicator, state);
    }

    @Override
    public void changeNodeBootMode(String nodeUuid, String mode) {
        management.changeNodeBootMode(nodeUuid, mode);
    }

    @Override
    public void changeNodeSecureBoot(String nodeUuid, boolean on) {
        management.changeNodeSecureBoot(nodeUuid, on);
    }

    @Override
    public Map<String, Object> getConsoleInformation(String nodeUuid) {
        return management.getConsoleInformation(nodeUuid);
    }

    @Override
    public void setConsoleMode(String nodeUuid, boolean enabled) {
        management.setConsoleMode(nodeUuid, enabled);
    }

    @Override
    public void setTargetRaidConfig(String nodeUuid, JsonNode targetRaidConfig) {
        management.setTargetRaidConfig(nodeUuid, targetRaidConfig);
    }

    @Override
    public Map<String, String> getRaidLogicalDiskProperties(String driver) {
        return management.getRaidLogicalDiskProperties(driver);
    }

    @Override
    public List<Map<String, Object>> vifList(String nodeUuid) {
        return management.vifList(nodeUuid);
    }

    @Override
    public void vifAttach(String nodeUuid, Map<String, Object> vifInfo) {
        management.vifAttach(nodeUuid, vifInfo);
    }

    @Override
    public void vifDetach(String nodeUuid, String vifId) {
        management.vifDetach(nodeUuid, vifId);
    }

    @Override
    public Map<String, Map<String, Object>> getNodeVendorPassthruMethods(String nodeUuid) {
        return management.getNodeVendorPassthruMethods(nodeUuid);
    }

    @Override
    public Map<String, Object> vendorPassthru(String nodeUuid, String method, String httpMethod, Map<String, Object> info) {
        return management.vendorPassthru(nodeUuid, method, httpMethod, info);
    }

    @Override
    public Map<String, Map<String, Object>> getDriverVendorPassthruMethods(String driver) {
        return management.getDriverVendorPassthruMethods(driver);
    }

    @Override
    public Map<String, Object> driverVendorPassthru(String driver, String method, String httpMethod, Map<String, Object> info) {
        return management.driverVendorPassthru(driver, method, httpMethod, info);
    }
}
