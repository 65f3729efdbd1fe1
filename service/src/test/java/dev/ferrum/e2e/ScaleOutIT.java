package dev.ferrum.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.testing.Engine;
import dev.ferrum.testing.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One API and three conductors as real processes on PostgreSQL or MariaDB and RabbitMQ: a conductor killed with
 * SIGKILL in the middle of 300 deploys, and a broker restarted in the middle of deploys. Fake hardware takes 2–4 s
 * per deploy so the kill lands while nodes are locked mid-deploy.
 */
class ScaleOutIT {
    private static final int NODES = 300;
    private static final Set<String> STABLE = Set.of("active", "deploy failed");

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void aConductorKilledMidDeployIsTakenOverAndEveryNodeEndsStable(Engine engine) throws Exception {
        try (Cluster cluster = new Cluster(engine, 3, "[fake]\ndeploy_delay = 2,4\n")) {
            List<String> nodes = enrollAvailable(cluster, NODES);
            String victim = "conductor-2";
            List<String> victims = uuids(cluster.get("/v1/nodes?conductor=" + victim + "&limit=1000"));
            assertThat(victims).as("the ring gives the victim about a third of the nodes").hasSizeBetween(NODES / 6, NODES / 2);

            // readers all through the kill: lists, node reads and the conductors list must keep answering
            AtomicBoolean reading = new AtomicBoolean(true);
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            Future<?> reader = pool.submit(() -> {
                while (reading.get()) {
                    cluster.get("/v1/nodes?limit=100");
                    cluster.get("/v1/nodes/" + nodes.get((int) (Math.random() * nodes.size())));
                    cluster.get("/v1/conductors");
                }
                return null;
            });
            AtomicInteger accepted = new AtomicInteger();
            List<Future<?>> deploys = new ArrayList<>();
            for (List<String> slice : slices(nodes, 8)) {
                deploys.add(pool.submit(() -> slice.forEach(uuid -> {
                    cluster.provision(uuid, "active");
                    accepted.incrementAndGet();
                })));
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> accepted.get() >= NODES / 2);
            cluster.conductor(2).kill();
            for (Future<?> f : deploys) {
                f.get();
            }

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(cluster.nodes()).allSatisfy(n -> {
                        assertThat(n.get("provision_state").asText()).isIn(STABLE);
                        // as in Ironic, a failed deploy keeps its target (active) until the next action
                        assertThat(n.get("target_provision_state").asText(null)).isIn(null, "active");
                        assertThat(n.get("reservation").isNull()).isTrue();
                    }));
            reading.set(false);
            reader.get();

            List<JsonNode> end = cluster.nodes();
            assertThat(end).filteredOn(n -> n.get("provision_state").asText().equals("deploy failed"))
                    .as("nodes the victim was deploying when it died").isNotEmpty()
                    .allSatisfy(n -> assertThat(n.get("last_error").asText()).contains(victim, "stopped heartbeating"));
            assertThat(end).extracting(n -> n.get("conductor").asText()).containsOnly("conductor-1", "conductor-3");
            assertThat(cluster.get("/v1/conductors/" + victim).get("alive").asBoolean()).isFalse();
            assertThat(cluster.alive()).containsExactlyInAnyOrder("conductor-1", "conductor-3");

            // its active nodes' boot is prepared again by their new owners (Ironic's take over)
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> cluster.count(
                    "SELECT COUNT(*) FROM nodes n JOIN conductors c ON c.id = n.conductor_affinity WHERE c.hostname = ?", victim) == 0);
            assertThat(cluster.count("SELECT COUNT(*) FROM nodes WHERE provision_state = 'active' AND conductor_affinity IS NULL")).isZero();

            // the survivors serve the victim's nodes: a synchronous call each, and the failed ones deployed again
            for (String uuid : victims.subList(0, 20)) {
                assertThat(cluster.get("/v1/nodes/" + uuid + "/management/boot_device").has("boot_device")).isTrue();
            }
            List<String> failed = end.stream().filter(n -> n.get("provision_state").asText().equals("deploy failed"))
                    .map(n -> n.get("uuid").asText()).toList();
            failed.forEach(uuid -> cluster.provision(uuid, "active"));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(cluster.nodes()).allSatisfy(n -> assertThat(n.get("provision_state").asText()).isEqualTo("active")));
            assertThat(cluster.serverErrors).as("5xx answers other than 503\n" + cluster.logs())
                    .allSatisfy(e -> assertThat(e).contains("→ 503"));
            pool.shutdownNow();
        }
    }

    @Test
    void aBrokerRestartMidRunLosesNoAcceptedRequest() throws Exception {
        TestBroker.requireReachable();
        try (Cluster cluster = new Cluster(Engine.POSTGRESQL, 2, "[fake]\ndeploy_delay = 1,2\n")) {
            List<String> nodes = enrollAvailable(cluster, 60);
            AtomicInteger accepted = new AtomicInteger();
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<?>> deploys = new ArrayList<>();
            for (List<String> slice : slices(nodes, 4)) {
                deploys.add(pool.submit(() -> slice.forEach(uuid -> {
                    cluster.provision(uuid, "active"); // a 503 while the broker is down is retried, as clients do
                    accepted.incrementAndGet();
                })));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> accepted.get() >= 20);
            try {
                TestBroker.rabbitmqctl("stop_app");
            } finally {
                TestBroker.rabbitmqctl("start_app");
                TestBroker.rabbitmqctl("await_startup");
            }
            for (Future<?> f : deploys) {
                f.get();
            }
            // every deploy was accepted once: each one is carried out, none lost in the broker
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(cluster.nodes()).allSatisfy(n -> {
                        assertThat(n.get("provision_state").asText()).isEqualTo("active");
                        assertThat(n.get("reservation").isNull()).isTrue();
                    }));
            assertThat(cluster.alive()).containsExactlyInAnyOrder("conductor-1", "conductor-2");
            assertThat(cluster.serverErrors).as("5xx answers other than 503\n" + cluster.logs())
                    .allSatisfy(e -> assertThat(e).contains("→ 503"));
            pool.shutdownNow();
        }
    }

    /** Enrolls n fake-hardware nodes and takes them to available (manage, provide), 8 at a time. */
    private static List<String> enrollAvailable(Cluster cluster, int n) throws Exception {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<String>> created = IntStream.range(0, n)
                .mapToObj(i -> pool.submit(() -> cluster.createNode("scale-" + i))).toList();
        List<String> uuids = new ArrayList<>();
        for (Future<String> f : created) {
            uuids.add(f.get());
        }
        for (String target : List.of("manage", "provide")) {
            List<Future<?>> sent = new ArrayList<>();
            for (List<String> slice : slices(uuids, 8)) {
                sent.add(pool.submit(() -> slice.forEach(u -> cluster.provision(u, target))));
            }
            for (Future<?> f : sent) {
                f.get();
            }
            String settled = target.equals("manage") ? "manageable" : "available";
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(cluster.nodes()).allSatisfy(node -> {
                        assertThat(node.get("provision_state").asText()).isEqualTo(settled);
                        assertThat(node.get("reservation").isNull()).isTrue();
                    }));
        }
        pool.shutdown();
        return uuids;
    }

    private static List<List<String>> slices(List<String> all, int count) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> s = new ArrayList<>();
            for (int j = i; j < all.size(); j += count) {
                s.add(all.get(j));
            }
            out.add(s);
        }
        return out;
    }

    private static List<String> uuids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.get("nodes").forEach(n -> out.add(n.get("uuid").asText()));
        return out;
    }
}
