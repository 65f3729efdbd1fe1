package dev.ferrum.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferrum.api.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An API request's writes wait for durability once, before its response, however many commits it makes. */
class AnswerDurabilityTest {

    @Test
    void eachWritingRequestWaitsForOneStore() {
        try (TestServer server = new TestServer()) {
            GroupCommit gc = server.stores().db.groupCommit();
            String uuid = server.node("{\"driver\": \"fake-hardware\", \"extra\": {\"n\": \"0\"}}").get("uuid").asText();
            long waited = gc.waited();
            for (int i = 1; i <= 5; i++) {
                // A PATCH takes the node's lock, saves the change and releases the lock: three commits.
                TestServer.Reply r = server.patch("/v1/nodes/" + uuid,
                        "[{\"op\": \"replace\", \"path\": \"/extra/n\", \"value\": \"" + i + "\"}]");
                assertThat(r.status()).isEqualTo(200);
                assertThat(gc.store().hasUnsavedChanges()).as("answered only once stored").isFalse();
            }
            for (String verb : new String[] {"manage", "provide"}) {
                assertThat(server.put("/v1/nodes/" + uuid + "/states/provision", "{\"target\": \"" + verb + "\"}").status())
                        .isEqualTo(202);
                String stable = verb.equals("manage") ? "manageable" : "available";
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    var node = server.get("/v1/nodes/" + uuid).json();
                    return node.get("provision_state").asText().equals(stable) && node.get("reservation").isNull();
                });
            }
            // Seven requests; the conductor's heartbeat may add a wait of its own meanwhile.
            assertThat(gc.waited() - waited).isBetween(7L, 9L);
        }
    }
}
