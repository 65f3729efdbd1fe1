package dev.ferrum.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferrum.common.Json;
import dev.ferrum.testing.AllEngines;
import dev.ferrum.testing.Engine;
import dev.ferrum.testing.TestDatabases;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

class ConductorStoreTest {
    private static final LocalDateTime LONG_AGO = LocalDateTime.of(2020, 1, 1, 0, 0, 0, 1_000);

    private static void age(Database db, String hostname) {
        db.jdbi().useHandle(h -> h.execute("UPDATE conductors SET updated_at = ? WHERE hostname = ?", LONG_AGO, hostname));
    }

    private static ConductorStore twoConductors(TestDatabases t) {
        ConductorStore conductors = t.stores().conductors;
        conductors.register("c1", "", List.of("ipmi"));
        conductors.register("c2", "", List.of("ipmi"));
        return conductors;
    }

    @AllEngines
    void registerAddsAnOnlineConductorWithItsHardwareTypes(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            ConductorStore conductors = t.stores().conductors;
            LocalDateTime before = ObjectStore.now();
            conductors.register("c1.example.com", "rack-1", List.of("ipmi", "fake-hardware"));
            conductors.register("c2.example.com", "", List.of());

            List<Map<String, Object>> all = conductors.list();

            assertThat(all).extracting(r -> r.get("hostname")).containsExactly("c1.example.com", "c2.example.com");
            Map<String, Object> c1 = all.getFirst();
            assertThat(c1).containsEntry("conductor_group", "rack-1").containsEntry("online", true)
                    .containsEntry("drivers", Json.parseStored("[\"ipmi\", \"fake-hardware\"]"));
            assertThat((LocalDateTime) c1.get("created_at")).isAfterOrEqualTo(before).isEqualTo(c1.get("updated_at"));
            assertThat(all.get(1)).containsEntry("conductor_group", "").containsEntry("drivers", Json.parseStored("[]"));
            assertThat(conductors.get("c2.example.com")).contains(all.get(1));
            assertThat(conductors.get("c3.example.com")).isEmpty();
        }
    }

    @AllEngines
    void heartbeatRefreshesOnlyThatConductor(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            ConductorStore conductors = twoConductors(t);
            age(t.database(), "c1");
            age(t.database(), "c2");
            LocalDateTime before = ObjectStore.now();

            conductors.heartbeat("c1");
            conductors.heartbeat("no-such-host");

            assertThat((LocalDateTime) conductors.get("c1").orElseThrow().get("updated_at")).isAfterOrEqualTo(before);
            assertThat(conductors.get("c2").orElseThrow()).containsEntry("updated_at", LONG_AGO);
            assertThat(conductors.list()).hasSize(2);
        }
    }

    @AllEngines
    void unregisterTakesAConductorOfflineAndAHeartbeatOrRegisterBringsItBack(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            ConductorStore conductors = twoConductors(t);

            conductors.unregister("c1");
            assertThat(conductors.get("c1").orElseThrow()).containsEntry("online", false);
            assertThat(conductors.get("c2").orElseThrow()).containsEntry("online", true);

            conductors.heartbeat("c1");
            assertThat(conductors.get("c1").orElseThrow()).containsEntry("online", true);

            conductors.unregister("c1");
            conductors.unregister("no-such-host");
            assertThat(conductors.list()).extracting(r -> r.get("online")).containsExactly(false, true);
        }
    }

    @AllEngines
    void reRegisteringUpdatesTheSameRow(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            ConductorStore conductors = t.stores().conductors;
            conductors.register("c1", "old-group", List.of("ipmi"));
            Map<String, Object> first = conductors.get("c1").orElseThrow();
            conductors.unregister("c1");
            age(t.database(), "c1");

            conductors.register("c1", "new-group", List.of("redfish", "ipmi"));

            Map<String, Object> again = conductors.get("c1").orElseThrow();
            assertThat(conductors.list()).hasSize(1);
            assertThat(again).containsEntry("id", first.get("id")).containsEntry("created_at", first.get("created_at"))
                    .containsEntry("conductor_group", "new-group").containsEntry("online", true)
                    .containsEntry("drivers", Json.parseStored("[\"redfish\", \"ipmi\"]"));
            assertThat((LocalDateTime) again.get("updated_at")).isAfter(LONG_AGO);
        }
    }

    @AllEngines
    void aRowWithoutDriversListsAnEmptyArray(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            t.database().jdbi().useHandle(h -> h.execute("INSERT INTO conductors (hostname, conductor_group, online) VALUES (?, ?, ?)",
                    "legacy", "", true));
            assertThat(t.stores().conductors.get("legacy").orElseThrow())
                    .containsEntry("drivers", Json.parseStored("[]")).containsEntry("online", true);
        }
    }
}
