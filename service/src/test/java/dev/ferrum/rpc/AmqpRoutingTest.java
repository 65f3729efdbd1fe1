package dev.ferrum.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferrum.common.HashRing;
import dev.ferrum.testing.TestBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests about a node go to its conductor's own queue, and reach another conductor when that one is gone: two
 * conductors (c1, c2) on a topic of their own on the machine's RabbitMQ.
 */
class AmqpRoutingTest {
    private TestBroker broker;
    private final FakeConductor one = new FakeConductor();
    private final FakeConductor two = new FakeConductor();
    private RpcServer c1;
    private RpcServer c2;
    private RpcClient client;

    @BeforeEach
    void start() {
        broker = new TestBroker();
        c1 = server("c1", one);
        c2 = server("c2", two);
        client = new RpcClient(broker.connect("client"), broker.topic(), Duration.ofSeconds(10));
        one.on("vifList", a -> List.of(Map.of("id", "from-c1")));
        two.on("vifList", a -> List.of(Map.of("id", "from-c2")));
    }

    private RpcServer server(String host, FakeConductor conductor) {
        RpcServer s = new RpcServer(broker.connect(host), broker.topic(), host, conductor.api, 8).start();
        broker.forget(s.hostQueue());
        return s;
    }

    @AfterEach
    void stop() {
        c1.close();
        c2.close();
        client.close();
        broker.close();
    }

    @Test
    void theHashRingRouterSendsEachNodesRequestsToItsOwnerOnly() {
        HashRing ring = new HashRing(Map.of("", Map.of("fake-hardware", List.of("c1", "c2"))));
        ConductorApi api = new AmqpConductorApi(client, new HashRingRouter(
                uuid -> Optional.of(Map.of("driver", "fake-hardware", "conductor_group", "")), () -> ring));
        for (int i = 0; i < 20; i++) {
            String node = "node-" + i;
            String owner = ring.owner(node, "fake-hardware", "").orElseThrow();
            assertThat(api.vifList(node)).containsExactly(Map.of("id", "from-" + owner));
        }
        assertThat(one.invoked).isNotEmpty().allSatisfy(call -> assertThat(ring.owner(call.substring(8), "fake-hardware", "")).contains("c1"));
        assertThat(two.invoked).isNotEmpty().allSatisfy(call -> assertThat(ring.owner(call.substring(8), "fake-hardware", "")).contains("c2"));
    }

    @Test
    void aNodesConductorGroupPicksItsConductors() {
        HashRing ring = new HashRing(Map.of("east", Map.of("fake-hardware", List.of("c1")), "", Map.of("fake-hardware", List.of("c2"))));
        Map<String, String> groups = Map.of("n-east", "east", "n-default", "");
        ConductorApi api = new AmqpConductorApi(client, new HashRingRouter(
                uuid -> Optional.of(Map.of("driver", "fake-hardware", "conductor_group", groups.get(uuid))), () -> ring));
        for (int i = 0; i < 5; i++) {
            assertThat(api.vifList("n-east")).containsExactly(Map.of("id", "from-c1"));
            assertThat(api.vifList("n-default")).containsExactly(Map.of("id", "from-c2"));
        }
    }

    @Test
    void aNodeNoConductorServesOrAnUnknownNodeGoesToTheSharedQueue() {
        ConductorApi unserved = new AmqpConductorApi(client, new HashRingRouter(
                uuid -> Optional.of(Map.of("driver", "ipmi", "conductor_group", "")), () -> new HashRing(Map.of())));
        assertThat(unserved.vifList("n1").getFirst().get("id")).isIn("from-c1", "from-c2");
        ConductorApi unknown = new AmqpConductorApi(client, new HashRingRouter(uuid -> Optional.empty(), () -> {
            throw new AssertionError("no ring needed for a node that does not exist");
        }));
        assertThat(unknown.vifList("n2").getFirst().get("id")).isIn("from-c1", "from-c2");
    }

    @Test
    void aHostWithoutAQueueIsServedAtOnceFromTheSharedQueue() {
        ConductorApi toNobody = new AmqpConductorApi(client, uuid -> "never-started");
        long t0 = System.nanoTime();
        assertThat(toNobody.vifList("n1").getFirst().get("id")).isIn("from-c1", "from-c2");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(RpcClient.HOST_QUEUE_WAIT);
    }

    @Test
    void aDeadConductorsRequestsMoveToTheOthersAfterTheHostQueueWait() {
        // c1 dies without a word: its durable queue stays, with nobody consuming it
        c1.close();
        long t0 = System.nanoTime();
        ConductorApi toC1 = new AmqpConductorApi(client, uuid -> "c1");
        assertThat(toC1.vifList("n1")).containsExactly(Map.of("id", "from-c2"));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).isGreaterThanOrEqualTo(RpcClient.HOST_QUEUE_WAIT).isLessThan(RpcClient.HOST_QUEUE_WAIT.multipliedBy(3));
        assertThat(one.invoked).isEmpty();
    }

    @Test
    void aRequestWhoseCallerGaveUpIsDroppedNotRunLate() {
        c1.close();
        c2.close();
        RpcClient impatient = new RpcClient(broker.connect("impatient"), broker.topic(), Duration.ofSeconds(3));
        try {
            // waits 2 s in c1's queue, moves to the shared queue without an expiration, nobody takes it before 3 s
            assertThatThrownBy(() -> impatient.call("c1", "destroyNode", "late")).hasMessageContaining("Timed out waiting");
            FakeConductor.assertOnlyTheMarkerRuns(broker, broker.topic(), impatient);
        } finally {
            impatient.close();
        }
    }
}
