package dev.ferrum.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The conductor's bounds: a full worker pool answers 503, and wait states time out into failed states. */
class ConductorLimitsTest {
    @Test
    void aFullWorkerPoolAnswers503AndChangesNothing() {
        try (TestServer server = new TestServer(Map.of("conductor.workers_pool_size", "3", "fake.power_delay", "60"))) {
            for (int i = 0; i < 3; i++) {
                String busy = server.node("{\"driver\": \"fake-hardware\"}").get("uuid").asText();
                assertThat(server.put("/v1/nodes/" + busy + "/states/power", "{\"target\": \"power on\"}").status()).isEqualTo(202);
            }
            String uuid = server.node("{\"driver\": \"fake-hardware\"}").get("uuid").asText();
            TestServer.Reply r = server.put("/v1/nodes/" + uuid + "/states/power", "{\"target\": \"power on\"}");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.fault()).isEqualTo("Requested action cannot be performed due to lack of free conductor workers.");
            JsonNode n = server.get("/v1/nodes/" + uuid).json();
            assertThat(n.get("target_power_state").isNull()).isTrue();
            assertThat(n.get("reservation").isNull()).isTrue();
        }
    }

    @Test
    void nodesWaitingPastTheirCallbackTimeoutFail() {
        try (TestServer server = new TestServer(Map.of("conductor.deploy_callback_timeout", "1",
                "conductor.clean_callback_timeout", "1", "conductor.check_provision_state_interval", "1",
                "conductor.automated_clean", "false"))) {
            String uuid = server.node("{\"driver\": \"fake-hardware\"}").get("uuid").asText();
            for (String verb : new String[] {"manage", "provide"}) {
                server.put("/v1/nodes/" + uuid + "/states/provision", "{\"target\": \"" + verb + "\"}");
                await().atMost(Duration.ofSeconds(10)).until(() -> server.get("/v1/nodes/" + uuid).json()
                        .get("target_provision_state").isNull());
            }
            // a wait step stands for a ramdisk that never calls back
            TestServer.Reply r = server.put("/v1/nodes/" + uuid + "/states/provision", "{\"target\": \"active\", \"deploy_steps\": "
                    + "[{\"interface\": \"deploy\", \"step\": \"wait\", \"args\": {}, \"priority\": 50}]}");
            assertThat(r.status()).as(r.text()).isEqualTo(202);
            // the failed state is written first, then the lock is released
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                JsonNode n = server.get("/v1/nodes/" + uuid).json();
                return "deploy failed".equals(n.get("provision_state").asText()) && n.get("reservation").isNull();
            });
            JsonNode n = server.get("/v1/nodes/" + uuid).json();
            assertThat(n.get("last_error").asText()).isEqualTo("Timeout reached while waiting for callback for node " + uuid);
        }
    }
}
