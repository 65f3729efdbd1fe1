package dev.ferrum.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferrum.testing.TestBroker;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 'ferrum all' with rpc_transport = amqp: every write goes through RabbitMQ to the conductor, and what the
 * conductor refuses reaches the HTTP client with the status and Ironic fault document of the in-process transport.
 */
class AmqpApiTest {
    private TestBroker broker;
    private String url;

    @BeforeEach
    void vhost() {
        broker = new TestBroker();
        url = broker.freshVirtualHost();
    }

    @AfterEach
    void close() {
        broker.close();
    }

    private TestServer server(Map<String, String> extra) {
        Map<String, String> o = new java.util.HashMap<>(Map.of("DEFAULT.rpc_transport", "amqp", "DEFAULT.transport_url", url));
        o.putAll(extra);
        return new TestServer(o);
    }

    @Test
    void writesAndConductorErrorsGoThroughRabbitMq() {
        try (TestServer s = server(Map.of("conductor.node_locked_retry_attempts", "0"))) {
            String uuid = s.node("{\"driver\": \"fake-hardware\", \"name\": \"over-amqp\"}").get("uuid").asText();
            TestServer.Reply patched = s.patch("/v1/nodes/" + uuid, "[{\"op\": \"add\", \"path\": \"/extra/k\", \"value\": {\"a\": [1, 2.5]}}]");
            assertThat(patched.status()).as(patched.text()).isEqualTo(200);
            assertThat(patched.json().get("extra").toString()).isEqualTo("{\"k\":{\"a\":[1,2.5]}}");

            TestServer.Reply locked = s.lockAndCall(uuid, "other-host",
                    () -> s.patch("/v1/nodes/" + uuid, "[{\"op\": \"add\", \"path\": \"/extra/x\", \"value\": 1}]"));
            assertThat(locked.status()).isEqualTo(409);
            assertThat(locked.fault()).isEqualTo("Node " + uuid + " is locked by host other-host, please retry after the current "
                    + "operation is completed.");

            TestServer.Reply bad = s.put("/v1/nodes/" + uuid + "/management/boot_device", "{\"boot_device\": \"floppy\"}");
            assertThat(bad.status()).as(bad.text()).isEqualTo(400);
            TestServer.Reply missing = s.delete("/v1/ports/" + java.util.UUID.randomUUID());
            assertThat(missing.status()).isEqualTo(404);

            TestServer.Reply manage = s.put("/v1/nodes/" + uuid + "/states/provision", "{\"target\": \"manage\"}");
            assertThat(manage.status()).as(manage.text()).isEqualTo(202);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> "manageable".equals(s.get("/v1/nodes/" + uuid).json().get("provision_state").asText()));
        }
    }

    @Test
    void aConductorThatDoesNotAnswerInTimeIsA500WithIronicsTimeoutMessage() {
        // the conductor retries the lock for 3 s; the API waits 1 s for its reply
        try (TestServer s = server(Map.of("DEFAULT.rpc_response_timeout", "1", "conductor.node_locked_retry_attempts", "3",
                "conductor.node_locked_retry_interval", "1"))) {
            String uuid = s.node("{\"driver\": \"fake-hardware\"}").get("uuid").asText();
            TestServer.Reply r = s.lockAndCall(uuid, "other-host",
                    () -> s.patch("/v1/nodes/" + uuid, "[{\"op\": \"add\", \"path\": \"/extra/x\", \"value\": 1}]"));
            assertThat(r.status()).isEqualTo(500);
            assertThat(errorDocument(r)).contains("\"faultcode\":\"Server\"");
            assertThat(r.fault()).startsWith("Timed out waiting for a reply to message ID ").contains("updateNode", "ferrum.conductor");
        }
    }

    private static String errorDocument(TestServer.Reply r) {
        return r.json().get("error_message").asText();
    }
}
