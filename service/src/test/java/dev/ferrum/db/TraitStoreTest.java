package dev.ferrum.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferrum.testing.AllEngines;
import dev.ferrum.testing.Engine;
import dev.ferrum.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

class TraitStoreTest {

    private static void addTraits(Database db, String node, String... traits) {
        db.jdbi().useHandle(h -> {
            for (String trait : traits) {
                h.execute("INSERT INTO node_traits (node_uuid, trait, created_at) VALUES (?, ?, ?)", node, trait, ObjectStore.now());
            }
        });
    }

    private static String node(Stores stores) {
        return (String) stores.nodes.insert(Rows.node(null)).get("uuid");
    }

    @AllEngines
    void returnsEachNodesTraitsSortedAndLeavesOutNodesWithout(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            String a = node(stores);
            String b = node(stores);
            String bare = node(stores);
            String notAsked = node(stores);
            addTraits(t.database(), a, "HW_CPU_X86_AVX2", "CUSTOM_Z", "CUSTOM_A");
            addTraits(t.database(), b, "CUSTOM_GPU");
            addTraits(t.database(), notAsked, "CUSTOM_A");

            Map<String, List<String>> traits = stores.traits.forNodes(List.of(a, b, bare, UUID.randomUUID().toString()));

            assertThat(traits).containsOnlyKeys(a, b);
            assertThat(traits.get(a)).containsExactly("CUSTOM_A", "CUSTOM_Z", "HW_CPU_X86_AVX2");
            assertThat(traits.get(b)).containsExactly("CUSTOM_GPU");
        }
    }

    @AllEngines
    void noNodesMeansNoTraits(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            addTraits(t.database(), node(stores), "CUSTOM_A");
            assertThat(stores.traits.forNodes(List.of())).isEmpty();
        }
    }

    @AllEngines
    void manyNodesAreReadInChunksWithoutLosingAny(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            List<String> asked = new ArrayList<>();
            for (int i = 0; i < 1201; i++) {
                asked.add(UUID.randomUUID().toString());
            }
            List<Integer> real = List.of(0, 499, 500, 999, 1000, 1200);
            for (int i : real) {
                String uuid = node(stores);
                asked.set(i, uuid);
                addTraits(t.database(), uuid, "CUSTOM_AT_" + i, "CUSTOM_ALL");
            }

            Map<String, List<String>> traits = stores.traits.forNodes(asked);

            assertThat(traits).hasSize(real.size());
            for (int i : real) {
                assertThat(traits.get(asked.get(i))).as("node %d", i).containsExactly("CUSTOM_ALL", "CUSTOM_AT_" + i);
            }
        }
    }
}
