package dev.ferrum.db;

import dev.ferrum.common.FerrumException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A node's cached BIOS settings (name → value), as drivers report or apply them. */
public final class BiosStore {
    private final Database db;

    public BiosStore(Database db) {
        this.db = Objects.requireNonNull(db);
    }

    /** Creates or updates each {name, value} setting in one transaction. */
    public void apply(String nodeUuid, List<?> settings) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (Object o : settings) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("name") instanceof String name) || name.isEmpty()) {
                throw FerrumException.invalid("Each BIOS setting must be an object with a non-empty 'name' and a 'value'.");
            }
            Object v = m.get("value");
            byName.put(name, v == null ? null : v.toString());
        }
        db.jdbi().useTransaction(h -> {
            for (var e : byName.entrySet()) {
                int n = h.createUpdate("UPDATE bios_settings SET setting_value = ?, updated_at = ? WHERE node_uuid = ? AND name = ?")
                        .bind(0, e.getValue()).bind(1, ObjectStore.now()).bind(2, nodeUuid).bind(3, e.getKey()).execute();
                if (n == 0) {
                    h.createUpdate("INSERT INTO bios_settings (node_uuid, name, setting_value, created_at) VALUES (?, ?, ?, ?)")
                            .bind(0, nodeUuid).bind(1, e.getKey()).bind(2, e.getValue()).bind(3, ObjectStore.now()).execute();
                }
            }
        });
    }

    public void deleteAll(String nodeUuid) {
        db.jdbi().useHandle(h -> h.createUpdate("DELETE FROM bios_settings WHERE node_uuid = ?").bind(0, nodeUuid).execute());
    }

    /** Settings of a node ordered by name, as maps of column → value. */
    public List<Map<String, Object>> list(String nodeUuid) {
        return db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT name, setting_value, created_at, updated_at FROM bios_settings WHERE node_uuid = ? ORDER BY name")
                .bind(0, nodeUuid).mapToMap().list());
    }
}
