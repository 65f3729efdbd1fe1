package dev.ferrum.conductor;

import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.States;
import dev.ferrum.common.config.Options;
import dev.ferrum.db.Condition;
import dev.ferrum.db.Stores;
import dev.ferrum.drivers.DriverFactory;
import dev.ferrum.drivers.HardwareType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The conductor's RPC methods, one per action (Ironic's ConductorManager). */
public final class ConductorManager {
    /** States in which a node's instance_uuid may be removed, taking its allocation along (unless in maintenance). */
    private static final List<String> INSTANCE_REMOVAL_STATES = List.of(States.ENROLL, States.INSPECTING, States.INSPECT_WAIT,
            States.MANAGEABLE, States.AVAILABLE);
    private final Stores stores;
    private final DriverFactory drivers;
    private final Allocations allocations;

    public ConductorManager(Stores stores, DriverFactory drivers) {
        this(stores, drivers, new Allocations(stores));
    }

    public ConductorManager(Stores stores, DriverFactory drivers, Allocations allocations) {
        this.stores = Objects.requireNonNull(stores);
        this.drivers = Objects.requireNonNull(drivers);
        this.allocations = Objects.requireNonNull(allocations);
    }

    public Map<String, Object> createNode(Map<String, Object> values) {
        Map<String, Object> node = new HashMap<>(values);
        HardwareType h = drivers.require((String) node.get("driver"));
        drivers.resolveInterfaces(node, h, explicitInterfaces(values), false);
        return stores.nodes.insert(node);
    }

    public Map<String, Object> updateNode(String uuid, Map<String, Object> changes, boolean resetInterfaces) {
        Map<String, Object> node = stores.nodes.get("uuid", uuid).orElseThrow(() -> nodeNotFound(uuid));
        Map<String, Object> updated = new HashMap<>(node);
        updated.putAll(changes);
        boolean touchesInterfaces = changes.containsKey("driver")
                || changes.keySet().stream().anyMatch(k -> k.endsWith("_interface"));
        Map<String, Object> toWrite = new HashMap<>(changes);
        if (touchesInterfaces) {
            HardwareType h = drivers.require((String) updated.get("driver"));
            drivers.resolveInterfaces(updated, h, explicitInterfaces(changes), resetInterfaces);
            for (String type : Options.INTERFACE_TYPES) {
                String f = type + "_interface";
                if (!Objects.equals(updated.get(f), node.get(f))) {
                    toWrite.put(f, updated.get(f));
                }
            }
        }
        if (changes.containsKey("instance_uuid") && changes.get("instance_uuid") == null && node.get("allocation_uuid") != null) {
            releaseAllocation(node);
        }
        return stores.nodes.update(uuid, toWrite).orElseThrow(() -> nodeNotFound(uuid));
    }

    public void destroyNode(String uuid) {
        Map<String, Object> node = stores.nodes.get("uuid", uuid).orElseThrow(() -> nodeNotFound(uuid));
        if (Boolean.TRUE.equals(node.get("protected"))) {
            throw new FerrumException(ErrorCode.FORBIDDEN,
                    "Node " + uuid + " is protected and cannot be undeployed, rebuilt or deleted");
        }
        boolean maintenance = Boolean.TRUE.equals(node.get("maintenance"));
        if (node.get("instance_uuid") != null && !maintenance) {
            throw new FerrumException(ErrorCode.CONFLICT,
                    "Node " + uuid + " is associated with instance " + node.get("instance_uuid") + ".");
        }
        String state = (String) node.get("provision_state");
        if (!States.DELETE_ALLOWED.contains(state) && !maintenance) {
            throw new FerrumException(ErrorCode.INVALID_STATE, "Can not delete node " + uuid + " while it is in provision state \""
                    + state + "\". Valid provision states to perform deletion are: " + String.join(", ", States.DELETE_ALLOWED.stream().sorted().toList()));
        }
        stores.db.jdbi().useTransaction(h -> {
            stores.nodeAllocations.deleteForNode(h, uuid);
            h.createUpdate("DELETE FROM ports WHERE node_uuid = ?").bind(0, uuid).execute();
            h.createUpdate("DELETE FROM portgroups WHERE node_uuid = ?").bind(0, uuid).execute();
            h.createUpdate("DELETE FROM node_traits WHERE node_uuid = ?").bind(0, uuid).execute();
            stores.nodes.delete(h, uuid);
        });
    }

    /** A new allocation: matched in the background, or backfilled now when {@code node_uuid} is given. */
    public Map<String, Object> createAllocation(Map<String, Object> values) {
        return allocations.create(values);
    }

    public void destroyAllocation(String uuid) {
        allocations.destroy(uuid);
    }

    /** Removing a node's instance_uuid removes its allocation too, as in Ironic. */
    private void releaseAllocation(Map<String, Object> node) {
        if (!Boolean.TRUE.equals(node.get("maintenance")) && !INSTANCE_REMOVAL_STATES.contains(node.get("provision_state"))) {
            throw new FerrumException(ErrorCode.INVALID_STATE, "Node " + node.get("uuid") + " with an allocation can not have "
                    + "instance_uuid removed unless it is in one of allowed (" + String.join(", ", INSTANCE_REMOVAL_STATES)
                    + ") states or in maintenance mode.");
        }
        stores.nodeAllocations.destroy((String) node.get("allocation_uuid"));
    }

