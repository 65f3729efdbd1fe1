package dev.ferrum.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferrum.testing.AllEngines;
import dev.ferrum.testing.Engine;
import dev.ferrum.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class FiltersTest {
    private static final String[] DESCRIPTIONS = {
            "Rack 7, row B", "rack_1 spare", "rack11 spare", "100% burn-in passed", "1000 burn-in cycles",
            "C:\\temp\\ipmi", "ÜBER node", null,
    };

    private record Fixture(Stores stores, List<Map<String, Object>> rows) {
        List<String> names(Condition... where) {
            return stores.nodes.list(new ListQuery(List.of(where), "id", false, 0, null)).stream()
                    .map(r -> (String) r.get("name")).toList();
        }
    }

    private static Fixture fixture(TestDatabases t) {
        Stores stores = t.stores();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < DESCRIPTIONS.length; i++) {
            Map<String, Object> v = Rows.node(i == 7 ? null : "n" + i);
            v.put("description", DESCRIPTIONS[i]);
            v.put("driver", i % 2 == 0 ? "ipmi" : "redfish");
            v.put("maintenance", i < 3);
            v.put("owner", i < 4 ? "project-a" : null);
            rows.add(stores.nodes.insert(v));
        }
        return new Fixture(stores, rows);
    }

    @AllEngines
    void eqAndIsNull(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Fixture f = fixture(t);
            assertThat(f.names(new Condition.Eq("driver", "ipmi"))).containsExactly("n0", "n2", "n4", "n6");
            assertThat(f.names(new Condition.Eq("maintenance", true))).containsExactly("n0", "n1", "n2");
            assertThat(f.names(new Condition.Eq("name", "nope"))).isEmpty();
            assertThat(f.names(new Condition.IsNull("owner", true))).containsExactly("n4", "n5", "n6", null);
            assertThat(f.names(new Condition.IsNull("owner", false))).containsExactly("n0", "n1", "n2", "n3");
            assertThat(f.names(new Condition.IsNull("name", true))).containsExactly((String) null);
            assertThat(f.names(new Condition.Eq("driver", "redfish"), new Condition.IsNull("owner", false),
                    new Condition.Eq("maintenance", false))).containsExactly("n3");
        }
    }

    @AllEngines
    void inMatchesAnyOfTheValuesAndAnEmptyListMatchesNothing(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Fixture f = fixture(t);
            assertThat(f.names(new Condition.In("name", List.of("n5", "n1", "missing")))).containsExactly("n1", "n5");
            assertThat(f.names(new Condition.In("uuid", List.of(f.rows.get(3).get("uuid"))))).containsExactly("n3");
            assertThat(f.names(new Condition.In("name", List.of()))).isEmpty();
            assertThat(f.names(new Condition.In("name", List.of()), new Condition.IsNull("owner", true))).isEmpty();
            assertThat(f.stores.nodes.exists(List.of(new Condition.In("driver", List.of())))).isFalse();
            assertThat(f.stores.nodes.exists(List.of(new Condition.In("driver", List.of("redfish"))))).isTrue();
        }
    }

    @AllEngines
    void containsIsACaseInsensitiveSubstringMatch(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Fixture f = fixture(t);
            assertThat(f.names(new Condition.Contains("description", "RACK"))).containsExactly("n0", "n1", "n2");
            assertThat(f.names(new Condition.Contains("description", "row b"))).containsExactly("n0");
            assertThat(f.names(new Condition.Contains("description", "über"))).containsExactly("n6");
            assertThat(f.names(new Condition.Contains("description", "no such text"))).isEmpty();
        }
    }

    @AllEngines
    void containsTreatsLikeWildcardsAndBackslashesLiterally(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Fixture f = fixture(t);
            assertThat(f.names(new Condition.Contains("description", "rack_1"))).containsExactly("n1");
            assertThat(f.names(new Condition.Contains("description", "100%"))).containsExactly("n3");
            assertThat(f.names(new Condition.Contains("description", "c:\\temp\\"))).containsExactly("n5");
            assertThat(f.names(new Condition.Contains("description", "%"))).containsExactly("n3");
            assertThat(f.names(new Condition.Contains("description", "_"))).containsExactly("n1");
        }
    }

    @AllEngines
    void sqlFragmentsBindPositionallyAndCombineWithOtherFilters(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Fixture f = fixture(t);
            String gpu = "uuid IN (SELECT node_uuid FROM node_traits WHERE trait = ?)";
            t.database().jdbi().useHandle(h -> {
                for (int i : new int[] {1, 2, 5}) {
                    h.execute("INSERT INTO node_traits (node_uuid, trait) VALUES (?, ?)", f.rows.get(i).get("uuid"), "CUSTOM_GPU");
                }
                h.execute("INSERT INTO node_traits (node_uuid, trait) VALUES (?, ?)", f.rows.get(3).get("uuid"), "CUSTOM_FPGA");
            });
            assertThat(f.names(new Condition.Sql(gpu, List.of("CUSTOM_GPU")))).containsExactly("n1", "n2", "n5");
            assertThat(f.names(new Condition.Sql(gpu, List.of("CUSTOM_GPU")), new Condition.Eq("driver", "redfish")))
                    .containsExactly("n1", "n5");
            assertThat(f.names(new Condition.Eq("maintenance", true), new Condition.Sql("name = ? OR name = ?", List.of("n2", "n5"))))
                    .as("the fragment is parenthesised, so its OR stays inside it").containsExactly("n2");
        }
    }
}
