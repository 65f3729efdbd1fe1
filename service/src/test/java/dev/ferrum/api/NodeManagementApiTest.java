package dev.ferrum.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /management/inject_nmi, /management/indicators, /states/boot_mode, /states/secure_boot, /states/console. */
class NodeManagementApiTest {
    TestServer server;
    String node;

    @BeforeEach
    void start() {
        server = new TestServer();
        node = server.node("{\"driver\":\"fake-hardware\",\"name\":\"fake-1\"}").get("uuid").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TestServer.Reply put(String path, String body, String version) {
        return server.call("PUT", path, version, body, Map.of());
    }

    private TestServer.Reply put(String path, String body) {
        return put(path, body, "latest");
    }

    @Test
    void injectNmiIsGatedAtOnePointTwentyNineAndUnsupportedByFakeManagement() {
        TestServer.Reply old = put("/v1/nodes/fake-1/management/inject_nmi", null, "1.28");
        assertThat(old.status()).isEqualTo(404);
        assertThat(old.fault()).isEqualTo("Resource could not be found.");
        TestServer.Reply r = put("/v1/nodes/fake-1/management/inject_nmi", "{}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.fault()).isEqualTo("Driver fake-hardware does not support inject_nmi (disabled or not implemented).");
        assertThat(put("/v1/nodes/fake-1/management/inject_nmi", "{\"a\":1}").fault()).isEqualTo("Unexpected arguments: a");
        assertThat(put("/v1/nodes/nope/management/inject_nmi", null).status()).isEqualTo(404);
    }

    @Test
    void indicatorsListGetAndSet() {
        JsonNode list = server.get("/v1/nodes/fake-1/management/indicators").json().get("indicators");
        assertThat(list).hasSize(2);
        JsonNode chassis = list.get(0);
        assertThat(chassis.get("name").asText()).isEqualTo("led-0@chassis");
        assertThat(chassis.get("component").asText()).isEqualTo("chassis");
        assertThat(chassis.get("readonly").asBoolean()).isTrue();
        assertThat(chassis.get("states").toString()).isEqualTo("[\"off\",\"on\"]");
        assertThat(chassis.get("links").get(0).get("href").asText())
                .isEqualTo(server.base() + "/v1/nodes/fake-1/management/indicators/led-0@chassis");
        assertThat(list.get(1).get("name").asText()).isEqualTo("led@system");
        assertThat(list.get(1).get("readonly").asBoolean()).isFalse();
        // Ironic 21.4 does not gate indicators on 1.63: old versions see them too.
        assertThat(server.get("/v1/nodes/" + node + "/management/indicators", "1.1").status()).isEqualTo(200);

        assertThat(server.get("/v1/nodes/fake-1/management/indicators/led@system").json().get("state").asText()).isEqualTo("on");
        assertThat(server.get("/v1/nodes/fake-1/management/indicators/led").fault()).isEqualTo("Malformed indicator name \"led\"");
        assertThat(server.get("/v1/nodes/fake-1/management/indicators/foo@system").fault()).isEqualTo("Invalid indicator foo specified.");
        assertThat(server.get("/v1/nodes/fake-1/management/indicators/led@disk").fault()).isEqualTo("Invalid component disk specified.");

        TestServer.Reply set = put("/v1/nodes/fake-1/management/indicators/led@system", "{\"state\":\"on\"}");
        assertThat(set.status()).isEqualTo(400);
        assertThat(set.fault()).contains("does not support set_indicator_state");
        assertThat(put("/v1/nodes/fake-1/management/indicators/led@system", "{}").fault()).isEqualTo("Missing mandatory parameter: state");
        assertThat(put("/v1/nodes/fake-1/management/indicators/led@system", "{\"state\":5}").fault()).isEqualTo("Expected string for state: 5");
        assertThat(put("/v1/nodes/fake-1/management/indicators", "{\"state\":\"on\"}").fault())
                .isEqualTo("Missing mandatory parameter: indicator");
    }

    @Test
    void noopManagementHasNoIndicators() {
        server.node("{\"driver\":\"manual-management\",\"name\":\"manual\"}");
        TestServer.Reply r = server.get("/v1/nodes/manual/management/indicators");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.fault()).isEqualTo("Driver manual-management does not support get_supported_indicators (disabled or not implemented).");
    }

    @Test
    void bootModeAndSecureBootAreAcceptedThenFailInTheWorkerForFakeManagement() {
        TestServer.Reply old = put("/v1/nodes/fake-1/states/boot_mode", "{\"target\":\"uefi\"}", "1.75");
        assertThat(old.status()).isEqualTo(404);
        assertThat(old.fault()).isEqualTo("This endpoint is supported starting with the API version 1.76");
        assertThat(put("/v1/nodes/fake-1/states/boot_mode", "{\"target\":\"foo\"}").fault())
                .isEqualTo("Invalid boot mode foo requested for node. Allowed boot modes are: bios, uefi");
        assertThat(put("/v1/nodes/fake-1/states/boot_mode", "{\"target\":null}").status()).isEqualTo(400);
        assertThat(put("/v1/nodes/fake-1/states/boot_mode", "{}").fault()).isEqualTo("Missing mandatory parameter: target");
        assertThat(put("/v1/nodes/fake-1/states/boot_mode", "{\"target\":5}").fault()).isEqualTo("Expected string for target: 5");

        TestServer.Reply r = put("/v1/nodes/fake-1/states/boot_mode", "{\"target\":\"uefi\"}");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.header("Location")).isEqualTo(server.base() + "/v1/nodes/fake-1/states");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(states().get("last_error").asText(""))
                .isEqualTo("Failed to change boot mode to 'uefi': Driver fake-hardware does not support set_boot_mode "
                        + "(disabled or not implemented)."));
        assertThat(states().get("boot_mode").isNull()).isTrue();

