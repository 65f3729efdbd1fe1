package dev.ferrum.conductor;

import dev.ferrum.common.FerrumException;
import dev.ferrum.common.States;
import dev.ferrum.db.ObjectStore;
import dev.ferrum.db.Stores;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The conductor's volume connector and target RPCs. As in Ironic, a connector or target may only be
 * changed or removed while the node it belongs to (after the change) is powered off: a running machine
 * may be using the volume. Creating one only needs the node to exist.
 */
public final class VolumeManager {
    private final Stores stores;

    private final TaskManager tasks;

    public VolumeManager(Stores stores, TaskManager tasks) {
        this.tasks = tasks;
        this.stores = Objects.requireNonNull(stores);
    }

    public Map<String, Object> createVolumeConnector(Map<String, Object> values) {
        return create(stores.volumeConnectors, values);
    }

    public Map<String, Object> updateVolumeConnector(String uuid, Map<String, Object> changes) {
        return update(stores.volumeConnectors, uuid, changes, "volume connector update", List.of("type", "connector_id"));
    }

    public void destroyVolumeConnector(String uuid) {
        destroy(stores.volumeConnectors, uuid, "volume connector deletion");
    }

    public Map<String, Object> createVolumeTarget(Map<String, Object> values) {
        return create(stores.volumeTargets, values);
    }

    public Map<String, Object> updateVolumeTarget(String uuid, Map<String, Object> changes) {
        return update(stores.volumeTargets, uuid, changes, "volume target update", List.of("node_uuid", "boot_index"));
    }

    public void destroyVolumeTarget(String uuid) {
        destroy(stores.volumeTargets, uuid, "volume target deletion");
    }

    private Map<String, Object> create(ObjectStore store, Map<String, Object> values) {
        node(values.get("node_uuid"));
        return store.insert(values);
    }

    /**
     * @param uniqueKey the columns of the object's unique key: when one changes all are written, so a
     *                  conflict message can name the whole key
     */
    private Map<String, Object> update(ObjectStore store, String uuid, Map<String, Object> changes, String action,
                                       List<String> uniqueKey) {
        Map<String, Object> current = find(store, uuid);
        Map<String, Object> merged = new LinkedHashMap<>(current);
        merged.putAll(changes);
        // Ironic checks the node the object belongs to after the change, not the one it leaves.
        node(merged.get("node_uuid"));
        try (Task task = tasks.acquire((String) merged.get("node_uuid"), action)) {
            requirePoweredOff(task.node(), action);
            if (changes.isEmpty()) {
                return current;
            }
            Map<String, Object> write = new LinkedHashMap<>(changes);
            if (uniqueKey.stream().anyMatch(changes::containsKey)) {
                uniqueKey.forEach(k -> write.put(k, merged.get(k)));
            }
            return store.update(uuid, write).orElseThrow(() -> notFound(store, uuid));
        }
    }

    private void destroy(ObjectStore store, String uuid, String action) {
        Map<String, Object> current = find(store, uuid);
        node(current.get("node_uuid"));
        try (Task task = tasks.acquire((String) current.get("node_uuid"), action)) {
            requirePoweredOff(task.node(), action);
            if (!store.delete(uuid)) {
                throw notFound(store, uuid);
            }
        }
    }

    private Map<String, Object> node(Object uuid) {
        return stores.nodes.get("uuid", uuid).orElseThrow(() -> FerrumException.invalid("Node %s could not be found.", uuid));
    }

    private static Map<String, Object> find(ObjectStore store, String uuid) {
        return store.get("uuid", uuid).orElseThrow(() -> notFound(store, uuid));
    }

    /** Ironic's InvalidStateRequested, a 400; a node whose power state is unknown counts as not off. */
    private static void requirePoweredOff(Map<String, Object> node, String action) {
        Object power = node.get("power_state");
        if (!States.POWER_OFF.equals(power)) {
            throw FerrumException.invalid("The requested action \"%s\" cannot be performed on node \"%s\" while its power "
                    + "state is \"%s\"; the node must be powered off.", action, node.get("uuid"), power == null ? "None" : power);
        }
    }

    private static FerrumException notFound(ObjectStore store, String uuid) {
        return FerrumException.notFound("%s %s could not be found.", store.spec().kind(), uuid);
    }
}
