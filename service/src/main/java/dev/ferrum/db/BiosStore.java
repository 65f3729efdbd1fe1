package dev.ferrum.db;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A node's cached BIOS settings (name → value), as drivers report or apply them. */
public final class BiosStore {
    /** One cached setting with its registry attributes (null when the driver reported none). */
    public record Setting(String name, String value, String attributeType, JsonNode allowableValues, Integer lowerBound,
                          Integer maxLength, Integer minLength, Boolean readOnly, Boolean resetRequired, Boolean unique,
                          Integer upperBound, LocalDateTime createdAt, LocalDateTime updatedAt) {
    }

    private static final String SETTING_COLUMNS = "name, setting_value, attribute_type, allowable_values, lower_bound, "
            + "max_length, min_length, read_only, reset_required, unique_value, upper_bound, created_at, updated_at";
    private final Database db;

    public BiosStore(Database db) {
        this.db = Objects.requireNonNull(db);
    }

    /** Creates or updates each {name, value} setting in one transaction. */
    public void apply(String nodeUuid, List<?> settings) {
        Map<String, String> byName = byName(settings);
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

    /**
     * Makes the node's settings exactly these {name, value} pairs in one transaction: new names are created,
     * changed values updated (only those get an updated_at) and settings not listed removed, as a BIOS
     * reports its whole configuration.
     */
    public void sync(String nodeUuid, List<?> settings) {
        Map<String, String> byName = byName(settings);
        db.jdbi().useTransaction(h -> {
            Map<String, String> current = new LinkedHashMap<>();
            h.createQuery("SELECT name, setting_value FROM bios_settings WHERE node_uuid = ?").bind(0, nodeUuid)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), java.util.Optional.ofNullable(rs.getString(2))))
                    .forEach(e -> current.put(e.getKey(), e.getValue().orElse(null)));
            for (String gone : current.keySet()) {
                if (!byName.containsKey(gone)) {
                    h.createUpdate("DELETE FROM bios_settings WHERE node_uuid = ? AND name = ?").bind(0, nodeUuid).bind(1, gone).execute();
                }
            }
            for (var e : byName.entrySet()) {
                if (!current.containsKey(e.getKey())) {
                    h.createUpdate("INSERT INTO bios_settings (node_uuid, name, setting_value, created_at) VALUES (?, ?, ?, ?)")
                            .bind(0, nodeUuid).bind(1, e.getKey()).bind(2, e.getValue()).bind(3, ObjectStore.now()).execute();
                } else if (!Objects.equals(current.get(e.getKey()), e.getValue())) {
                    h.createUpdate("UPDATE bios_settings SET setting_value = ?, updated_at = ? WHERE node_uuid = ? AND name = ?")
                            .bind(0, e.getValue()).bind(1, ObjectStore.now()).bind(2, nodeUuid).bind(3, e.getKey()).execute();
                }
            }
        });
    }

    private static Map<String, String> byName(List<?> settings) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (Object o : settings) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("name") instanceof String name) || name.isEmpty()) {
                throw FerrumException.invalid("Each BIOS setting must be an object with a non-empty 'name' and a 'value'.");
            }
            Object v = m.get("value");
            byName.put(name, v == null ? null : v.toString());
        }
        return byName;
    }

    /** What a BIOS attribute registry says of one setting (Ironic's bios_settings registry columns). */
    public record Registry(String attributeType, JsonNode allowableValues, Integer lowerBound, Integer maxLength,
                           Integer minLength, Boolean readOnly, Boolean resetRequired, Boolean unique, Integer upperBound) {
    }

    /** Records the registry's description of the node's settings that exist; others are left alone. */
    public void describe(String nodeUuid, Map<String, Registry> registry) {
        db.jdbi().useTransaction(h -> {
            for (var e : registry.entrySet()) {
                Registry r = e.getValue();
                h.createUpdate("UPDATE bios_settings SET attribute_type = ?, allowable_values = ?, lower_bound = ?, max_length = ?, "
                                + "min_length = ?, read_only = ?, reset_required = ?, unique_value = ?, upper_bound = ? "
                                + "WHERE node_uuid = ? AND name = ?")
                        .bind(0, r.attributeType()).bind(1, r.allowableValues() == null ? null : r.allowableValues().toString())
                        .bind(2, r.lowerBound()).bind(3, r.maxLength()).bind(4, r.minLength()).bind(5, r.readOnly())
                        .bind(6, r.resetRequired()).bind(7, r.unique()).bind(8, r.upperBound())
                        .bind(9, nodeUuid).bind(10, e.getKey()).execute();
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

    /** Every setting of a node with its registry attributes, ordered by name. */
    public List<Setting> settings(String nodeUuid) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT " + SETTING_COLUMNS + " FROM bios_settings WHERE node_uuid = ? ORDER BY name")
                .bind(0, nodeUuid).map((rs, ctx) -> setting(rs)).list());
    }

    public Optional<Setting> setting(String nodeUuid, String name) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT " + SETTING_COLUMNS + " FROM bios_settings WHERE node_uuid = ? AND name = ?")
                .bind(0, nodeUuid).bind(1, name).map((rs, ctx) -> setting(rs)).findFirst());
    }

    private static Setting setting(ResultSet rs) throws SQLException {
        String allowable = rs.getString(4);
        return new Setting(rs.getString(1), rs.getString(2), rs.getString(3), allowable == null ? null : Json.parseStored(allowable),
                integer(rs, 5), integer(rs, 6), integer(rs, 7), bool(rs, 8), bool(rs, 9), bool(rs, 10), integer(rs, 11),
                rs.getObject(12, LocalDateTime.class), rs.getObject(13, LocalDateTime.class));
    }

    private static Integer integer(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    private static Boolean bool(ResultSet rs, int i) throws SQLException {
        boolean v = rs.getBoolean(i);
        return rs.wasNull() ? null : v;
    }
}