    public Map<String, Object> createPort(Map<String, Object> values) {
        Map<String, Object> node = stores.nodes.get("uuid", values.get("node_uuid"))
                .orElseThrow(() -> FerrumException.invalid("Node %s could not be found.", values.get("node_uuid")));
        checkPortgroup(values, node);
        return stores.ports.insert(values);
    }

    public Map<String, Object> updatePort(String uuid, Map<String, Object> changes) {
        Map<String, Object> port = stores.ports.get("uuid", uuid).orElseThrow(() -> FerrumException.notFound("Port %s could not be found.", uuid));
        Map<String, Object> merged = new HashMap<>(port);
        merged.putAll(changes);
        Map<String, Object> node = stores.nodes.get("uuid", merged.get("node_uuid"))
                .orElseThrow(() -> FerrumException.invalid("Node %s could not be found.", merged.get("node_uuid")));
        boolean maintenance = Boolean.TRUE.equals(node.get("maintenance"));
        if (changes.containsKey("address") && !maintenance
                && (States.ACTIVE.equals(node.get("provision_state")) || node.get("instance_uuid") != null)) {
            throw new FerrumException(ErrorCode.INVALID_STATE, "Cannot update the MAC address of port " + uuid + ": node "
                    + node.get("uuid") + " is active or has an instance; set maintenance mode first.");
        }
        Set<String> connectivity = new HashSet<>(changes.keySet());
        connectivity.retainAll(Set.of("portgroup_uuid", "pxe_enabled", "local_link_connection", "physical_network"));
        if (!connectivity.isEmpty() && !maintenance && !States.PORT_UPDATE_ALLOWED.contains(node.get("provision_state"))) {
            throw new FerrumException(ErrorCode.INVALID_STATE, "Port " + uuid + " can not have its connectivity attributes ("
                    + String.join(", ", connectivity.stream().sorted().toList()) + ") updated unless node " + node.get("uuid")
                    + " is in one of the states " + String.join(", ", States.PORT_UPDATE_ALLOWED.stream().sorted().toList())
                    + " or in maintenance mode. The current state is " + node.get("provision_state") + ".");
        }
        checkPortgroup(merged, node);
        return stores.ports.update(uuid, changes).orElseThrow(() -> FerrumException.notFound("Port %s could not be found.", uuid));
    }

    public void destroyPort(String uuid) {
        if (!stores.ports.delete(uuid)) {
            throw FerrumException.notFound("Port %s could not be found.", uuid);
        }
    }

    public Map<String, Object> createPortgroup(Map<String, Object> values) {
        stores.nodes.get("uuid", values.get("node_uuid"))
                .orElseThrow(() -> FerrumException.invalid("Node %s could not be found.", values.get("node_uuid")));
        return stores.portgroups.insert(values);
    }

    public Map<String, Object> updatePortgroup(String uuid, Map<String, Object> changes) {
        Map<String, Object> pg = stores.portgroups.get("uuid", uuid)
                .orElseThrow(() -> FerrumException.notFound("Portgroup %s could not be found.", uuid));
        if (changes.containsKey("node_uuid") && !Objects.equals(changes.get("node_uuid"), pg.get("node_uuid"))) {
            stores.nodes.get("uuid", changes.get("node_uuid"))
                    .orElseThrow(() -> FerrumException.invalid("Node %s could not be found.", changes.get("node_uuid")));
            if (stores.ports.exists(List.of(new Condition.Eq("portgroup_uuid", uuid)))) {
                throw FerrumException.conflict("Portgroup %s still has ports; it cannot move to another node.", uuid);
            }
        }
        return stores.portgroups.update(uuid, changes)
                .orElseThrow(() -> FerrumException.notFound("Portgroup %s could not be found.", uuid));
    }

    public void destroyPortgroup(String uuid) {
        stores.portgroups.get("uuid", uuid).orElseThrow(() -> FerrumException.notFound("Portgroup %s could not be found.", uuid));
        if (stores.ports.exists(List.of(new Condition.Eq("portgroup_uuid", uuid)))) {
            throw FerrumException.conflict("Portgroup %s is not empty; remove its ports first.", uuid);
        }
        stores.portgroups.delete(uuid);
    }

    private void checkPortgroup(Map<String, Object> port, Map<String, Object> node) {
        Object pgUuid = port.get("portgroup_uuid");
        if (pgUuid == null) {
            return;
        }
        Map<String, Object> pg = stores.portgroups.get("uuid", pgUuid)
                .orElseThrow(() -> FerrumException.invalid("Portgroup %s could not be found.", pgUuid));
        if (!Objects.equals(pg.get("node_uuid"), node.get("uuid"))) {
            throw FerrumException.invalid("Port can not be added to a portgroup belonging to a different node.");
        }
    }

    private static Set<String> explicitInterfaces(Map<String, Object> values) {
        Set<String> s = new HashSet<>();
        values.keySet().stream().filter(k -> k.endsWith("_interface")).forEach(s::add);
        return s;
    }

    private static FerrumException nodeNotFound(String uuid) {
        return FerrumException.notFound("Node %s could not be found.", uuid);
    }
}
