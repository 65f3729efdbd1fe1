package dev.ferrum.rpc;

import dev.ferrum.conductor.ConductorManager;
import java.util.Map;
import java.util.Objects;

/** In-process transport: calls the conductor manager of this JVM directly ({@code rpc_transport = none}). */
public final class LocalConductorApi implements ConductorApi {
    private final ConductorManager manager;

    public LocalConductorApi(ConductorManager manager) {
        this.manager = Objects.requireNonNull(manager);
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
    public Map<String, Object> createAllocation(Map<String, Object> values) {
        return manager.createAllocation(values);
    }

    @Override
    public void destroyAllocation(String allocationUuid) {
        manager.destroyAllocation(allocationUuid);
    }
}
