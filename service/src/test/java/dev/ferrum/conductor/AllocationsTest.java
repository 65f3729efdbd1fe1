package dev.ferrum.conductor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import dev.ferrum.common.objects.Objects;
import dev.ferrum.db.NodeAllocationStore.Reservation;
import dev.ferrum.db.ObjectStore;
import dev.ferrum.db.Stores;
import dev.ferrum.testing.AllEngines;
import dev.ferrum.testing.Engine;
import dev.ferrum.testing.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Matching, reservation, explanations and deallocation, against the stores on every engine. */
class AllocationsTest {

    /** A test database and an Allocations on it, with a short locked-node retry. */
    private record Fixture(TestDatabases db, Stores stores, Allocations allocations) implements AutoCloseable {
        static Fixture on(Engine engine) {
            TestDatabases db = TestDatabases.fresh(engine);
            Stores stores = db.stores();
            return new Fixture(db, stores, new Allocations(stores, Executors.newVirtualThreadPerTaskExecutor(), 2, Duration.ofMillis(20)));
        }

        String node(String name, String rc, Consumer<Map<String, Object>> tweak, String... traits) {
            Map<String, Object> n = new HashMap<>();
            n.put("uuid", UUID.randomUUID().toString());
            n.put("name", name);
            n.put("driver", "fake-hardware");
            n.put("maintenance", false);
            n.put("console_enabled", false);
            n.put("conductor_group", "");
            n.put("protected", false);
            n.put("retired", false);
            n.put("resource_class", rc);
            n.put("provision_state", "available");
            n.put("power_state", "power off");
            tweak.accept(n);
            String uuid = (String) stores.nodes.insert(n).get("uuid");
            db.database().jdbi().useHandle(h -> {
                for (String t : traits) {
                    h.execute("INSERT INTO node_traits (node_uuid, trait, created_at) VALUES (?, ?, ?)", uuid, t, ObjectStore.now());
                }
            });
            return uuid;
        }

        String node(String name, String rc, String... traits) {
            return node(name, rc, n -> { }, traits);
        }

        Map<String, Object> create(String rc, Consumer<Map<String, Object>> tweak) {
            Map<String, Object> v = new HashMap<>();
            v.put("uuid", UUID.randomUUID().toString());
            v.put("resource_class", rc);
            v.put("traits", Json.MAPPER.createArrayNode());
            v.put("candidate_nodes", Json.MAPPER.createArrayNode());
            v.put("extra", Json.object());
            tweak.accept(v);
            return allocations.create(v);
        }

        /** Creates and waits until the conductor has finished with it. */
        Map<String, Object> allocate(String rc, Consumer<Map<String, Object>> tweak) {
            return await((String) create(rc, tweak).get("uuid"));
        }

