package dev.ferrum.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.ferrum.common.Json;
import dev.ferrum.common.objects.Field;
import dev.ferrum.common.objects.FieldType;
import dev.ferrum.common.objects.Objects;
import dev.ferrum.testing.AllEngines;
import dev.ferrum.testing.Engine;
import dev.ferrum.testing.TestDatabases;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

class ObjectStoreTest {
    private static final String UNICODE = "ünïcødé ✓ 日本 🚀 'q' \"dq\" \\ %_";
    private static final LocalDateTime T0 = LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000);

    /** A value for every stored NODE field, each distinct and of its field's type. */
    private static Map<String, Object> everyNodeField(String chassisUuid) {
        Map<String, Object> v = new LinkedHashMap<>();
        int i = 0;
        for (Field f : Objects.NODE.storedFields()) {
            i++;
            v.put(f.name(), switch (f.type()) {
                case STRING -> f.name().substring(0, Math.min(20, f.name().length())) + " " + UNICODE;
                case UUID -> UUID.randomUUID().toString();
                case BOOLEAN -> true;
                case INTEGER -> i;
                case DATETIME -> T0.plusSeconds(i).plusNanos(i * 1_000L);
                case OBJECT, LIST -> Json.parseStored("""
                        {"field": "%s", "text": "%s", "n": %d, "big": 9007199254740993, "f": 1.50, "none": null,
                         "list": [1, "two", {"three": [true, false]}], "nested": {"a": {"b": {"c": "🚀"}}}, "empty": {}}"""
                        .formatted(f.name(), UNICODE.replace("\\", "\\\\").replace("\"", "\\\""), i));
            });
        }
        v.put("chassis_uuid", chassisUuid);
        return v;
    }

    @AllEngines
    void forEachPageVisitsEveryMatchingRowOnceInIdOrder(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            java.util.List<Object> expected = new java.util.ArrayList<>();
            for (int i = 0; i < 28; i++) {
                Map<String, Object> row = Rows.node("page-" + i);
                row.put("maintenance", i % 9 == 8);
                Map<String, Object> inserted = stores.nodes.insert(row);
                if (i % 9 != 8) {
                    expected.add(inserted.get("id"));
                }
            }
            java.util.List<Object> seen = new java.util.ArrayList<>();
            stores.nodes.forEachPage(List.of(new Condition.Eq("maintenance", false)), 10, r -> seen.add(r.get("id")));
            assertThat(expected).hasSize(25);
            assertThat(seen).containsExactlyElementsOf(expected);
        }
    }

    @AllEngines
    void everyStoredNodeFieldRoundTrips(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            String chassis = UUID.randomUUID().toString();
            stores.chassis.insert(Map.of("uuid", chassis));
            Map<String, Object> values = everyNodeField(chassis);
            assertThat(values.values()).extracting(Object::getClass).map(Class::getSimpleName)
                    .contains("String", "Boolean", "ObjectNode", "LocalDateTime");

            Map<String, Object> inserted = stores.nodes.insert(values);

            assertThat(inserted.get("id")).isInstanceOf(Long.class);
            assertThat(stores.nodes.get("uuid", values.get("uuid"))).contains(inserted);
            assertThat(stores.nodes.get("id", inserted.get("id"))).contains(inserted);
            for (Field f : Objects.NODE.storedFields()) {
                assertThat(inserted.get(f.name())).as(f.name()).isEqualTo(values.get(f.name()));
            }
        }
    }

    @AllEngines
    void nullsStayNullAndEmptyObjectsStayEmpty(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            ObjectStore nodes = t.stores().nodes;
            Map<String, Object> values = Rows.node(null);
            values.put("automated_clean", null);
            values.put("provision_updated_at", null);
            values.put("driver_info", NullNode.getInstance());
            values.put("extra", Json.object());

            Map<String, Object> row = nodes.insert(values);

            Set<String> given = Set.of("uuid", "driver", "maintenance", "console_enabled", "conductor_group", "protected",
                    "retired", "created_at", "extra");
            for (Field f : Objects.NODE.storedFields()) {
                if (!given.contains(f.name())) {
                    assertThat(row.get(f.name())).as(f.name()).isNull();
                }
            }
            assertThat(row.get("extra")).isEqualTo(Json.object());
            assertThat(row).containsEntry("maintenance", false).containsEntry("conductor_group", "");
            assertThat((LocalDateTime) row.get("created_at")).isBetween(ObjectStore.now().minusMinutes(1), ObjectStore.now());
        }
    }

    @AllEngines
    void updateChangesOnlyTheGivenFieldsAndSetsUpdatedAt(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            ObjectStore nodes = t.stores().nodes;
            Map<String, Object> a = Rows.node("node-a");
            a.put("driver_info", Json.parseStored("{\"ipmi_address\": \"10.0.0.1\"}"));
            a.put("extra", Json.parseStored("{\"k\": \"v\"}"));
            Map<String, Object> before = nodes.insert(a);
            Map<String, Object> other = nodes.insert(Rows.node("node-b"));
            assertThat(before.get("updated_at")).isNull();

            LocalDateTime start = ObjectStore.now();
            Map<String, Object> changes = new HashMap<>();
            changes.put("extra", Json.parseStored("{\"k\": \"w\", \"new\": [1]}"));
            changes.put("maintenance", true);
            changes.put("name", null);
            changes.put("provision_updated_at", T0);
            Map<String, Object> after = nodes.update((String) a.get("uuid"), changes).orElseThrow();
            LocalDateTime end = ObjectStore.now();

            Map<String, Object> expected = new HashMap<>(before);
            expected.putAll(changes);
            expected.put("updated_at", after.get("updated_at"));
            assertThat(after).isEqualTo(expected);
            assertThat((LocalDateTime) after.get("updated_at")).isBetween(start, end);
            assertThat(nodes.get("uuid", a.get("uuid"))).contains(after);
            assertThat(nodes.get("uuid", other.get("uuid"))).contains(other);
        }
    }

    @AllEngines
    void updateOfAMissingRowIsEmpty(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            ObjectStore nodes = t.stores().nodes;
            assertThat(nodes.update(UUID.randomUUID().toString(), Map.of("maintenance", true))).isEmpty();
            assertThat(Rows.count(t.database(), "nodes")).isZero();
        }
    }

    @AllEngines
    void updateWhereChangesTheRowOnlyIfItsConditionHolds(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            ObjectStore nodes = t.stores().nodes;
            String uuid = UUID.randomUUID().toString();
            nodes.insert(Map.of("uuid", uuid, "name", "n1", "driver", "fake-hardware"));
            var locked = nodes.updateWhere(uuid, "reservation = ?", "COALESCE(reservation, '') = ''", "host-a");
            assertThat(locked).isPresent();
            assertThat(locked.get()).containsEntry("reservation", "host-a").containsEntry("name", "n1")
                    .containsEntry("driver", "fake-hardware");
            assertThat(nodes.updateWhere(uuid, "reservation = ?", "COALESCE(reservation, '') = ''", "host-b"))
                    .as("held already").isEmpty();
            assertThat(nodes.get("uuid", uuid).orElseThrow()).containsEntry("reservation", "host-a");
            assertThat(nodes.updateWhere(UUID.randomUUID().toString(), "reservation = ?", "1 = 1", "host-b"))
                    .as("no such row").isEmpty();
        }
    }

    @AllEngines
    void anUpdateWritesItsHistoryAndReleasesTheLockInOneGo(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            String uuid = (String) stores.nodes.insert(Rows.node("n1")).get("uuid");
            stores.nodes.updateWhere(uuid, "reservation = ?", "1 = 1", "host-a");
            var first = HistoryStore.row(new HistoryStore.Event(uuid, "host-a", "provisioning", "INFO", "one", null));
            var second = HistoryStore.row(new HistoryStore.Event(uuid, "host-a", "provisioning", "INFO", "two", "u1"));

            var kept = stores.nodes.update(uuid, Map.of("provision_state", "verifying"), List.of(first), "host-b");
            assertThat(kept.orElseThrow()).as("another holder's lock stays").containsEntry("reservation", "host-a")
                    .containsEntry("provision_state", "verifying");
            var released = stores.nodes.update(uuid, Map.of("provision_state", "manageable"), List.of(second), "host-a");
            assertThat(released.orElseThrow()).containsEntry("reservation", null).containsEntry("provision_state", "manageable");
            assertThat(stores.history.list(uuid)).extracting(e -> e.get("event"), e -> e.get("user_id"))
                    .containsExactly(tuple("one", null), tuple("two", "u1"));

            // atomic: a history row that cannot be written (its id taken) leaves the node unchanged
            var clash = new ObjectStore.Row("node_history", new LinkedHashMap<>(first.values()));
            assertThatThrownBy(() ->
                    stores.nodes.update(uuid, Map.of("provision_state", "cleaning"), List.of(clash), null));
            assertThat(stores.nodes.get("uuid", uuid).orElseThrow()).containsEntry("provision_state", "manageable");
            assertThat(stores.history.list(uuid)).hasSize(2);
        }
    }

    @AllEngines
    void deleteRemovesOnlyThatRow(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            Map<String, Object> gone = stores.nodes.insert(Rows.node("gone"));
            Map<String, Object> kept = stores.nodes.insert(Rows.node("kept"));
            Map<String, Object> port = stores.ports.insert(Rows.port((String) kept.get("uuid"), "52:54:00:00:00:01"));

            assertThat(stores.nodes.delete((String) gone.get("uuid"))).isTrue();

            assertThat(stores.nodes.get("uuid", gone.get("uuid"))).isEmpty();
            assertThat(stores.nodes.delete((String) gone.get("uuid"))).isFalse();
            assertThat(stores.nodes.get("uuid", kept.get("uuid"))).contains(kept);
            assertThat(stores.ports.get("uuid", port.get("uuid"))).contains(port);
            assertThat(stores.ports.delete((String) port.get("uuid"))).isTrue();
            assertThat(Rows.count(t.database(), "ports")).isZero();
        }
    }

    @AllEngines
    void portsAndChassisRoundTripTheirTypesToo(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            Map<String, Object> node = stores.nodes.insert(Rows.node(null));
            Map<String, Object> p = Rows.port((String) node.get("uuid"), "52:54:00:ab:cd:ef");
            p.put("pxe_enabled", false);
            p.put("local_link_connection", Json.parseStored("{\"switch_id\": \"0a:1b:2c:3d:4e:5f\", \"port_id\": \"Eth1/7\"}"));
            p.put("physical_network", "physnet-" + UNICODE);
            JsonNode llc = (JsonNode) p.get("local_link_connection");

            Map<String, Object> port = stores.ports.insert(p);

            assertThat(port).containsEntry("pxe_enabled", false).containsEntry("is_smartnic", false)
                    .containsEntry("local_link_connection", llc).containsEntry("physical_network", "physnet-" + UNICODE)
                    .containsEntry("node_uuid", node.get("uuid")).containsEntry("portgroup_uuid", null);
            Map<String, Object> chassis = stores.chassis.insert(Map.of("uuid", UUID.randomUUID().toString(), "description", UNICODE));
            assertThat(chassis).containsEntry("description", UNICODE).containsEntry("extra", null);
        }
    }
}
