package dev.ferrum.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import dev.ferrum.common.States;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * The writes that tie allocations and nodes together, each one transaction. Rows are locked allocation
 * first, node second everywhere, so concurrent allocation, deallocation and node deletion cannot deadlock.
 * A node is taken with a conditional UPDATE: two allocations can never get the same node.
 */
public final class NodeAllocationStore {
    /** How an attempt to reserve one node for an allocation ended. */
    public enum Reservation {
        RESERVED,
        /** The node is locked (reservation set); it may be free in a moment. */
        LOCKED,
        /** The node no longer matches (taken, changed state, lost a trait, deleted). */
        UNAVAILABLE,
        /** The allocation was deleted or already finished meanwhile. */
        ALLOCATION_GONE
    }

    /** Rolls a transaction back and carries the outcome out of it. */
    private static final class Abort extends RuntimeException {
        private final transient Object outcome;

        Abort(Object outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    private static final int DEADLOCK_RETRIES = 5;
    private final Database db;
    private final ObjectStore allocations;
    private final ObjectStore nodes;
    private final Map<String, Function<Map<String, Object>, String>> nodeMessages;

    NodeAllocationStore(Database db, ObjectStore allocations, ObjectStore nodes) {
        this.db = Objects.requireNonNull(db);
        this.allocations = Objects.requireNonNull(allocations);
        this.nodes = Objects.requireNonNull(nodes);
        this.nodeMessages = Map.of("uniq_nodes0instance_uuid", v -> "Instance " + v.get("instance_uuid")
                + " is already associated with a node, it cannot be associated with this other node " + v.get("uuid") + ".");
    }

    /**
     * Gives the node to the allocation if the node is still free and matches it: available, not in
     * maintenance, power state known, no instance, no allocation, not locked, same resource class, owned
     * or leased by the allocation's owner (if any) and carrying every requested trait. The node's
     * instance_uuid becomes the allocation's UUID and instance_info.traits its traits, as in Ironic.
     */
    public Reservation reserve(Map<String, Object> allocation, String nodeUuid) {
        String uuid = (String) allocation.get("uuid");
        List<String> traits = distinctTraits(allocation);
        List<Object> binds = new ArrayList<>(List.of(uuid, uuid, ObjectStore.now(), nodeUuid, States.AVAILABLE,
                allocation.get("resource_class")));
        StringBuilder sql = new StringBuilder("UPDATE nodes SET allocation_uuid = ?, instance_uuid = ?, updated_at = ?"
                + " WHERE uuid = ? AND COALESCE(allocation_uuid, instance_uuid, reservation) IS NULL"
                // one COALESCE, not three IS NULLs: the planner then keeps to the uuid index (see TaskManager.reserve)
                + " AND provision_state = ? AND maintenance = FALSE AND power_state IS NOT NULL AND resource_class = ?");
        if (allocation.get("owner") != null) {
            sql.append(" AND (owner = ? OR lessee = ?)");
            binds.add(allocation.get("owner"));
            binds.add(allocation.get("owner"));
        }
        if (!traits.isEmpty()) {
            sql.append(" AND (SELECT COUNT(*) FROM node_traits t WHERE t.node_uuid = nodes.uuid AND t.trait IN (")
                    .append(String.join(", ", traits.stream().map(t -> "?").toList())).append(")) = ?");
            binds.addAll(traits);
            binds.add(traits.size());
        }
        try {
            return retryingDeadlocks(() -> db.jdbi().inTransaction(h -> {
                // The allocation row first (the lock order everywhere), without node_uuid yet: setting a foreign key
                // share-locks the node, and two allocations share-locking one node before updating it deadlock.
                int claimed = h.createUpdate("UPDATE allocations SET state = ?, last_error = NULL, updated_at = ?"
                                + " WHERE uuid = ? AND state = ?")
                        .bind(0, States.ACTIVE).bind(1, ObjectStore.now()).bind(2, uuid).bind(3, "allocating")
                        .execute();
                if (claimed == 0) {
                    throw new Abort(Reservation.ALLOCATION_GONE);
                }
                int taken;
                try {
                    taken = ObjectStore.bindAll(h.createUpdate(sql.toString()), binds).execute();
                } catch (JdbiException e) {
                    throw SqlErrors.translate(e, nodeMessages, Map.of("instance_uuid", uuid, "uuid", nodeUuid));
                }
                if (taken == 0) {
                    boolean locked = h.createQuery("SELECT COUNT(*) FROM nodes WHERE uuid = ? AND reservation IS NOT NULL")
                            .bind(0, nodeUuid).mapTo(Integer.class).one() > 0;
                    throw new Abort(locked ? Reservation.LOCKED : Reservation.UNAVAILABLE);
                }
                h.createUpdate("UPDATE allocations SET node_uuid = ? WHERE uuid = ?").bind(0, nodeUuid).bind(1, uuid).execute();
                setInstanceTraits(h, nodeUuid, allocation);
                return Reservation.RESERVED;
            }));
        } catch (Abort a) {
            return (Reservation) a.outcome;
        }
    }

    /**
     * Creates an allocation for a node that already has its workload (backfilling), linking both in one
     * transaction. The node must have no allocation and no instance other than the allocation's UUID.
     */
    public Map<String, Object> backfill(Map<String, Object> values, String nodeUuid) {
        String uuid = (String) values.get("uuid");
        Map<String, Object> unlinked = new java.util.HashMap<>(values);
        unlinked.put("node_uuid", null); // linked after the node is locked, as in reserve()
        try {
            return retryingDeadlocks(() -> db.jdbi().inTransaction(h -> {
                allocations.insert(h, unlinked);
                int linked;
                try {
                    linked = h.createUpdate("UPDATE nodes SET allocation_uuid = ?, instance_uuid = ?, updated_at = ?"
                                    + " WHERE uuid = ? AND COALESCE(allocation_uuid, reservation) IS NULL"
                                    + " AND (instance_uuid IS NULL OR instance_uuid = ?)")
                            .bind(0, uuid).bind(1, uuid).bind(2, ObjectStore.now()).bind(3, nodeUuid).bind(4, uuid).execute();
                } catch (JdbiException e) {
                    throw SqlErrors.translate(e, nodeMessages, Map.of("instance_uuid", uuid, "uuid", nodeUuid));
                }
                if (linked == 0) {
                    throw new Abort(nodes.get(h, "uuid", nodeUuid).orElse(null));
                }
                h.createUpdate("UPDATE allocations SET node_uuid = ?, updated_at = ? WHERE uuid = ?")
                        .bind(0, nodeUuid).bind(1, ObjectStore.now()).bind(2, uuid).execute();
                setInstanceTraits(h, nodeUuid, values);
                return allocations.get(h, "uuid", uuid).orElseThrow();
            }));
        } catch (Abort a) {
            @SuppressWarnings("unchecked")
            Map<String, Object> node = (Map<String, Object>) a.outcome;
            throw backfillConflict(nodeUuid, node);
        }
    }

    /** Marks a still-processing allocation as failed; false if it was deleted or finished meanwhile. */
    public boolean fail(String allocationUuid, String error) {
        return db.jdbi().withHandle(h -> h.createUpdate("UPDATE allocations SET state = ?, last_error = ?, node_uuid = NULL,"
                        + " updated_at = ? WHERE uuid = ? AND state = ?")
                .bind(0, "error").bind(1, error).bind(2, ObjectStore.now()).bind(3, allocationUuid).bind(4, "allocating")
                .execute() > 0);
    }

    /**
     * Deletes an allocation and frees its node: allocation_uuid is cleared, and instance_uuid too when the
     * allocation set it. Returns false if the allocation did not exist.
     */
    public boolean destroy(String allocationUuid) {
        return retryingDeadlocks(() -> db.jdbi().inTransaction(h -> {
            boolean exists = h.createQuery("SELECT uuid FROM allocations WHERE uuid = ? FOR UPDATE").bind(0, allocationUuid)
                    .mapTo(String.class).findFirst().isPresent();
            if (!exists) {
                return false;
            }
            freeNode(h, allocationUuid);
            return allocations.delete(h, allocationUuid);
        }));
    }

    /** Within a node deletion's transaction: deletes the allocations of the node before the node goes. */
    public void deleteForNode(Handle h, String nodeUuid) {
        List<String> held = new ArrayList<>(h.createQuery("SELECT uuid FROM allocations WHERE node_uuid = ? FOR UPDATE")
                .bind(0, nodeUuid).mapTo(String.class).list());
        h.createUpdate("UPDATE nodes SET allocation_uuid = NULL WHERE uuid = ?").bind(0, nodeUuid).execute();
        for (String uuid : held) {
            allocations.delete(h, uuid);
        }
    }

    /** UUIDs of allocations still waiting for a node (for resuming them after a restart). */
    public List<String> unfinished() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT uuid FROM allocations WHERE state = ? ORDER BY id")
                .bind(0, "allocating").mapTo(String.class).list());
    }

