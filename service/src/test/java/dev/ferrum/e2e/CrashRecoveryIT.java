package dev.ferrum.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the whole service while nodes are mid-deploy and mid-clean: after a restart every node is in a
 * stable or failed state, unlocked, with a last_error that says what happened, and can be driven again.
 */
class CrashRecoveryIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private FerrumProcess ferrum;

    @AfterEach
    void stop() {
        if (ferrum != null) {
            ferrum.close();
        }
    }

    @Test
    void nodesKilledMidDeployAndMidCleanComeBackFailedUnlockedAndUsable() {
        // slow fake hardware so the kill lands inside the deploy step and the clean step
        ferrum = new FerrumProcess("[fake]\ndeploy_delay = 300\nbios_delay = 300\n");
        String deploying = create("{\"driver\": \"fake-hardware\", \"name\": \"crash-deploy\"}");
        String cleaning = create("{\"driver\": \"fake-hardware\", \"name\": \"crash-clean\", \"bios_interface\": \"fake\"}");
        for (String uuid : new String[] {deploying, cleaning}) {
            provision(uuid, "{\"target\": \"manage\"}");
            awaitState(uuid, "manageable");
        }
        provision(deploying, "{\"target\": \"provide\"}");
        awaitState(deploying, "available");
        provision(deploying, "{\"target\": \"active\"}");
        provision(cleaning, "{\"target\": \"clean\", \"clean_steps\": [{\"interface\": \"bios\", \"step\": "
                + "\"apply_configuration\", \"args\": {\"settings\": [{\"name\": \"a\", \"value\": \"b\"}]}}]}");
        awaitLockedIn(deploying, "deploying");
        awaitLockedIn(cleaning, "cleaning");

        ferrum.killAndRestart("");

        JsonNode d = node(deploying);
        assertThat(d.get("provision_state").asText()).isEqualTo("deploy failed");
        assertThat(d.get("reservation").isNull()).isTrue();
        assertThat(d.get("last_error").asText()).contains("deployment can't be resumed by conductor e2e-conductor");
        JsonNode c = node(cleaning);
        assertThat(c.get("provision_state").asText()).isEqualTo("clean failed");
        assertThat(c.get("target_provision_state").asText()).isEqualTo("manageable");
        assertThat(c.get("reservation").isNull()).isTrue();
        assertThat(c.get("last_error").asText()).contains("cleaning can't be resumed");

        // nothing stays stuck: both nodes can be driven again
        provision(deploying, "{\"target\": \"active\"}");
        awaitState(deploying, "active");
        provision(cleaning, "{\"target\": \"manage\"}");
        awaitState(cleaning, "manageable");
    }

    private String create(String body) {
        HttpResponse<String> r = send("POST", "/v1/nodes", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Json.parseStored(r.body()).get("uuid").asText();
    }

    private void provision(String uuid, String body) {
        HttpResponse<String> r = send("PUT", "/v1/nodes/" + uuid + "/states/provision", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    private JsonNode node(String uuid) {
        return Json.parseStored(send("GET", "/v1/nodes/" + uuid, null).body());
    }

    private void awaitState(String uuid, String state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode n = node(uuid);
            return n.get("provision_state").asText().equals(state) && n.get("reservation").isNull();
        });
    }

    private void awaitLockedIn(String uuid, String state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode n = node(uuid);
            return n.get("provision_state").asText().equals(state) && !n.get("reservation").isNull();
        });
    }

    private HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ferrum.endpoint() + path))
                .header("X-OpenStack-Ironic-API-Version", "1.82")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
