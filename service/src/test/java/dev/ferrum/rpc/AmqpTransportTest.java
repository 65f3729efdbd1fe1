package dev.ferrum.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import dev.ferrum.testing.TestBroker;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AMQP transport against the machine's RabbitMQ: a client and a conductor-side server on a topic of their own. */
class AmqpTransportTest {
    private TestBroker broker;
    private FakeConductor conductor;
    private RpcServer server;
    private RpcClient client;
    private ConductorApi api;

    @BeforeEach
    void start() {
        broker = new TestBroker();
        conductor = new FakeConductor();
        server = new RpcServer(broker.connect("server"), broker.topic(), "c1", conductor.api, 8).start();
        broker.forget(server.hostQueue());
        client = new RpcClient(broker.connect("client"), broker.topic(), Duration.ofSeconds(10));
        api = new AmqpConductorApi(client, ConductorRouter.TOPIC);
    }

    @AfterEach
    void stop() {
        server.close();
        client.close();
        broker.close();
    }

    @Test
    void aCallReturnsTheConductorsValueWithEveryTypeIntact() {
        conductor.on("updateNode", a -> {
            Map<String, Object> row = new LinkedHashMap<>((Map<String, Object>) a[1]);
            row.put("id", 12L);
            row.put("uuid", a[0]);
            row.put("reset", a[2]);
            row.put("updated_at", LocalDateTime.of(2025, 1, 2, 3, 4, 5, 600_000));
            return row;
        });
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("driver_info", Json.parseStored("{\"ipmi_address\": \"10.0.0.1\", \"port\": 623, \"n\": null}"));
        changes.put("maintenance", true);
        changes.put("description", null);
        changes.put("traits", List.of("CUSTOM_A", "CUSTOM_B"));
        Map<String, Object> row = api.updateNode("n1", changes, true);
        assertThat(row).containsEntry("id", 12L).containsEntry("uuid", "n1").containsEntry("reset", true)
                .containsEntry("driver_info", changes.get("driver_info")).containsEntry("maintenance", true)
                .containsEntry("description", null).containsEntry("traits", List.of("CUSTOM_A", "CUSTOM_B"))
                .containsEntry("updated_at", LocalDateTime.of(2025, 1, 2, 3, 4, 5, 600_000));

        conductor.on("getIndicatorState", a -> a[1] + "/" + a[2] + "=ON");
        assertThat(api.getIndicatorState("n1", "system", "led")).isEqualTo("system/led=ON");
        conductor.on("getSupportedBootDevices", a -> List.of("pxe", "disk"));
        assertThat(api.getSupportedBootDevices("n1")).containsExactly("pxe", "disk");
        conductor.on("changeNodePowerState", a -> null);
        api.changeNodePowerState("n1", "power on", null);
        assertThat(conductor.invoked).contains("changeNodePowerState:n1");
    }

