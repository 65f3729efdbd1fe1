package dev.ferrum.conductor;

import java.util.List;

/**
 * Ironic's conductor_affinity: which conductor last prepared an active node's boot. Kept in SQL beside the node
 * (not a node field: the API never shows it), set when a conductor deploys, adopts or takes over a node.
 */
final class Affinity {
    private Affinity() {
    }

    /** Records that this task's conductor now holds the node's boot. */
    static void claim(Task task) {
        task.stores().db.jdbi().useHandle(h -> h.createUpdate(
                        "UPDATE nodes SET conductor_affinity = (SELECT id FROM conductors WHERE hostname = ?) WHERE uuid = ?")
                .bind(0, task.host()).bind(1, task.uuid()).execute());
    }

    /** Active, unlocked nodes outside maintenance whose boot another conductor (or none yet) prepared. */
    static List<String> strangers(TaskManager tasks) {
        return tasks.stores().db.jdbi().withHandle(h -> h.createQuery("SELECT uuid FROM nodes WHERE provision_state = 'active' "
                        + "AND reservation IS NULL AND maintenance = ? AND (conductor_affinity IS NULL OR conductor_affinity <> "
                        + "(SELECT id FROM conductors WHERE hostname = ?)) ORDER BY id")
                .bind(0, false).bind(1, tasks.host()).mapTo(String.class).list());
    }
}
