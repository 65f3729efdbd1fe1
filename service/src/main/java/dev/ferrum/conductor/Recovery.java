package dev.ferrum.conductor;

import dev.ferrum.common.FerrumException;
import dev.ferrum.common.States;
import dev.ferrum.db.Condition;
import dev.ferrum.db.ListQuery;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a conductor does when it starts, before it takes requests: nodes it left mid-action when it last
 * died (still reserved by its host) cannot resume, so they move to their failed state with a last_error
 * saying why; pending power actions are dropped; then every reservation it held is cleared.
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    /** Ironic's STUCK_STATES_TREATED_AS_FAIL, with the operation each belongs to. */
    static final Map<String, String> STUCK = Map.of(
            States.DEPLOYING, "deployment", States.CLEANING, "cleaning", States.VERIFYING, "verification",
            States.INSPECTING, "inspection", States.ADOPTING, "adoption", States.RESCUING, "rescue",
            States.UNRESCUING, "unrescue", States.DELETING, "tear down");

    private Recovery() {
    }

    /** @return how many nodes were moved to a failed state */
    public static int run(TaskManager tasks) {
        var stores = tasks.stores();
        String host = tasks.host();
        List<Map<String, Object>> mine = stores.nodes.list(new ListQuery(List.of(new Condition.Eq("reservation", host)),
                "id", false, 0, null));
        int failed = 0;
        for (Map<String, Object> node : mine) {
            if (recover(tasks, node, host, "can't be resumed by conductor " + host, "conductor restart")) {
                failed++;
            }
        }
        int cleared = stores.db.jdbi().withHandle(h -> h.createUpdate("UPDATE nodes SET reservation = NULL WHERE reservation = ?")
                .bind(0, host).execute());
        if (!mine.isEmpty() || cleared > 0) {
            LOG.warn("Conductor {} recovered {} node(s) it held when it stopped; {} moved to a failed state", host, mine.size(), failed);
        }
        return failed;
    }

    /**
     * Frees a node that {@code holder} locked and can no longer finish: the lock is taken from the holder (only if it
     * still holds it), a node mid-operation moves to its failed state and a pending power action is dropped, each
     * with a last_error that says so.
     *
     * @param why   completes "The deployment ..." ("can't be resumed by conductor X")
     * @param cause ends "Pending power operation was aborted due to ..."
     * @return whether the node was moved to a failed state
     */
    static boolean recover(TaskManager tasks, Map<String, Object> node, String holder, String why, String cause) {
        String uuid = (String) node.get("uuid");
        if (!tasks.releaseHeldBy(uuid, holder)) {
            return false; // the holder let go meanwhile (or was not dead after all)
        }
        boolean failed = false;
        try (Task task = tasks.acquire(uuid, "recovery after " + cause)) {
            String op = STUCK.get(task.provisionState());
            if (op != null) {
                String msg = "The " + op + " " + why + ". Moving to fail state.";
                if (States.CLEANING.equals(task.provisionState())) {
                    Cleaning.fail(task, msg, false);
                } else {
                    task.processEvent("fail", null, msg, null);
                }
                failed = true;
            }
            if (task.node().get("target_power_state") != null) {
                Map<String, Object> changes = new java.util.HashMap<>();
                changes.put("target_power_state", null);
                changes.put("last_error", "Pending power operation was aborted due to " + cause);
                task.save(changes);
            }
        } catch (FerrumException e) {
            LOG.warn("Could not recover node {}: {}", uuid, e.getMessage());
        }
        return failed;
    }
}
