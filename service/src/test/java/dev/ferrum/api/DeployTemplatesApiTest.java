package dev.ferrum.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.Json;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** /v1/deploy_templates: create, list, show, patch, delete, validation and version gating. */
class DeployTemplatesApiTest {
    private static final String STEP = "{\"interface\":\"deploy\",\"step\":\"write_image\",\"args\":{},\"priority\":80}";
    static TestServer server;
    static String existing;

    @BeforeAll
    static void start() {
        server = new TestServer(Map.of("api.max_limit", "50"));
        existing = create("{\"name\":\"CUSTOM_EXISTING\",\"steps\":[" + STEP + "]}").get("uuid").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode create(String body) {
        TestServer.Reply r = server.post("/v1/deploy_templates", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    @Test
    void createShowPatchAndDelete() {
        TestServer.Reply r = server.post("/v1/deploy_templates", "{\"name\":\"CUSTOM_RAID1\",\"extra\":{\"team\":\"a\"},\"steps\":["
                + "{\"interface\":\"raid\",\"step\":\"apply_configuration\",\"args\":{\"raid_config\":{\"logical_disks\":[]}},\"priority\":\"90\"},"
                + "{\"interface\":\"bios\",\"step\":\"apply_configuration\",\"args\":{\"settings\":[]},\"priority\":0}]}");
        assertThat(r.status()).isEqualTo(201);
        JsonNode t = r.json();
        String uuid = t.get("uuid").asText();
        assertThat(r.header("Location")).isEqualTo(server.base() + "/v1/deploy_templates/" + uuid);
        assertThat(t.properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("uuid", "name", "steps", "extra", "created_at", "updated_at", "links");
        assertThat(t.get("steps").get(0).get("priority").isInt()).as("string priority stored as integer").isTrue();
        assertThat(t.get("steps").get(0).get("priority").asInt()).isEqualTo(90);
        assertThat(t.get("steps").get(1).get("interface").asText()).isEqualTo("bios");
        assertThat(t.get("updated_at").isNull()).isTrue();
        assertThat(t.get("links").get(0).get("href").asText()).isEqualTo(server.base() + "/v1/deploy_templates/" + uuid);
        assertThat(t.get("links").get(1).get("href").asText()).isEqualTo(server.base() + "/deploy_templates/" + uuid);

        assertThat(server.get("/v1/deploy_templates/CUSTOM_RAID1").json()).isEqualTo(t);
        assertThat(server.get("/v1/deploy_templates/" + uuid.toUpperCase()).json()).isEqualTo(t);
        JsonNode some = server.get("/v1/deploy_templates/CUSTOM_RAID1?fields=name,steps").json();
        assertThat(some.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("name", "steps", "links");

        JsonNode patched = server.patch("/v1/deploy_templates/" + uuid, "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"CUSTOM_RAID1_V2\"},"
                + "{\"op\":\"replace\",\"path\":\"/steps/1/priority\",\"value\":\"15\"},"
                + "{\"op\":\"add\",\"path\":\"/steps/-\",\"value\":{\"interface\":\"management\",\"step\":\"clear_job_queue\",\"args\":{},\"priority\":1}},"
                + "{\"op\":\"remove\",\"path\":\"/extra\"}]").json();
        assertThat(patched.get("name").asText()).isEqualTo("CUSTOM_RAID1_V2");
        assertThat(patched.get("extra")).isEqualTo(Json.object());
        assertThat(patched.get("steps")).extracting(s -> s.get("priority").asInt()).containsExactly(90, 15, 1);
        assertThat(patched.get("updated_at").isNull()).isFalse();
        assertThat(server.get("/v1/deploy_templates/CUSTOM_RAID1").status()).isEqualTo(404);

        assertThat(server.delete("/v1/deploy_templates/CUSTOM_RAID1_V2").status()).isEqualTo(204);
        TestServer.Reply gone = server.get("/v1/deploy_templates/" + uuid);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.fault()).isEqualTo("Deploy template " + uuid + " could not be found.");
    }

    @Test
    void standardTraitNamesAndAnIgnoredDescriptionAreAccepted() {
        JsonNode t = create("{\"name\":\"HW_CPU_X86_AVX2\",\"description\":\"ignored, as in Ironic 21.4\",\"extra\":null,"
                + "\"uuid\":null,\"steps\":[" + STEP + "]}");
        assertThat(t.has("description")).isFalse();
        assertThat(t.get("extra")).isEqualTo(Json.object());
        assertThat(server.delete("/v1/deploy_templates/HW_CPU_X86_AVX2").status()).isEqualTo(204);
    }

    @Test
    void stepArgumentsThatLookLikeCredentialsAreMasked() {
        create("{\"name\":\"CUSTOM_SECRETIVE\",\"steps\":[{\"interface\":\"bios\",\"step\":\"apply_configuration\","
                + "\"args\":{\"settings\":[{\"name\":\"Mode\",\"value\":\"x\"}],\"admin_password\":\"hunter2\"},\"priority\":10}]}");
        for (String text : List.of(server.get("/v1/deploy_templates/CUSTOM_SECRETIVE").text(),
                server.get("/v1/deploy_templates?detail=true").text(),
                server.get("/v1/deploy_templates?fields=steps").text(),
                server.patch("/v1/deploy_templates/CUSTOM_SECRETIVE", "[{\"op\":\"add\",\"path\":\"/extra/a\",\"value\":1}]").text())) {
            assertThat(text).contains("\"admin_password\":\"******\"").contains("Mode").doesNotContain("hunter2");
        }
        TestServer.Reply bad = server.patch("/v1/deploy_templates/CUSTOM_SECRETIVE",
                "[{\"op\":\"replace\",\"path\":\"/steps/0/args\",\"value\":[{\"password\":\"leaked\"}]}]");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).doesNotContain("leaked");
        server.delete("/v1/deploy_templates/CUSTOM_SECRETIVE");
    }

    @Test
    void listsPageSortAndSelectFields() {
        for (String n : List.of("CUSTOM_PAGE_B", "CUSTOM_PAGE_C", "CUSTOM_PAGE_A")) {
            create("{\"name\":\"" + n + "\",\"steps\":[" + STEP + "]}");
        }
        JsonNode plain = server.get("/v1/deploy_templates").json().get("deploy_templates");
        assertThat(plain).hasSize(4);
        assertThat(plain.get(0).properties()).extracting(Map.Entry::getKey).containsExactly("uuid", "name", "links");
        assertThat(server.get("/v1/deploy_templates?detail=true").json().get("deploy_templates").get(0).has("steps")).isTrue();
        assertThat(server.get("/v1/deploy_templates?fields=uuid,extra").json().get("deploy_templates").get(0).properties())
                .extracting(Map.Entry::getKey).containsExactly("uuid", "extra", "links");

        JsonNode page = server.get("/v1/deploy_templates?sort_key=name&sort_dir=desc&limit=2").json();
        assertThat(page.get("deploy_templates")).extracting(t -> t.get("name").asText()).containsExactly("CUSTOM_PAGE_C", "CUSTOM_PAGE_B");
        String next = page.get("next").asText();
        assertThat(next).startsWith(server.base() + "/v1/deploy_templates?").contains("limit=2").contains("sort_key=name");
        JsonNode rest = server.get(next.substring(server.base().length())).json();
        assertThat(rest.get("deploy_templates")).extracting(t -> t.get("name").asText()).containsExactly("CUSTOM_PAGE_A", "CUSTOM_EXISTING");
        assertThat(rest.has("next")).isTrue();

        for (String n : List.of("CUSTOM_PAGE_A", "CUSTOM_PAGE_B", "CUSTOM_PAGE_C")) {
            assertThat(server.delete("/v1/deploy_templates/" + n).status()).isEqualTo(204);
        }
    }

    @Test
    void theEndpointAppearsAtOnePointFiftyFive() {
        TestServer.Reply old = server.get("/v1/deploy_templates", "1.54");
        assertThat(old.status()).isEqualTo(404);
        JsonNode doc = Json.parseStored(old.json().get("error_message").asText());
        assertThat(doc.get("code").asInt()).isEqualTo(404);
        assertThat(doc.get("description").asText()).contains("deploy templates");
        assertThat(server.get("/v1/deploy_templates/CUSTOM_EXISTING", "1.54").status()).isEqualTo(404);
        TestServer.Reply write = server.call("POST", "/v1/deploy_templates", "1.54", "{\"name\":\"CUSTOM_OLD\",\"steps\":[" + STEP + "]}", Map.of());
        assertThat(write.status()).isEqualTo(405);
        assertThat(Json.parseStored(write.json().get("error_message").asText()).get("title").asText()).isEqualTo("Method Not Allowed");
        assertThat(server.call("DELETE", "/v1/deploy_templates/CUSTOM_EXISTING", "1.54", null, Map.of()).status()).isEqualTo(405);
        assertThat(server.call("PATCH", "/v1/deploy_templates/CUSTOM_EXISTING", "1.1", "[]", Map.of()).status()).isEqualTo(405);
        assertThat(server.get("/v1/deploy_templates", "1.55").status()).isEqualTo(200);
        assertThat(server.get("/v1/deploy_templates/CUSTOM_EXISTING", "1.55").status()).isEqualTo(200);
    }

    static Stream<Arguments> badRequests() {
        String t = "/v1/deploy_templates";
        String e = t + "/CUSTOM_EXISTING";
        String ok = "\"steps\":[" + STEP + "]";
        String dup = "\"steps\":[" + STEP + "," + STEP.replace("80", "10") + "]";
        return Stream.of(
                Arguments.of("POST", t, "{\"name\":\"foo\"," + ok + "}", 400, "foo"),
                Arguments.of("POST", t, "{\"name\":\"CUSTOM_lower\"," + ok + "}", 400, "CUSTOM_lower"),
                Arguments.of("POST", t, "{\"name\":\"HW_CPU_X86_NOT_A_TRAIT\"," + ok + "}", 400, "HW_CPU_X86_NOT_A_TRAIT"),
                Arguments.of("POST", t, "{\"name\":\"CUSTOM_" + "A".repeat(250) + "\"," + ok + "}", 400, "255"),
                Arguments.of("POST", t, "{\"name\":5," + ok + "}", 400, "name"),
                Arguments.of("POST", t, "{\"name\":\"CUSTOM_EXISTING\"," + ok + "}", 409, "CUSTOM_EXISTING"),
                Arguments.of("POST", t, "{\"name\":\"CUSTOM_NEW\",\"uuid\":\"{existing}\"," + ok + "}", 409, "{existing}"),
                Arguments.of("POST", t, "{\"name\":\"CUSTOM_NEW\",\"uuid\":\"bad\"," + ok + "}", 400, "bad"),
                Arguments.of("POST", t, "{" + ok + "}", 400, "'name' is a required property"),
                Arguments.of("POST", t, "{\"name\":\"CUSTOM_NEW\"}", 400, "'steps' is a required property"),
                Arguments.of("POST", t, "{\"name\":\"CUSTOM_NEW\",\"steps\":[]}", 400, "[] is too short"),
                Arguments.of("POST", t, "{\"name\":\"CUSTOM_NEW\",\"steps\":{}}", 400, "steps"),
                Arguments.of("POST", t, "{\"name\":\"CUSTOM_NEW\",\"steps\":[\"x\"]}", 400, "object"),
                Arguments.of("POST", t, "{\"name\":\"CUSTOM_NEW\",\"bogus\":1," + ok + "}", 400, "bogus"),
                Arguments.of("POST", t, "{\"name\":\"CUSTOM_NEW\",\"extra\":\"x\"," + ok + "}", 400, "extra"),
                Arguments.of("POST", t, "{\"name\":\"CUSTOM_NEW\",\"description\":7," + ok + "}", 400, "description"),
                Arguments.of("POST", t, "{\"name\":\"CUSTOM_NEW\",\"created_at\":\"2020-01-01\"," + ok + "}", 400, "created_at"),
                Arguments.of("POST", t, step("boot", "s", "{}", "1"), 400, "boot"),
                Arguments.of("POST", t, step("deploy", "s", "{}", "-1"), 400, "priority"),
                Arguments.of("POST", t, step("deploy", "s", "{}", "1.5"), 400, "priority"),
                Arguments.of("POST", t, step("deploy", "s", "{}", "\"x\""), 400, "priority"),
                Arguments.of("POST", t, step("deploy", "s", "{}", "true"), 400, "priority"),
                Arguments.of("POST", t, step("deploy", "s", "{}", "99999999999"), 400, "priority"),
                Arguments.of("POST", t, step("deploy", "s", "[]", "1"), 400, "args"),
                Arguments.of("POST", t, step("deploy", "", "{}", "1"), 400, "step"),
                Arguments.of("POST", t, step("deploy", "s", "{}", "1").replace("\"priority\"", "\"foo\":1,\"priority\""), 400, "foo"),
                Arguments.of("POST", t, step("deploy", "s", "{}", "1").replace("\"args\":{},", ""), 400, "args"),
                Arguments.of("POST", t, "{\"name\":\"CUSTOM_NEW\"," + dup + "}", 400, "interface: deploy, step: write_image"),
                Arguments.of("POST", t, "[]", 400, "object"),
                Arguments.of("POST", t, "{bad", 400, "JSON"),
                Arguments.of("PATCH", e, "[{\"op\":\"remove\",\"path\":\"/name\"}]", 400, "name"),
                Arguments.of("PATCH", e, "[{\"op\":\"remove\",\"path\":\"/steps\"}]", 400, "steps"),
                Arguments.of("PATCH", e, "[{\"op\":\"replace\",\"path\":\"/steps\",\"value\":[]}]", 400, "[] is too short"),
                Arguments.of("PATCH", e, "[{\"op\":\"replace\",\"path\":\"/steps\",\"value\":null}]", 400, "steps"),
                Arguments.of("PATCH", e, "[{\"op\":\"replace\",\"path\":\"/steps/0/interface\",\"value\":\"boot\"}]", 400, "boot"),
                Arguments.of("PATCH", e, "[{\"op\":\"add\",\"path\":\"/steps/0/foo\",\"value\":1}]", 400, "foo"),
                Arguments.of("PATCH", e, "[{\"op\":\"remove\",\"path\":\"/steps/0/args\"}]", 400, "args"),
                Arguments.of("PATCH", e, "[{\"op\":\"remove\",\"path\":\"/steps/5\"}]", 400, "patch"),
                Arguments.of("PATCH", e, "[{\"op\":\"add\",\"path\":\"/steps/-\",\"value\":" + STEP + "}]", 400, "Duplicate"),
                Arguments.of("PATCH", e, "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"bad\"}]", 400, "bad"),
                Arguments.of("PATCH", e, "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":null}]", 400, "name"),
                Arguments.of("PATCH", e, "[{\"op\":\"replace\",\"path\":\"/uuid\",\"value\":\"x\"}]", 400, "/uuid"),
                Arguments.of("PATCH", e, "[{\"op\":\"replace\",\"path\":\"/created_at\",\"value\":\"x\"}]", 400, "/created_at"),
                Arguments.of("PATCH", e, "[{\"op\":\"replace\",\"path\":\"/extra\",\"value\":\"str\"}]", 400, "extra"),
                Arguments.of("PATCH", e, "{}", 400, "list"),
                Arguments.of("GET", t + "/bad%20name", null, 400, "bad name"),
                Arguments.of("GET", t + "/CUSTOM_NOPE", null, 404, "Deploy template CUSTOM_NOPE could not be found."),
                Arguments.of("GET", t + "/custom_existing", null, 404, "custom_existing"),
                Arguments.of("GET", t + "/detail", null, 404, "Deploy template detail could not be found."),
                Arguments.of("GET", t + "?sort_key=steps", null, 400, "steps"),
                Arguments.of("GET", t + "?sort_key=extra", null, 400, "extra"),
                Arguments.of("GET", t + "?sort_key=bogus", null, 400, "bogus"),
                Arguments.of("GET", t + "?marker=CUSTOM_EXISTING", null, 404, "CUSTOM_EXISTING"),
                Arguments.of("GET", t + "?marker=00000000-0000-0000-0000-000000000000", null, 404, "could not be found"),
                Arguments.of("GET", t + "?fields=bogus", null, 400, "bogus"),
                Arguments.of("GET", t + "?detail=true&fields=name", null, 400, "fields"),
                Arguments.of("GET", t + "?limit=0", null, 400, "Limit"),
                Arguments.of("GET", t + "?foo=1", null, 400, "Unexpected arguments: foo"),
                Arguments.of("GET", e + "?foo=1", null, 400, "Unexpected arguments: foo"),
                Arguments.of("DELETE", t + "/CUSTOM_NOPE", null, 404, "CUSTOM_NOPE"));
    }

    private static String step(String iface, String step, String args, String priority) {
        return "{\"name\":\"CUSTOM_NEW\",\"steps\":[{\"interface\":\"" + iface + "\",\"step\":\"" + step + "\",\"args\":" + args
                + ",\"priority\":" + priority + "}]}";
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("badRequests")
    void badRequestIsRefusedAndChangesNothing(String method, String path, String body, int status, String messagePart) {
        String before = snapshot();
        TestServer.Reply r = server.call(method, path, "latest", body == null ? null : body.replace("{existing}", existing), Map.of());
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        JsonNode fault = Json.parseStored(r.json().get("error_message").asText());
        assertThat(fault.get("faultcode").asText()).isEqualTo("Client");
        assertThat(fault.get("faultstring").asText()).contains(messagePart.replace("{existing}", existing));
        assertThat(snapshot()).isEqualTo(before);
    }

    /** Everything a bad request could have touched; updated_at is included, so even a no-op write shows. */
    private static String snapshot() {
        return server.get("/v1/deploy_templates?detail=true").text();
    }
}