        Map<String, Object> await(String uuid) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> !"allocating".equals(allocation(uuid).get("state")));
            return allocation(uuid);
        }

        Map<String, Object> allocation(String uuid) {
            return stores.allocations.get("uuid", uuid).orElseThrow();
        }

        Map<String, Object> nodeRow(String uuid) {
            return stores.nodes.get("uuid", uuid).orElseThrow();
        }

        @Override
        public void close() {
            allocations.close();
            db.close();
        }
    }

    private static ArrayNode list(String... items) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (String i : items) {
            a.add(i);
        }
        return a;
    }

    @AllEngines
    void twentyAllocationsOnTenNodesNeverShareANode(Engine engine) throws Exception {
        try (Fixture f = Fixture.on(engine)) {
            Set<String> nodes = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                nodes.add(f.node("n" + i, "gold"));
            }
            CountDownLatch start = new CountDownLatch(1);
            List<String> uuids = java.util.Collections.synchronizedList(new ArrayList<>());
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 20; i++) {
                    clients.submit(() -> {
                        start.await();
                        uuids.add((String) f.create("gold", v -> { }).get("uuid"));
                        return null;
                    });
                }
                start.countDown();
            }
            assertThat(uuids).hasSize(20);
            List<Map<String, Object>> done = uuids.stream().map(f::await).toList();

            List<Map<String, Object>> active = done.stream().filter(a -> "active".equals(a.get("state"))).toList();
            assertThat(active).hasSize(10);
            assertThat(active.stream().map(a -> a.get("node_uuid")).distinct()).containsExactlyInAnyOrderElementsOf(nodes);
            for (Map<String, Object> a : active) {
                Map<String, Object> node = f.nodeRow((String) a.get("node_uuid"));
                assertThat(node.get("allocation_uuid")).isEqualTo(a.get("uuid"));
                assertThat(node.get("instance_uuid")).isEqualTo(a.get("uuid"));
            }
            assertThat(done.stream().filter(a -> "error".equals(a.get("state"))))
                    .hasSize(10)
                    .allSatisfy(a -> assertThat((String) a.get("last_error")).startsWith("Failed to process allocation " + a.get("uuid") + ": "));
        }
    }

    @Test
    void picksANodeWithTheClassEveryTraitAndAmongTheCandidates() {
        try (Fixture f = Fixture.on(Engine.H2)) {
            f.node("silver-1", "silver", "CUSTOM_GPU", "CUSTOM_X");
            f.node("gold-plain", "gold");
            String both = f.node("gold-both", "gold", "CUSTOM_GPU", "HW_CPU_X86_AVX2");
            f.node("gold-gpu", "gold", "CUSTOM_GPU");
            Map<String, Object> a = f.allocate("gold", v -> v.put("traits", list("CUSTOM_GPU", "HW_CPU_X86_AVX2")));
            assertThat(a.get("state")).isEqualTo("active");
            assertThat(a.get("node_uuid")).isEqualTo(both);
            JsonNode info = (JsonNode) f.nodeRow(both).get("instance_info");
            assertThat(info.get("traits")).isEqualTo(list("CUSTOM_GPU", "HW_CPU_X86_AVX2"));

            String second = f.node("gold-2", "gold");
            Map<String, Object> c = f.allocate("gold", v -> v.put("candidate_nodes", list(second)));
            assertThat(c.get("node_uuid")).isEqualTo(second);
        }
    }

    @Test
    void aNodeNamedLikeTheAllocationIsPreferred() {
        try (Fixture f = Fixture.on(Engine.H2)) {
            for (int i = 0; i < 5; i++) {
                f.node("host-" + i, "gold");
            }
            String wanted = f.node("web-1", "gold");
            assertThat(f.allocate("gold", v -> v.put("name", "web-1")).get("node_uuid")).isEqualTo(wanted);
        }
    }

    @AllEngines
    void whenNothingMatchesEveryNodeSaysWhy(Engine engine) {
        try (Fixture f = Fixture.on(engine)) {
            String enroll = f.node("enrolled", "gold", n -> {
                n.put("provision_state", "enroll");
                n.put("power_state", null);
            });
            String maint = f.node("fixing", "gold", n -> n.put("maintenance", true), "CUSTOM_GPU");
            String busy = f.node("busy", "gold", n -> n.put("instance_uuid", UUID.randomUUID().toString()), "CUSTOM_GPU");
            String plain = f.node(null, "gold");
            f.node("other-class", "silver", "CUSTOM_GPU");

            String error = (String) f.allocate("gold", v -> v.put("traits", list("CUSTOM_GPU"))).get("last_error");

            assertThat(error).contains(": no suitable nodes have the requested traits CUSTOM_GPU. Excluded nodes: ")
                    .contains("enrolled (" + enroll + "): provision state is \"enroll\", power state is unknown, missing traits CUSTOM_GPU")
                    .contains("fixing (" + maint + "): in maintenance;")
                    .contains("busy (" + busy + "): already has instance ")
                    .contains(plain + ": missing traits CUSTOM_GPU")
                    .doesNotContain("other-class");
            assertThat(error.indexOf("fixing")).as("closest matches first").isLessThan(error.indexOf("enrolled"));
        }
    }

    @Test
    void missingTraitsKeepIronicsOpeningAndLockedNodesAreNamed() {
        try (Fixture f = Fixture.on(Engine.H2)) {
            String gpu = f.node("gpu", "gold", "CUSTOM_GPU");
            String error = (String) f.allocate("gold", v -> v.put("traits", list("CUSTOM_GPU", "CUSTOM_FPGA"))).get("last_error");
            assertThat(error).contains(": no suitable nodes have the requested traits CUSTOM_GPU, CUSTOM_FPGA. Excluded nodes: gpu ("
                    + gpu + "): missing traits CUSTOM_FPGA.");

            f.stores().nodes.update(gpu, Map.of("reservation", "conductor-7"));
            String locked = (String) f.allocate("gold", v -> { }).get("last_error");
            assertThat(locked).contains(": could not reserve any of 1 suitable nodes. Excluded nodes: gpu (" + gpu + "): locked by conductor-7.");
        }
    }

    @Test
    void candidateListsExplainTheirNodesAndPointAtMatchesOutsideThem() {
        try (Fixture f = Fixture.on(Engine.H2)) {
            String silver = f.node("s1", "silver");
            String free = f.node("g-free", "gold");
            String error = (String) f.allocate("gold", v -> v.put("candidate_nodes", list(silver))).get("last_error");
            assertThat(error).contains(": none of the requested nodes are available and match the resource class gold. Excluded nodes: s1 ("
                            + silver + "): resource class is \"silver\".")
                    .contains("1 other node(s) would match but are not in candidate_nodes: g-free (" + free + ").");
        }
    }

    @Test
    void anUnknownClassListsTheClassesThereAreAndLongListsAreCut() {
        try (Fixture f = Fixture.on(Engine.H2)) {
            for (int i = 0; i < 60; i++) {
                f.node("e" + i, "gold", n -> n.put("provision_state", "enroll"));
            }
            f.node("s", "silver");
            assertThat((String) f.allocate("bronze", v -> { }).get("last_error"))
                    .endsWith(": no available nodes match the resource class bronze. No node has resource class bronze; "
                            + "the resource classes in use are: gold (60), silver (1).");
            String error = (String) f.allocate("gold", v -> { }).get("last_error");
            assertThat(error).endsWith("; and 10 more.");
            assertThat(error.split("provision state is")).hasSize(51);
        }
    }

    @Test
    void ownersOnlyGetNodesTheyOwnOrLease() {
        try (Fixture f = Fixture.on(Engine.H2)) {
            String other = f.node("theirs", "gold", n -> n.put("owner", "p2"));
            String leased = f.node("leased", "gold", n -> {
                n.put("owner", "p2");
                n.put("lessee", "p1");
            });
            assertThat(f.allocate("gold", v -> v.put("owner", "p1")).get("node_uuid")).isEqualTo(leased);
            assertThat((String) f.allocate("gold", v -> v.put("owner", "p3")).get("last_error"))
                    .contains("theirs (" + other + "): neither owned nor leased by project p3");
        }
    }

    @AllEngines
    void deletingFreesTheNodeButNotWhileItIsActive(Engine engine) {
        try (Fixture f = Fixture.on(engine)) {
            String node = f.node("n", "gold");
            Map<String, Object> a = f.allocate("gold", v -> { });
            String uuid = (String) a.get("uuid");
            f.stores().nodes.update(node, Map.of("provision_state", "active"));
            assertThatThrownBy(() -> f.allocations().destroy(uuid)).isInstanceOf(FerrumException.class)
                    .hasMessageContaining("because the node is active (and maintenance mode is off)");
            f.stores().nodes.update(node, Map.of("provision_state", "available"));

            f.allocations().destroy(uuid);

            assertThat(f.stores().allocations.get("uuid", uuid)).isEmpty();
            assertThat(f.nodeRow(node)).containsEntry("allocation_uuid", null).containsEntry("instance_uuid", null);
            assertThat(f.allocate("gold", v -> { }).get("node_uuid")).as("free again").isEqualTo(node);
        }
    }

    @AllEngines
    void backfillingLinksAnActiveNodeAtOnce(Engine engine) {
        try (Fixture f = Fixture.on(engine)) {
            String instance = UUID.randomUUID().toString();
            String node = f.node("deployed", "gold", n -> {
                n.put("provision_state", "active");
                n.put("instance_uuid", instance);
            });
            Map<String, Object> a = f.create("gold", v -> {
                v.put("uuid", instance);
                v.put("node_uuid", node);
            });
            assertThat(a).containsEntry("state", "active").containsEntry("node_uuid", node);
            assertThat(f.nodeRow(node)).containsEntry("allocation_uuid", instance).containsEntry("instance_uuid", instance);

            String idle = f.node("idle", "gold");
            assertThatThrownBy(() -> f.create("silver", v -> v.put("node_uuid", idle))).isInstanceOf(FerrumException.class)
                    .hasMessage("Cannot backfill an allocation for node " + idle + ": Node must be in the \"active\" state, but the "
                            + "current state is \"available\"; Resource class gold does not match the requested resource class silver.");
            assertThat(f.stores().allocations.list(new dev.ferrum.db.ListQuery(List.of(), "id", false, 0, null))).hasSize(1);
        }
    }

    @Test
    void aDeletedAllocationNeverTakesANodeAndUnfinishedOnesResume() {
        try (Fixture f = Fixture.on(Engine.H2)) {
            String node = f.node("n", "gold");
            Map<String, Object> row = new HashMap<>(Map.of("uuid", UUID.randomUUID().toString(), "state", "allocating",
                    "resource_class", "gold"));
            Map<String, Object> stored = f.stores().allocations.insert(Objects.ALLOCATION.withDefaults(row));
            f.stores().nodeAllocations.destroy((String) stored.get("uuid"));
            assertThat(f.stores().nodeAllocations.reserve(stored, node)).isEqualTo(Reservation.ALLOCATION_GONE);
            assertThat(f.nodeRow(node).get("allocation_uuid")).isNull();

            Map<String, Object> left = f.stores().allocations.insert(Objects.ALLOCATION.withDefaults(
                    new HashMap<>(Map.of("state", "allocating", "resource_class", "gold"))));
            f.allocations().resumeUnfinished();
            assertThat(f.await((String) left.get("uuid"))).containsEntry("state", "active").containsEntry("node_uuid", node);
        }
    }
}
