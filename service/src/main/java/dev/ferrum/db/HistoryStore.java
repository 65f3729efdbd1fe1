package dev.ferrum.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Node history: one row per state change and error, newest last (GET /v1/nodes/{node}/history). */
public final class HistoryStore {
    /** One event as recorded. */
    public record Event(String nodeUuid, String conductor, String eventType, String severity, String event, String user) {
    }

    /** One stored event, as the history API shows it. */
    public record Entry(long id, String uuid, String nodeUuid, String conductor, String eventType, String severity,
                        String event, String user, LocalDateTime createdAt) {
    }

    private static final String ENTRY_COLUMNS = "id, uuid, node_uuid, conductor, event_type, severity, event, user_id, created_at";
    private final Database db;

    public HistoryStore(Database db) {
        this.db = Objects.requireNonNull(db);
    }

    public void record(Event e) {
        db.jdbi().useHandle(h -> ObjectStore.insert(h, row(e)));
    }

    /** The event as a row to insert beside the node's change ({@link ObjectStore#update(String, Map, List, String)}). */
    public static ObjectStore.Row row(Event e) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("uuid", UUID.randomUUID().toString());
        v.put("node_uuid", e.nodeUuid());
        v.put("conductor", e.conductor());
        v.put("event_type", e.eventType());
        v.put("severity", e.severity());
        v.put("event", e.event());
        v.put("user_id", e.user());
        v.put("created_at", ObjectStore.now());
        return new ObjectStore.Row("node_history", v);
    }

    /** A node's events, oldest first, as maps of column → value (uuid, conductor, event_type, severity, event, user_id, created_at). */
    public List<Map<String, Object>> list(String nodeUuid) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT uuid, node_uuid, conductor, event_type, severity, event, user_id, "
                        + "created_at, updated_at FROM node_history WHERE node_uuid = ? ORDER BY id")
                .bind(0, nodeUuid).mapToMap().list());
    }

    /** Up to {@code limit} events of a node after the event with internal id {@code afterId} (null: from the start), oldest first. */
    public List<Entry> page(String nodeUuid, Long afterId, int limit) {
        String sql = "SELECT " + ENTRY_COLUMNS + " FROM node_history WHERE node_uuid = ?"
                + (afterId == null ? "" : " AND id > ?") + " ORDER BY id" + (limit > 0 ? " LIMIT " + limit : "");
        return db.jdbi().withHandle(h -> {
            var q = h.createQuery(sql).bind(0, nodeUuid);
            if (afterId != null) {
                q.bind(1, afterId);
            }
            return q.map((rs, ctx) -> entry(rs)).list();
        });
    }

    /** An event by its UUID, whatever its node. */
    public Optional<Entry> get(String uuid) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT " + ENTRY_COLUMNS + " FROM node_history WHERE uuid = ?")
                .bind(0, uuid).map((rs, ctx) -> entry(rs)).findFirst());
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getObject(9, LocalDateTime.class));
    }

    public void deleteFor(org.jdbi.v3.core.Handle h, String nodeUuid) {
        h.createUpdate("DELETE FROM node_history WHERE node_uuid = ?").bind(0, nodeUuid).execute();
    }
}
