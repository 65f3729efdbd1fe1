package dev.ferrum.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.Json;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad request gets the right 4xx in Ironic's fault format and leaves the stored state unchanged. */
class BadInputTest {
    static TestServer server;
    static String node;
    static String port;
    static String chassis;
    static String portgroup;

    @BeforeAll
    static void start() {
        server = new TestServer();
        chassis = server.post("/v1/chassis", "{\"description\":\"rack 1\"}").json().get("uuid").asText();
        node = server.node("{\"driver\":\"fake-hardware\",\"name\":\"n1\",\"chassis_uuid\":\"" + chassis
                + "\",\"driver_info\":{\"ipmi_password\":\"s3cret\"},\"extra\":{\"a\":1}}").get("uuid").asText();
        server.node("{\"driver\":\"fake-hardware\",\"name\":\"n2\",\"instance_uuid\":\"11111111-2222-3333-4444-555555555555\"}");
        portgroup = server.post("/v1/portgroups", "{\"node_uuid\":\"" + node + "\",\"name\":\"pg1\",\"address\":\"52:54:00:00:00:aa\"}")
                .json().get("uuid").asText();
        server.post("/v1/ports", "{\"node_uuid\":\"" + node + "\",\"address\":\"52:54:00:00:00:ab\"}");
        port = server.post("/v1/ports", "{\"node_uuid\":\"" + node + "\",\"address\":\"52:54:00:00:00:01\",\"portgroup_uuid\":\""
                + portgroup + "\"}").json().get("uuid").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> badRequests() {
        String n = "/v1/nodes/" + "{node}";
        return Stream.of(
                // malformed and wrongly typed bodies
                Arguments.of("POST", "/v1/nodes", "{\"driver\": \"fake-hardware\"", 400, "JSON"),
                Arguments.of("POST", "/v1/nodes", "", 400, "empty"),
                Arguments.of("POST", "/v1/nodes", "[1,2]", 400, "object"),
                Arguments.of("POST", "/v1/nodes", "{}", 400, "driver"),
                Arguments.of("POST", "/v1/nodes", "{\"driver\":\"fake-hardware\",\"bogus\":1}", 400, "bogus"),
                Arguments.of("POST", "/v1/nodes", "{\"driver\":\"fake-hardware\",\"provision_state\":\"active\"}", 400, "provision_state"),
                Arguments.of("POST", "/v1/nodes", "{\"driver\":\"fake-hardware\",\"maintenance\":\"notabool\"}", 400, "maintenance"),
                Arguments.of("POST", "/v1/nodes", "{\"driver\":\"fake-hardware\",\"properties\":\"cpus=4\"}", 400, "properties"),
                Arguments.of("POST", "/v1/nodes", "{\"driver\":42}", 400, "driver"),
                Arguments.of("POST", "/v1/nodes", "{\"driver\":\"no-such-driver\"}", 400, "no-such-driver"),
                Arguments.of("POST", "/v1/nodes", "{\"driver\":\"fake-hardware\",\"power_interface\":\"ipmitool\"}", 400, "ipmitool"),
                Arguments.of("POST", "/v1/nodes", "{\"driver\":\"fake-hardware\",\"deploy_interface\":\"bogus\"}", 400, "bogus"),
                Arguments.of("POST", "/v1/nodes", "{\"driver\":\"fake-hardware\",\"uuid\":\"not-a-uuid\"}", 400, "not-a-uuid"),
                Arguments.of("POST", "/v1/nodes", "{\"driver\":\"fake-hardware\",\"name\":\"bad name!\"}", 400, "bad name!"),
                Arguments.of("POST", "/v1/nodes", "{\"driver\":\"fake-hardware\",\"name\":\"n1\"}", 409, "n1"),
                Arguments.of("POST", "/v1/nodes", "{\"driver\":\"fake-hardware\",\"uuid\":\"{node}\"}", 409, "{node}"),
                Arguments.of("POST", "/v1/nodes", "{\"driver\":\"fake-hardware\",\"instance_uuid\":\"11111111-2222-3333-4444-555555555555\"}", 409, "11111111"),
                Arguments.of("POST", "/v1/nodes", "{\"driver\":\"fake-hardware\",\"chassis_uuid\":\"00000000-0000-0000-0000-000000000000\"}", 400, "Chassis"),
                Arguments.of("POST", "/v1/nodes", "{\"driver\":\"fake-hardware\",\"resource_class\":\"" + "x".repeat(81) + "\"}", 400, "resource_class"),
                // JSON Patch
                Arguments.of("PATCH", n, "{\"op\":\"replace\"}", 400, "list"),
                Arguments.of("PATCH", n, "[{\"op\":\"remove\",\"path\":\"/extra/missing\"}]", 400, "missing"),
                Arguments.of("PATCH", n, "[{\"op\":\"replace\",\"path\":\"/uuid\",\"value\":\"x\"}]", 400, "/uuid"),
                Arguments.of("PATCH", n, "[{\"op\":\"replace\",\"path\":\"/provision_state\",\"value\":\"active\"}]", 400, "provision_state"),
                Arguments.of("PATCH", n, "[{\"op\":\"add\",\"path\":\"/bogus\",\"value\":1}]", 400, "bogus"),
                Arguments.of("PATCH", n, "[{\"op\":\"move\",\"path\":\"/extra/a\",\"from\":\"/extra/b\"}]", 400, "move"),
                Arguments.of("PATCH", n, "[{\"op\":\"replace\",\"path\":\"/name\"}]", 400, "value"),
                Arguments.of("PATCH", n, "[{\"op\":\"remove\",\"path\":\"/driver\"}]", 400, "driver"),
                Arguments.of("PATCH", n, "[{\"op\":\"replace\",\"path\":\"/driver\",\"value\":\"nope\"}]", 400, "nope"),
                Arguments.of("PATCH", n, "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"n2\"}]", 409, "n2"),
                Arguments.of("PATCH", n, "[{\"op\":\"replace\",\"path\":\"/maintenance\",\"value\":[1]}]", 400, "maintenance"),
                Arguments.of("PATCH", n, "[{\"op\":\"add\",\"path\":\"/extra/b\",\"value\":1},{\"op\":\"remove\",\"path\":\"/extra/zzz\"}]", 400, "zzz"),
                Arguments.of("PATCH", n, "[{\"op\":\"replace\",\"path\":\"extra\",\"value\":{}}]", 400, "path"),
                // lookups and deletes
                Arguments.of("GET", "/v1/nodes/00000000-0000-0000-0000-000000000000", null, 404, "could not be found"),
                Arguments.of("GET", "/v1/nodes/no-such-node", null, 404, "no-such-node"),
                Arguments.of("GET", "/v1/nodes/bad%20name", null, 400, "bad name"),
                Arguments.of("GET", "/v1/nodes?fields=bogus", null, 400, "bogus"),
                Arguments.of("GET", "/v1/nodes?limit=-1", null, 400, "Limit"),
                Arguments.of("GET", "/v1/nodes?limit=abc", null, 400, "limit"),
                Arguments.of("GET", "/v1/nodes?sort_dir=up", null, 400, "up"),
                Arguments.of("GET", "/v1/nodes?sort_key=driver_info", null, 400, "driver_info"),
                Arguments.of("GET", "/v1/nodes?marker=00000000-0000-0000-0000-000000000000", null, 404, "could not be found"),
                Arguments.of("GET", "/v1/nodes?maintenance=maybe", null, 400, "maybe"),
                Arguments.of("GET", "/v1/nodes/detail?fields=uuid", null, 400, "fields"),
                Arguments.of("GET", "/v1/nodes?bogus=1", null, 400, "Unexpected arguments: bogus"),
                Arguments.of("GET", "/v1/nodes?provision_state=bogus", null, 400, "bogus"),
                Arguments.of("GET", "/v1/nodes?fault=bogus", null, 400, "bogus"),
                Arguments.of("GET", "/v1/nodes?chassis_uuid=00000000-0000-0000-0000-000000000000", null, 404, "could not be found"),
                Arguments.of("PATCH", n + "?reset_interfaces=true", "[{\"op\":\"add\",\"path\":\"/extra/r\",\"value\":1}]", 400, "reset_interfaces"),
                Arguments.of("POST", "/v1/nodes", "{\"driver\":\"fake-hardware\",\"conductor_group\":\"nowhere\"}", 400, "No valid host"),
                Arguments.of("DELETE", "/v1/chassis/{chassis}", null, 400, "contains nodes"),
                Arguments.of("DELETE", "/v1/portgroups/{portgroup}", null, 409, "ports"),
                Arguments.of("DELETE", "/v1/ports/00000000-0000-0000-0000-000000000000", null, 404, "could not be found"),
                // ports
                Arguments.of("POST", "/v1/ports", "{\"node_uuid\":\"{node}\",\"address\":\"52:54:00:00:00:zz\"}", 400, "52:54:00:00:00:zz"),
                Arguments.of("POST", "/v1/ports", "{\"node_uuid\":\"{node}\",\"address\":\"52:54:00:00:00:01\"}", 409, "52:54:00:00:00:01"),
                Arguments.of("POST", "/v1/ports", "{\"node_uuid\":\"{node}\",\"address\":\"52:54:00:00:00:AB\"}", 409, "52:54:00:00:00:ab"),
                Arguments.of("POST", "/v1/ports", "{\"node_uuid\":\"00000000-0000-0000-0000-000000000000\",\"address\":\"52:54:00:00:00:02\"}", 400, "could not be found"),
                Arguments.of("POST", "/v1/ports", "{\"node_uuid\":\"n1\",\"address\":\"52:54:00:00:00:03\"}", 400, "n1"),
                Arguments.of("POST", "/v1/ports", "{\"address\":\"52:54:00:00:00:04\"}", 400, "node_uuid"),
                Arguments.of("POST", "/v1/ports", "{\"node_uuid\":\"{node}\",\"address\":\"52:54:00:00:00:05\",\"local_link_connection\":{\"foo\":1}}", 400, "foo"),
                Arguments.of("PATCH", "/v1/ports/{port}", "[{\"op\":\"replace\",\"path\":\"/address\",\"value\":\"zz\"}]", 400, "zz"),
                Arguments.of("PATCH", "/v1/ports/{port}", "[{\"op\":\"remove\",\"path\":\"/address\"}]", 400, "address"),
                // oversized body
                Arguments.of("POST", "/v1/nodes", "{\"driver\":\"fake-hardware\",\"extra\":{\"x\":\"" + "y".repeat(200_000) + "\"}}", 413, "too large"));
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @MethodSource("badRequests")
    void badRequestIsRefusedAndChangesNothing(String method, String path, String body, int status, String messagePart) {
        String p = substitute(path);
        String b = body == null ? null : substitute(body);
        String before = snapshot();
        TestServer.Reply r = server.call(method, p, "latest", b, Map.of());
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        JsonNode fault = Json.parseStored(r.json().get("error_message").asText());
        assertThat(fault.get("faultcode").asText()).isEqualTo("Client");
        assertThat(fault.get("faultstring").asText()).contains(substitute(messagePart));
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void errorsThatEchoAValueMaskItsSecrets() {
        TestServer.Reply r = server.patch("/v1/nodes/" + node,
                "[{\"op\":\"replace\",\"path\":\"/driver_info\",\"value\":[{\"ipmi_password\":\"leaked-pw\",\"ipmi_address\":\"10.1.1.1\"}]}]");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.fault()).contains("driver_info").contains("10.1.1.1").contains("******").doesNotContain("leaked-pw");
        TestServer.Reply c = server.post("/v1/nodes", "{\"driver\":\"fake-hardware\",\"instance_info\":[{\"configdrive\":\"leaked-cd\"}]}");
        assertThat(c.status()).isEqualTo(400);
        assertThat(c.text()).doesNotContain("leaked-cd");
    }

    private static String substitute(String s) {
        return s.replace("{node}", node).replace("{port}", port).replace("{chassis}", chassis).replace("{portgroup}", portgroup);
    }

    /** Everything a bad request could have touched. updated_at is included, so even a no-op write shows. */
    private static String snapshot() {
        return server.get("/v1/nodes/detail").text() + server.get("/v1/ports/detail").text()
                + server.get("/v1/portgroups/detail").text() + server.get("/v1/chassis/detail").text();
    }
}
