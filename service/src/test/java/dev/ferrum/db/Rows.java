package dev.ferrum.db;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Minimal valid rows for the object tables: every NOT NULL column, nothing else. */
final class Rows {
    private Rows() {
    }

    /** A node with a fresh UUID; {@code name} may be null. Mutable, so tests can add fields. */
    static Map<String, Object> node(String name) {
        Map<String, Object> m = new HashMap<>();
        m.put("uuid", UUID.randomUUID().toString());
        m.put("name", name);
        m.put("driver", "fake-hardware");
        m.put("maintenance", false);
        m.put("console_enabled", false);
        m.put("conductor_group", "");
        m.put("protected", false);
        m.put("retired", false);
        return m;
    }

    static Map<String, Object> port(String nodeUuid, String address) {
        Map<String, Object> m = new HashMap<>();
        m.put("uuid", UUID.randomUUID().toString());
        m.put("address", address);
        m.put("node_uuid", nodeUuid);
        m.put("pxe_enabled", true);
        m.put("is_smartnic", false);
        return m;
    }

    static long count(Database db, String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }
}
