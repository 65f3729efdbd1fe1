package dev.ferrum.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** fake-hardware nodes through the provision state machine over the REST API. */
class ProvisioningApiTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(Map.of("conductor.automated_clean", "true", "conductor.node_locked_retry_interval", "0"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String node(String extra) {
        return server.node("{\"driver\": \"fake-hardware\"" + extra + "}").get("uuid").asText();
    }

    static TestServer.Reply provision(String uuid, String body) {
        return server.put("/v1/nodes/" + uuid + "/states/provision", body);
    }

    /** Sends a verb, expects 202 and waits until the node is in {@code state} with no lock held. */
    static JsonNode move(String uuid, String verb, String state) {
        TestServer.Reply r = provision(uuid, "{\"target\": \"" + verb + "\"}");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        assertThat(r.header("Location")).endsWith("/v1/nodes/" + uuid + "/states");
        return settled(uuid, state);
    }

    static JsonNode settled(String uuid, String state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode n = server.get("/v1/nodes/" + uuid).json();
            return n.get("provision_state").asText().equals(state) && n.get("reservation").isNull();
        });
        return server.get("/v1/nodes/" + uuid).json();
    }

    @Test
    void fullLifecycleWithAutomatedCleaningAndConfigDrive() {
        String uuid = node("");
        JsonNode n = move(uuid, "manage", "manageable");
        assertThat(n.get("target_provision_state").isNull()).isTrue();
        move(uuid, "provide", "available");
        TestServer.Reply r = provision(uuid, "{\"target\": \"active\", \"configdrive\": {\"user_data\": \"#cloud-config\"}}");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        n = settled(uuid, "active");
        assertThat(n.get("instance_info").get("configdrive").asText()).isEqualTo("******");
        assertThat(n.get("last_error").isNull()).isTrue();
        assertThat(n.get("provision_updated_at").isNull()).isFalse();
        move(uuid, "rebuild", "active");
        n = move(uuid, "deleted", "available");
        assertThat(n.get("instance_info").size()).isZero();
        // every transition is in the node's history, none of them an error
        JsonNode history = server.get("/v1/nodes/" + uuid + "/history?detail=True").json().get("history");
        List<String> events = new java.util.ArrayList<>();
        history.forEach(e -> {
            assertThat(e.get("severity").asText()).isEqualTo("INFO");
            events.add(e.get("event_type").asText() + ": " + e.get("event").asText());
        });
        assertThat(events).contains(
                "verify: Provision state changed from \"enroll\" to \"verifying\" (manage)",
                "deploying: Provision state changed from \"available\" to \"deploying\" (deploy)",
                "deploying: Provision state changed from \"active\" to \"deploying\" (rebuild)",
                "unprovision: Provision state changed from \"active\" to \"deleting\" (delete)",
                "cleaning: Provision state changed from \"cleaning\" to \"available\" (done)");
    }

    @Test
    void invalidTransitionIs400WithIronicsMessage() {
        String uuid = node("");
        TestServer.Reply r = provision(uuid, "{\"target\": \"active\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.fault()).isEqualTo("The requested action \"active\" can not be performed on node \"" + uuid
                + "\" while it is in state \"enroll\".");
        r = provision(uuid, "{\"target\": \"dance\"}");
        assertThat(r.status()).isEqualTo(400);
        r = provision(uuid, "{}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(server.get("/v1/nodes/" + uuid).json().get("provision_state").asText()).isEqualTo("enroll");
    }

    @Test
    void verbsNewerThanTheRequestedVersionAre406() {
        String uuid = node("");
        TestServer.Reply r = server.call("PUT", "/v1/nodes/" + uuid + "/states/provision", "1.3", "{\"target\": \"manage\"}", Map.of());
        assertThat(r.status()).isEqualTo(406);
    }

    @Test
    void manualCleaningRunsTheFakeBiosStepAndReturnsToManageable() {
        String uuid = node(", \"bios_interface\": \"fake\"");
        move(uuid, "manage", "manageable");
        TestServer.Reply r = provision(uuid, "{\"target\": \"clean\", \"clean_steps\": [{\"interface\": \"bios\", "
                + "\"step\": \"apply_configuration\", \"args\": {\"settings\": [{\"name\": \"LogicalProc\", \"value\": \"Enabled\"}]}}]}");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        JsonNode n = settled(uuid, "manageable");
        assertThat(n.get("last_error").isNull()).as(n.toString()).isTrue();
        assertThat(n.get("clean_step").isNull() || n.get("clean_step").isEmpty()).isTrue();
    }

    @Test
    void manualCleaningWithAnUnknownStepFailsTheNodeWithTheReason() {
        String uuid = node("");
        move(uuid, "manage", "manageable");
        TestServer.Reply r = provision(uuid, "{\"target\": \"clean\", \"clean_steps\": [{\"interface\": \"deploy\", \"step\": \"nope\"}]}");
        assertThat(r.status()).isEqualTo(202);
        JsonNode n = settled(uuid, "clean failed");
        assertThat(n.get("last_error").asText()).contains("nope");
        assertThat(n.get("target_provision_state").asText()).isEqualTo("manageable");
        move(uuid, "manage", "manageable");
    }

    @Test
    void cleanStepsAreValidatedAgainstTheSchema() {
        String uuid = node("");
        move(uuid, "manage", "manageable");
        for (String bad : new String[] {"[{\"step\": \"x\"}]", "[{\"interface\": \"boot\", \"step\": \"x\"}]",
                "[{\"interface\": \"deploy\", \"step\": \"x\", \"extra\": 1}]", "{}"}) {
            TestServer.Reply r = provision(uuid, "{\"target\": \"clean\", \"clean_steps\": " + bad + "}");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.fault()).startsWith("Invalid clean_steps");
        }
        assertThat(provision(uuid, "{\"target\": \"clean\"}").status()).isEqualTo(400);
        assertThat(server.get("/v1/nodes/" + uuid).json().get("provision_state").asText()).isEqualTo("manageable");
    }

    @Test
    void holdStepPausesCleaningUntilUnholdAndAbortFailsIt() {
        String uuid = node("");
        move(uuid, "manage", "manageable");
        String steps = "{\"target\": \"clean\", \"clean_steps\": [{\"interface\": \"deploy\", \"step\": \"hold\"}]}";
        assertThat(provision(uuid, steps).status()).isEqualTo(202);
        settled(uuid, "clean hold");
        move(uuid, "unhold", "manageable");

        assertThat(provision(uuid, steps).status()).isEqualTo(202);
        settled(uuid, "clean hold");
        JsonNode n = move(uuid, "abort", "clean failed");
        assertThat(n.get("last_error").asText()).contains("aborted");
    }

    @Test
    void inspectRescueUnrescueAndAdopt() {
        String uuid = node(", \"rescue_interface\": \"fake\"");
        move(uuid, "manage", "manageable");
        JsonNode n = move(uuid, "inspect", "manageable");
        assertThat(n.get("inspection_finished_at").isNull()).isFalse();
        move(uuid, "adopt", "active");
        assertThat(provision(uuid, "{\"target\": \"rescue\"}").status()).isEqualTo(400);
        assertThat(provision(uuid, "{\"target\": \"rescue\", \"rescue_password\": \"s3cret\"}").status()).isEqualTo(202);
        n = settled(uuid, "rescue");
        assertThat(n.get("instance_info").get("rescue_password").asText()).isEqualTo("******");
        assertThat(n.get("instance_info").get("hashed_rescue_password").asText()).isEqualTo("******");
        n = move(uuid, "unrescue", "active");
        // as Ironic's fake rescue interface, nothing is handed out so nothing is taken back
        assertThat(n.get("instance_info").get("rescue_password").asText()).isEqualTo("******");
    }

    @Test
    void powerActionsAre202AndSettle() {
        String uuid = node("");
        for (String[] c : new String[][] {{"power on", "power on"}, {"power off", "power off"}, {"rebooting", "power on"},
                {"soft power off", "power off"}}) {
            TestServer.Reply r = server.put("/v1/nodes/" + uuid + "/states/power", "{\"target\": \"" + c[0] + "\"}");
            assertThat(r.status()).as(r.text()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                JsonNode n = server.get("/v1/nodes/" + uuid).json();
                return c[1].equals(n.get("power_state").asText()) && n.get("target_power_state").isNull();
            });
        }
        assertThat(server.put("/v1/nodes/" + uuid + "/states/power", "{\"target\": \"sleep\"}").status()).isEqualTo(400);
        assertThat(server.put("/v1/nodes/" + uuid + "/states/power", "{\"target\": \"power on\", \"timeout\": 0}").status())
                .isEqualTo(400);
    }

    @Test
    void aHeldLockAnswers409NodeLocked() {
        String uuid = node("");
        TestServer.Reply locked = server.lockAndCall(uuid, "other-host", () -> provision(uuid, "{\"target\": \"manage\"}"));
        assertThat(locked.status()).isEqualTo(409);
        assertThat(locked.fault()).isEqualTo("Node " + uuid + " is locked by host other-host, please retry after the current "
                + "operation is completed.");
        move(uuid, "manage", "manageable");
    }

    @Test
    void validateReportsEachInterface() {
        String uuid = node(", \"rescue_interface\": \"no-rescue\"");
        JsonNode v = server.get("/v1/nodes/" + uuid + "/validate").json();
        assertThat(v.get("power").get("result").asBoolean()).isTrue();
        assertThat(v.get("rescue").get("result").asBoolean()).isFalse();
        assertThat(v.get("rescue").get("reason").asText()).contains("does not support rescue");
    }

    @Test
    void maintenanceSetAndUnset() {
        String uuid = node("");
        assertThat(server.put("/v1/nodes/" + uuid + "/maintenance", "{\"reason\": \"broken fan\"}").status()).isEqualTo(202);
        JsonNode n = server.get("/v1/nodes/" + uuid).json();
        assertThat(n.get("maintenance").asBoolean()).isTrue();
        assertThat(n.get("maintenance_reason").asText()).isEqualTo("broken fan");
        assertThat(server.delete("/v1/nodes/" + uuid + "/maintenance").status()).isEqualTo(202);
        n = server.get("/v1/nodes/" + uuid).json();
        assertThat(n.get("maintenance").asBoolean()).isFalse();
        assertThat(n.get("maintenance_reason").isNull()).isTrue();
    }

    @Test
    void bootDevice() {
        String uuid = node("");
        assertThat(server.put("/v1/nodes/" + uuid + "/management/boot_device", "{\"boot_device\": \"pxe\"}").status()).isEqualTo(204);
        assertThat(server.put("/v1/nodes/" + uuid + "/management/boot_device", "{\"boot_device\": \"cdrom\"}").status()).isEqualTo(400);
        assertThat(server.get("/v1/nodes/" + uuid + "/management/boot_device").json().get("boot_device").asText()).isEqualTo("pxe");
        assertThat(server.get("/v1/nodes/" + uuid + "/management/boot_device/supported").json()
                .get("supported_boot_devices").get(0).asText()).isEqualTo("pxe");
    }

    @Test
    void updateRulesFollowTheProvisionState() {
        String uuid = node("");
        String patchProtected = "[{\"op\": \"replace\", \"path\": \"/protected\", \"value\": true}]";
        TestServer.Reply r = server.patch("/v1/nodes/" + uuid, patchProtected);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.fault()).contains("can only be made protected in provision states 'active' or 'rescue'");
        move(uuid, "manage", "manageable");
        move(uuid, "provide", "available");
        r = server.patch("/v1/nodes/" + uuid, "[{\"op\": \"replace\", \"path\": \"/retired\", \"value\": true}]");
        assertThat(r.status()).isEqualTo(409);
        move(uuid, "active", "active");
        r = server.patch("/v1/nodes/" + uuid, "[{\"op\": \"replace\", \"path\": \"/deploy_interface\", \"value\": \"direct\"}]");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.fault()).contains("can not have deploy_interface updated");
        assertThat(server.patch("/v1/nodes/" + uuid, patchProtected).status()).isEqualTo(200);
        r = provision(uuid, "{\"target\": \"deleted\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(server.put("/v1/nodes/" + uuid + "/maintenance", "{}").status()).isEqualTo(202);
        assertThat(server.delete("/v1/nodes/" + uuid).status()).isEqualTo(403);
        assertThat(server.delete("/v1/nodes/" + uuid + "/maintenance").status()).isEqualTo(202);
        assertThat(server.get("/v1/nodes/" + uuid).json().get("provision_state").asText()).isEqualTo("active");
        r = server.patch("/v1/nodes/" + uuid, "[{\"op\": \"add\", \"path\": \"/protected_reason\", \"value\": \"prod\"}]");
        assertThat(r.status()).isEqualTo(200);
        JsonNode n = server.patch("/v1/nodes/" + uuid, "[{\"op\": \"replace\", \"path\": \"/protected\", \"value\": false}]").json();
        assertThat(n.get("protected_reason").isNull()).isTrue();
        move(uuid, "deleted", "available");
    }

    @Test
    void deployTemplatesApplyThroughInstanceTraitsAndCannotOverrideTheCoreStep() {
        assertThat(server.post("/v1/deploy_templates", "{\"name\": \"CUSTOM_CORE_OVERRIDE\", \"steps\": [{\"interface\": "
                + "\"deploy\", \"step\": \"deploy\", \"args\": {}, \"priority\": 50}]}").status()).isEqualTo(201);
        assertThat(server.post("/v1/deploy_templates", "{\"name\": \"CUSTOM_NO_DEPLOY\", \"steps\": [{\"interface\": "
                + "\"deploy\", \"step\": \"deploy\", \"args\": {}, \"priority\": 0}]}").status()).isEqualTo(201);
        String uuid = node("");
        move(uuid, "manage", "manageable");
        move(uuid, "provide", "available");
        for (String t : new String[] {"CUSTOM_CORE_OVERRIDE", "CUSTOM_NO_DEPLOY"}) {
            assertThat(server.call("PUT", "/v1/nodes/" + uuid + "/traits/" + t, "latest", null, Map.of()).status()).isEqualTo(204);
        }
        server.patch("/v1/nodes/" + uuid, "[{\"op\": \"add\", \"path\": \"/instance_info/traits\", \"value\": [\"CUSTOM_CORE_OVERRIDE\"]}]");
        TestServer.Reply r = provision(uuid, "{\"target\": \"active\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.fault()).contains("Matching deploy templates: CUSTOM_CORE_OVERRIDE").contains("is a core step");
        assertThat(server.get("/v1/nodes/" + uuid).json().get("provision_state").asText()).isEqualTo("available");

        server.patch("/v1/nodes/" + uuid, "[{\"op\": \"replace\", \"path\": \"/instance_info/traits\", \"value\": [\"CUSTOM_NO_DEPLOY\"]}]");
        assertThat(provision(uuid, "{\"target\": \"active\"}").status()).isEqualTo(202);
        JsonNode n = settled(uuid, "deploy failed");
        assertThat(n.get("last_error").asText()).isEqualTo("No deploy steps returned by the driver");
    }
}