    /** Reruns a transaction the database chose as a deadlock victim (as Ironic's retry_on_deadlock). */
    private static <T> T retryingDeadlocks(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (JdbiException e) {
                if (attempt >= DEADLOCK_RETRIES || !isDeadlock(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isDeadlock(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01"))) {
                return true;
            }
        }
        return false;
    }

    private static void freeNode(Handle h, String allocationUuid) {
        h.createUpdate("UPDATE nodes SET instance_uuid = CASE WHEN instance_uuid = ? THEN NULL ELSE instance_uuid END,"
                        + " allocation_uuid = NULL, updated_at = ? WHERE allocation_uuid = ?")
                .bind(0, allocationUuid).bind(1, ObjectStore.now()).bind(2, allocationUuid).execute();
    }

    private static void setInstanceTraits(Handle h, String nodeUuid, Map<String, Object> allocation) {
        String stored = h.createQuery("SELECT instance_info FROM nodes WHERE uuid = ?").bind(0, nodeUuid)
                .mapTo(String.class).findFirst().orElse(null);
        JsonNode current = stored == null ? null : Json.parseStored(stored);
        ObjectNode info = current instanceof ObjectNode o ? o : Json.object();
        JsonNode traits = allocation.get("traits") instanceof JsonNode t && t.isArray() ? t : Json.MAPPER.createArrayNode();
        info.set("traits", traits);
        h.createUpdate("UPDATE nodes SET instance_info = ? WHERE uuid = ?").bind(0, Json.write(info)).bind(1, nodeUuid).execute();
    }

    private static List<String> distinctTraits(Map<String, Object> allocation) {
        List<String> out = new ArrayList<>();
        if (allocation.get("traits") instanceof JsonNode t) {
            t.forEach(x -> {
                if (!out.contains(x.asText())) {
                    out.add(x.asText());
                }
            });
        }
        return out;
    }

    private static FerrumException backfillConflict(String nodeUuid, Map<String, Object> node) {
        if (node == null) {
            return FerrumException.invalid("Node %s could not be found.", nodeUuid);
        }
        if (node.get("reservation") != null) {
            return FerrumException.nodeLocked(nodeUuid, node.get("reservation"));
        }
        if (node.get("instance_uuid") != null) {
            return FerrumException.conflict("Node %s is associated with instance %s.", nodeUuid, node.get("instance_uuid"));
        }
        return FerrumException.conflict("Node %s already has allocation %s.", nodeUuid, node.get("allocation_uuid"));
    }
}
