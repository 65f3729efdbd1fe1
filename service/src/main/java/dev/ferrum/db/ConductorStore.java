package dev.ferrum.db;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The conductors table: registration, heartbeats and who is alive. */
public final class ConductorStore {
    private static final String COLUMNS = "id, hostname, conductor_group, online, drivers, created_at, updated_at";
    private final Database db;

    ConductorStore(Database db) {
        this.db = db;
    }

    /** Registers (or re-registers after a restart) a conductor as online with its hardware types. */
    public void register(String hostname, String group, List<String> hardwareTypes) {
        LocalDateTime now = ObjectStore.now();
        String drivers = Json.write(hardwareTypes);
        db.jdbi().useTransaction(h -> {
            int n = h.createUpdate("UPDATE conductors SET conductor_group = ?, online = ?, drivers = ?, updated_at = ? WHERE hostname = ?")
                    .bind(0, group).bind(1, true).bind(2, drivers).bind(3, now).bind(4, hostname).execute();
            if (n == 0) {
                h.createUpdate("INSERT INTO conductors (hostname, conductor_group, online, drivers, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                        .bind(0, hostname).bind(1, group).bind(2, true).bind(3, drivers).bind(4, now).bind(5, now).execute();
            }
        });
    }

    public void heartbeat(String hostname) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE conductors SET updated_at = ?, online = ? WHERE hostname = ?")
                .bind(0, ObjectStore.now()).bind(1, true).bind(2, hostname).execute());
    }

    public void unregister(String hostname) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE conductors SET online = ? WHERE hostname = ?")
                .bind(0, false).bind(1, hostname).execute());
    }

    public List<Map<String, Object>> list() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM conductors ORDER BY id")
                .map((rs, ctx) -> read(rs)).list());
    }

    public Optional<Map<String, Object>> get(String hostname) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM conductors WHERE hostname = ?")
                .bind(0, hostname).map((rs, ctx) -> read(rs)).findFirst());
    }

    private static Map<String, Object> read(ResultSet rs) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", rs.getLong(1));
        row.put("hostname", rs.getString(2));
        row.put("conductor_group", rs.getString(3));
        row.put("online", rs.getBoolean(4));
        String d = rs.getString(5);
        JsonNode drivers = d == null ? Json.MAPPER.createArrayNode() : Json.parseStored(d);
        row.put("drivers", drivers);
        row.put("created_at", rs.getObject(6, LocalDateTime.class));
        row.put("updated_at", rs.getObject(7, LocalDateTime.class));
        return row;
    }
}
