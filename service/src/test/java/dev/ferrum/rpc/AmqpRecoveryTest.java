package dev.ferrum.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferrum.common.FerrumException;
import dev.ferrum.testing.TestBroker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A RabbitMQ restart (rabbitmqctl stop_app / start_app) under a running client and conductor. */
class AmqpRecoveryTest {
    private TestBroker broker;

    @BeforeEach
    void start() {
        broker = new TestBroker();
        TestBroker.rabbitmqctl("status");
    }

    @AfterEach
    void stop() {
        TestBroker.rabbitmqctl("start_app"); // whatever happened, leave the broker running
        TestBroker.rabbitmqctl("await_startup");
        broker.close();
    }

    @Test
    void acceptedRequestsSurviveARestartAndBothSidesReconnect() throws Exception {
        FakeConductor conductor = new FakeConductor().on("getSupportedBootDevices", a -> List.of("pxe"));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        conductor.on("inspectHardware", a -> {
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        RpcServer server = new RpcServer(broker.connect("server"), broker.topic(), "r1", conductor.api, 8).start();
        broker.forget(server.hostQueue());
        RpcClient client = new RpcClient(broker.connect("client"), broker.topic(), Duration.ofSeconds(30));
        // a queue no conductor consumes yet: what is cast to it must still be there after the restart
        String waiting = broker.topic() + "-waiting";
        broker.forget(waiting);
        RpcClient caster = new RpcClient(broker.connect("caster"), waiting, Duration.ofSeconds(30));
        try {
            caster.cast(null, "destroyNode", "cast-before-restart");
            CompletableFuture<Object> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.call(null, "inspectHardware", "n-in-flight");
                } catch (FerrumException e) {
                    return e;
                }
            });
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            // and a call nobody has taken yet: transient, so the restart drops it, and its caller must send it again
            CompletableFuture<Object> queued = CompletableFuture.supplyAsync(() -> caster.call(null, "getBootDevice", "n-queued"));
            await().atMost(Duration.ofSeconds(10)).until(() -> messages(waiting) == 2);

            TestBroker.rabbitmqctl("stop_app");
            TestBroker.rabbitmqctl("start_app");
            TestBroker.rabbitmqctl("await_startup");
            release.countDown();

            // the call in flight across the restart completes, and ran once: its resend is answered from the first run
            assertThat(inFlight.get(30, TimeUnit.SECONDS)).isNull();
            assertThat(conductor.invoked).containsOnlyOnce("inspectHardware:n-in-flight");
            // the client and the conductor connected before the restart work again once recovery ran
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> List.of("pxe").equals(client.call(null, "getSupportedBootDevices", "n1")));
            // and the durable request is delivered to the first conductor that consumes its queue
            FakeConductor late = new FakeConductor().on("destroyNode", a -> null)
                    .on("getBootDevice", a -> java.util.Map.of("boot_device", "disk", "persistent", true));
            RpcServer lateServer = new RpcServer(broker.connect("late"), waiting, "r2", late.api, 8).start();
            broker.forget(lateServer.hostQueue());
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> late.invoked.contains("destroyNode:cast-before-restart"));
                assertThat(queued.get(30, TimeUnit.SECONDS)).isEqualTo(java.util.Map.of("boot_device", "disk", "persistent", true));
                assertThat(late.invoked).containsOnlyOnce("getBootDevice:n-queued");
            } finally {
                lateServer.close();
            }
        } finally {
            caster.close();
            client.close();
            server.close();
        }
    }

    /** Messages ready in a queue, as the broker counts them. */
    private int messages(String queue) {
        try (var b = new dev.ferrum.rpc.Broker(dev.ferrum.rpc.TransportUrl.parse(TestBroker.URL), "count")) {
            return b.channel().queueDeclarePassive(queue).getMessageCount();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
