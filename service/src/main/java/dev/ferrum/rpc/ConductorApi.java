package dev.ferrum.rpc;

import java.util.List;
import java.util.Map;

/**
 * What the API asks of conductors (Ironic's conductor RPC API). Values are stored-form field maps.
 * The default transport is in-process ({@link LocalConductorApi}); a remote transport implements the
 * same interface, so the API never knows which it talks to.
 */
public interface ConductorApi {
    Map<String, Object> createNode(Map<String, Object> values);

    /** @param resetInterfaces on a driver change, reset interfaces the patch does not set to the new defaults */
    Map<String, Object> updateNode(String nodeUuid, Map<String, Object> changes, boolean resetInterfaces);

    void destroyNode(String nodeUuid);

    Map<String, Object> createPort(Map<String, Object> values);

    Map<String, Object> updatePort(String portUuid, Map<String, Object> changes);

    void destroyPort(String portUuid);

    Map<String, Object> createPortgroup(Map<String, Object> values);

    Map<String, Object> updatePortgroup(String portgroupUuid, Map<String, Object> changes);

    void destroyPortgroup(String portgroupUuid);

    /** Adds traits to a node (or, with {@code replace}, makes them its only traits), under the node's lock. */
    void addNodeTraits(String nodeUuid, List<String> traits, boolean replace);

    /** Removes the given traits (404 for one the node lacks), or all of them when {@code traits} is null. */
    void removeNodeTraits(String nodeUuid, List<String> traits);

    // provisioning, power and management: each validates synchronously and queues the work (202)

    void doNodeDeploy(String nodeUuid, boolean rebuild, Object configdrive, List<Map<String, Object>> deploySteps);

    void doNodeTearDown(String nodeUuid);

    /** @param disableRamdisk clean without booting a ramdisk (API 1.70) */
    void doNodeClean(String nodeUuid, List<Map<String, Object>> cleanSteps, boolean disableRamdisk);

    void inspectHardware(String nodeUuid);

    void doNodeRescue(String nodeUuid, String rescuePassword);

    void doNodeUnrescue(String nodeUuid);

    void doProvisioningAction(String nodeUuid, String action);

    void changeNodePowerState(String nodeUuid, String target, Integer timeout);

    Map<String, Map<String, Object>> validateDriverInterfaces(String nodeUuid);

    void setBootDevice(String nodeUuid, String device, boolean persistent);

    Map<String, Object> getBootDevice(String nodeUuid);

    List<String> getSupportedBootDevices(String nodeUuid);

    Map<String, Object> createVolumeConnector(Map<String, Object> values);

    /** Only while the connector's node is powered off. */
    Map<String, Object> updateVolumeConnector(String connectorUuid, Map<String, Object> changes);

    /** Only while the connector's node is powered off. */
    void destroyVolumeConnector(String connectorUuid);

    Map<String, Object> createVolumeTarget(Map<String, Object> values);

    /** Only while the target's node is powered off. */
    Map<String, Object> updateVolumeTarget(String targetUuid, Map<String, Object> changes);

    /** Only while the target's node is powered off. */
    void destroyVolumeTarget(String targetUuid);

    /**
     * Stores an allocation. Without {@code node_uuid} it is returned in state {@code allocating} and matched
     * to a node in the background; with it, the node is backfilled at once.
     */
    Map<String, Object> createAllocation(Map<String, Object> values);

    /** Deletes an allocation and frees its node. */
    void destroyAllocation(String allocationUuid);

    // node management (conductor.NodeManagement): NMI, indicators, boot mode, console, RAID, VIFs, vendor passthru

    void injectNmi(String nodeUuid);

    /** component → indicator name → {"readonly": bool, "states": [...]}. */
    Map<String, Map<String, Map<String, Object>>> getSupportedIndicators(String nodeUuid);

    String getIndicatorState(String nodeUuid, String component, String indicator);

    void setIndicatorState(String nodeUuid, String component, String indicator, String state);

    void changeNodeBootMode(String nodeUuid, String mode);

    void changeNodeSecureBoot(String nodeUuid, boolean on);

    /** The console's connection information, or null when the console is not enabled. */
    Map<String, Object> getConsoleInformation(String nodeUuid);

    void setConsoleMode(String nodeUuid, boolean enabled);

    void setTargetRaidConfig(String nodeUuid, com.fasterxml.jackson.databind.JsonNode targetRaidConfig);

    Map<String, String> getRaidLogicalDiskProperties(String driver);

    List<Map<String, Object>> vifList(String nodeUuid);

    void vifAttach(String nodeUuid, Map<String, Object> vifInfo);

    void vifDetach(String nodeUuid, String vifId);

    Map<String, Map<String, Object>> getNodeVendorPassthruMethods(String nodeUuid);

    /** {"return": value or null, "async": bool, "attach": bool}. */
    Map<String, Object> vendorPassthru(String nodeUuid, String method, String httpMethod, Map<String, Object> info);

    Map<String, Map<String, Object>> getDriverVendorPassthruMethods(String driver);

    Map<String, Object> driverVendorPassthru(String driver, String method, String httpMethod, Map<String, Object> info);
}