    @Test
    void conductorErrorsArriveWithTheirCodeAndMessage() {
        conductor.on("destroyNode", a -> {
            throw FerrumException.notFound("Node %s could not be found.", a[0]);
        });
        conductor.on("updatePort", a -> {
            throw FerrumException.invalid("Invalid MAC address %s.", ((Map<?, ?>) a[1]).get("address"));
        });
        conductor.on("doNodeDeploy", a -> {
            throw FerrumException.nodeLocked((String) a[0], "c2");
        });
        conductor.on("injectNmi", a -> {
            throw new IllegalStateException("a bug's details");
        });
        assertThatThrownBy(() -> api.destroyNode("n404")).isInstanceOfSatisfying(FerrumException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.code().httpStatus()).isEqualTo(404);
            assertThat(e).hasMessage("Node n404 could not be found.");
        });
        assertThatThrownBy(() -> api.updatePort("p1", Map.of("address", "zz"))).isInstanceOfSatisfying(FerrumException.class, e -> {
            assertThat(e.code().httpStatus()).isEqualTo(400);
            assertThat(e).hasMessage("Invalid MAC address zz.");
        });
        assertThatThrownBy(() -> api.doNodeDeploy("n9", false, null, List.of())).isInstanceOfSatisfying(FerrumException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NODE_LOCKED);
            assertThat(e.code().httpStatus()).isEqualTo(409);
            assertThat(e).hasMessage(FerrumException.nodeLocked("n9", "c2").getMessage());
        });
        assertThatThrownBy(() -> api.injectNmi("n1")).isInstanceOfSatisfying(FerrumException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
            assertThat(e.getMessage()).contains("conductor c1").doesNotContain("a bug's details");
        });
    }

    @Test
    void aCastIsCarriedOutWithoutAReply() {
        CountDownLatch done = new CountDownLatch(1);
        conductor.on("destroyPort", a -> {
            done.countDown();
            return null;
        });
        client.cast(null, "destroyPort", "p-cast");
        await().atMost(Duration.ofSeconds(10)).until(() -> done.getCount() == 0);
        assertThat(conductor.invoked).containsExactly("destroyPort:p-cast");
    }

    @Test
    void aConductorTooSlowToAnswerGivesTheCallerIronicsTimeoutMessage() {
        CountDownLatch release = new CountDownLatch(1);
        conductor.on("inspectHardware", a -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        RpcClient impatient = new RpcClient(broker.connect("impatient"), broker.topic(), Duration.ofSeconds(1));
        try {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> impatient.call(null, "inspectHardware", "n1")).isInstanceOfSatisfying(FerrumException.class, e -> {
                assertThat(e.code().httpStatus()).isEqualTo(500);
                assertThat(e.getMessage()).startsWith("Timed out waiting for a reply to message ID ")
                        .contains("inspectHardware", broker.topic(), "after 1 seconds", "rpc_response_timeout");
            });
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            release.countDown();
            // the late reply is dropped and the client goes on working
            conductor.on("getBootDevice", a -> Map.of("boot_device", "pxe", "persistent", false));
            assertThat(impatient.call(null, "getBootDevice", "n1")).isEqualTo(Map.of("boot_device", "pxe", "persistent", false));
        } finally {
            impatient.close();
        }
    }

    @Test
    void aCallNobodyTookInTimeExpiresAndIsNeverRunLate() {
        String idle = broker.topic() + "-idle";
        broker.forget(idle);
        RpcClient impatient = new RpcClient(broker.connect("impatient"), idle, Duration.ofSeconds(1));
        try {
            assertThatThrownBy(() -> impatient.call(null, "destroyNode", "late")).hasMessageContaining("Timed out waiting");
            FakeConductor.assertOnlyTheMarkerRuns(broker, idle, impatient);
        } finally {
            impatient.close();
        }
    }

    @Test
    void aRequestDeliveredAgainIsAnsweredFromItsFirstRunNotRunTwice() throws Exception {
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        conductor.on("destroyNode", a -> {
            runs.incrementAndGet();
            return null;
        });
        Broker raw = broker.connect("raw");
        com.rabbitmq.client.Channel ch = raw.channel();
        String replies = ch.queueDeclare().getQueue();
        List<String> answered = new java.util.concurrent.CopyOnWriteArrayList<>();
        ch.basicConsume(replies, true, (tag, d) -> answered.add(d.getProperties().getCorrelationId()), tag -> { });
        // what a broker restart does to a request whose ack was lost: the same message id arrives twice
        for (int i = 0; i < 2; i++) {
            com.rabbitmq.client.AMQP.BasicProperties p = new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                    .messageId("m-1").correlationId("m-1").type("call").replyTo(replies).build();
            ch.basicPublish("", broker.topic(), p, RpcClient.request("destroyNode", "n1"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> answered.size() == 2);
        assertThat(answered).containsExactly("m-1", "m-1");
        assertThat(runs.get()).isEqualTo(1);
    }
}
