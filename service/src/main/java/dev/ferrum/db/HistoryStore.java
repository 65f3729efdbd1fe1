package dev.ferrum.db;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Node history: one row per state change and error, newest last (GET /v1/nodes/{node}/history). */
public final class HistoryStore {
    /** One event as recorded. */
    public record Event(String nodeUuid, String conductor, String eventType, String severity, String event, String user) {
    }

    private final Database db;

    public HistoryStore(Database db) {
        this.db = Objects.requireNonNull(db);
    }

    public void record(Event e) {
        db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO node_history (uuid, node_uuid, conductor, event_type, severity, "
                        + "event, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, UUID.randomUUID().toString()).bind(1, e.nodeUuid()).bind(2, e.conductor()).bind(3, e.eventType())
                .bind(4, e.severity()).bind(5, e.event()).bind(6, e.user()).bind(7, ObjectStore.now()).execute());
    }

    /** A node's events, oldest first, as maps of column → value (uuid, conductor, event_type, severity, event, user_id, created_at). */
    public List<Map<String, Object>> list(String nodeUuid) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT uuid, node_uuid, conductor, event_type, severity, event, user_id, "
                        + "created_at, updated_at FROM node_history WHERE node_uuid = ? ORDER BY id")
                .bind(0, nodeUuid).mapToMap().list());
    }

    public void deleteFor(org.jdbi.v3.core.Handle h, String nodeUuid) {
        h.createUpdate("DELETE FROM node_history WHERE node_uuid = ?").bind(0, nodeUuid).execute();
    }
}
