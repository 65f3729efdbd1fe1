package dev.ferrum.rpc;

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

    /**
     * Stores an allocation. Without {@code node_uuid} it is returned in state {@code allocating} and matched
     * to a node in the background; with it, the node is backfilled at once.
     */
    Map<String, Object> createAllocation(Map<String, Object> values);

    /** Deletes an allocation and frees its node. */
    void destroyAllocation(String allocationUuid);
}
