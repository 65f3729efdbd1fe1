package dev.ferrum.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.testing.AllEngines;
import dev.ferrum.testing.Engine;
import dev.ferrum.testing.TestDatabases;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

class TraitStoreWritesTest {

    private static String node(Stores stores) {
        return (String) stores.nodes.insert(Rows.node(null)).get("uuid");
    }

    @AllEngines
    void replaceAddAndRemoveOneNodesTraits(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            String a = node(stores);
            String b = node(stores);
            stores.traits.replace(b, List.of("CUSTOM_B"));

            stores.traits.replace(a, List.of("CUSTOM_Z", "HW_CPU_X86_AVX2", "CUSTOM_A", "CUSTOM_Z"));
            assertThat(stores.traits.forNode(a)).containsExactly("CUSTOM_A", "CUSTOM_Z", "HW_CPU_X86_AVX2");
            stores.traits.add(a, "CUSTOM_M");
            stores.traits.add(a, "CUSTOM_M");
            assertThat(stores.traits.forNode(a)).containsExactly("CUSTOM_A", "CUSTOM_M", "CUSTOM_Z", "HW_CPU_X86_AVX2");
            assertThat(stores.traits.remove(a, "custom_m")).as("case-sensitive on every engine").isFalse();
            assertThat(stores.traits.remove(a, "CUSTOM_M")).isTrue();
            assertThat(stores.traits.remove(a, "CUSTOM_M")).isFalse();
            stores.traits.replace(a, List.of("CUSTOM_NEW"));
            assertThat(stores.traits.forNode(a)).containsExactly("CUSTOM_NEW");
            stores.traits.removeAll(a);
            assertThat(stores.traits.forNode(a)).isEmpty();
            assertThat(stores.traits.forNode(b)).containsExactly("CUSTOM_B");
        }
    }

    /** What views show: the node row's traits column, kept equal to node_traits by every write. */
    private static String column(Stores stores, String uuid) {
        return stores.nodes.get("uuid", uuid).map(r -> String.valueOf(r.get("traits"))).orElseThrow();
    }

    @AllEngines
    void everyWriteKeepsTheNodeRowsTraitsColumnSorted(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            String a = node(stores);
            stores.traits.replace(a, List.of("CUSTOM_Z", "CUSTOM_A"));
            assertThat(column(stores, a)).isEqualTo("[\"CUSTOM_A\",\"CUSTOM_Z\"]");
            stores.traits.add(a, "CUSTOM_M");
            assertThat(column(stores, a)).isEqualTo("[\"CUSTOM_A\",\"CUSTOM_M\",\"CUSTOM_Z\"]");
            stores.traits.remove(a, "CUSTOM_A");
            assertThat(column(stores, a)).isEqualTo("[\"CUSTOM_M\",\"CUSTOM_Z\"]");
            stores.traits.removeAll(a);
            assertThat(column(stores, a)).isEqualTo("[]");
        }
    }

    @AllEngines
    void fiftyTraitsAtMostAndNothingWrittenBeyond(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            String n = node(stores);
            List<String> fifty = IntStream.range(0, 50).mapToObj(i -> "CUSTOM_T" + i).toList();
            stores.traits.replace(n, List.of("CUSTOM_OLD"));
            List<String> fiftyOne = new java.util.ArrayList<>(fifty);
            fiftyOne.add("CUSTOM_T50");

            assertThatThrownBy(() -> stores.traits.replace(n, fiftyOne)).isInstanceOf(FerrumException.class)
                    .extracting(e -> ((FerrumException) e).code()).isEqualTo(ErrorCode.INVALID);
            assertThat(stores.traits.forNode(n)).containsExactly("CUSTOM_OLD");

            stores.traits.replace(n, fifty);
            assertThatThrownBy(() -> stores.traits.add(n, "CUSTOM_T50")).isInstanceOf(FerrumException.class);
            stores.traits.add(n, "CUSTOM_T0");
            assertThat(stores.traits.forNode(n)).hasSize(50);
        }
    }

    @AllEngines
    void aMissingNodeIsNotFound(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            String missing = UUID.randomUUID().toString();
            for (Runnable write : List.<Runnable>of(() -> stores.traits.replace(missing, List.of("CUSTOM_A")),
                    () -> stores.traits.add(missing, "CUSTOM_A"), () -> stores.traits.remove(missing, "CUSTOM_A"),
                    () -> stores.traits.removeAll(missing))) {
                assertThatThrownBy(write::run).isInstanceOf(FerrumException.class)
                        .extracting(e -> ((FerrumException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
            }
        }
    }
}