        assertThat(put("/v1/nodes/fake-1/states/secure_boot", "{\"target\":\"maybe\"}").fault()).startsWith("Invalid target: Unrecognized value 'maybe'");
        assertThat(put("/v1/nodes/fake-1/states/secure_boot", "{\"target\":true}", "1.75").status()).isEqualTo(404);
        assertThat(put("/v1/nodes/fake-1/states/secure_boot", "{\"target\":\"yes\"}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(states().get("last_error").asText(""))
                .startsWith("Failed to change secure_boot state to 'True': Driver fake-hardware does not support set_secure_boot_state"));
        assertThat(states().get("secure_boot").isNull()).isTrue();
    }

    @Test
    void bootModeIsRefusedWhileTheNodeIsTransitioning() {
        try (TestServer slow = new TestServer(Map.of("fake.power_delay", "3"))) {
            slow.node("{\"driver\":\"fake-hardware\",\"name\":\"v\"}");
            assertThat(slow.call("PUT", "/v1/nodes/v/states/provision", "latest", "{\"target\":\"manage\"}", Map.of()).status())
                    .isEqualTo(202);
            TestServer.Reply r = slow.call("PUT", "/v1/nodes/v/states/boot_mode", "latest", "{\"target\":\"bios\"}", Map.of());
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.fault()).startsWith("Node is in verifying state. Since node is transitioning");
        }
    }

    @Test
    void consoleIsEnabledAndDisabledAsynchronously() {
        JsonNode off = server.get("/v1/nodes/fake-1/states/console").json();
        assertThat(off.get("console_enabled").asBoolean()).isFalse();
        assertThat(off.get("console_info").isNull()).isTrue();

        TestServer.Reply on = put("/v1/nodes/fake-1/states/console", "{\"enabled\":true}");
        assertThat(on.status()).isEqualTo(202);
        assertThat(on.text()).isEmpty();
        assertThat(on.header("Content-Type")).isNull(); // clients decode a body announced as JSON
        assertThat(on.header("Location")).isEqualTo(server.base() + "/v1/nodes/fake-1/states/console");
        await().atMost(Duration.ofSeconds(10)).until(() -> states().get("console_enabled").asBoolean());
        JsonNode info = server.get("/v1/nodes/fake-1/states/console").json();
        assertThat(info.get("console_enabled").asBoolean()).isTrue();
        assertThat(info.get("console_info").isObject()).isTrue();
        // Enabling an enabled console changes nothing and is still accepted.
        assertThat(put("/v1/nodes/fake-1/states/console", "{\"enabled\":\"true\"}").status()).isEqualTo(202);

        assertThat(put("/v1/nodes/fake-1/states/console", "{\"enabled\":false}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> !states().get("console_enabled").asBoolean());
        assertThat(server.get("/v1/nodes/fake-1/states/console").json().get("console_info").isNull()).isTrue();
    }

    @Test
    void consoleArgumentsAndUnsupportedConsole() {
        assertThat(put("/v1/nodes/fake-1/states/console", "{}").fault()).isEqualTo("Missing mandatory parameter: enabled");
        assertThat(put("/v1/nodes/fake-1/states/console", "{\"enabled\":\"maybe\"}").fault())
                .startsWith("Invalid enabled: Unrecognized value 'maybe'");
        assertThat(put("/v1/nodes/fake-1/states/console", "{\"enabled\":null}").status()).isEqualTo(400);
        assertThat(put("/v1/nodes/fake-1/states/console", "{\"enabled\":true,\"x\":1}").fault()).isEqualTo("Unexpected arguments: x");
        assertThat(put("/v1/nodes/fake-1/states/console", "[true]").status()).isEqualTo(400);

        server.node("{\"driver\":\"fake-hardware\",\"name\":\"noconsole\",\"console_interface\":\"no-console\"}");
        assertThat(server.get("/v1/nodes/noconsole/states/console").json().get("console_enabled").asBoolean()).isFalse();
        TestServer.Reply r = put("/v1/nodes/noconsole/states/console", "{\"enabled\":true}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.fault()).isEqualTo("Driver fake-hardware does not support console (disabled or not implemented).");
    }

    @Test
    void statesShowIronicsFieldsPerVersion() {
        assertThat(fieldNames(server.get("/v1/nodes/" + node + "/states", "1.1").json())).containsExactlyInAnyOrder(
                "console_enabled", "last_error", "power_state", "provision_state", "target_power_state",
                "target_provision_state", "provision_updated_at");
        assertThat(fieldNames(server.get("/v1/nodes/" + node + "/states", "1.12").json())).contains("raid_config", "target_raid_config")
                .doesNotContain("boot_mode");
        JsonNode latest = states();
        assertThat(fieldNames(latest)).contains("boot_mode", "secure_boot").hasSize(11);
        assertThat(latest.get("raid_config").isObject()).isTrue();
        assertThat(latest.get("target_raid_config").isObject()).isTrue();
    }

    private JsonNode states() {
        return server.get("/v1/nodes/fake-1/states").json();
    }

    private static List<String> fieldNames(JsonNode n) {
        return n.properties().stream().map(Map.Entry::getKey).toList();
    }
}
