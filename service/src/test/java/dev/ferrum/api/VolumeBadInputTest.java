package dev.ferrum.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.Json;
import dev.ferrum.common.States;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad volume request gets the right 4xx in Ironic's fault format and leaves the stored state unchanged. */
class VolumeBadInputTest {
    private static final String MISSING = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
    static StoreBackedServer fixture;
    static TestServer server;
    static String node;
    static String poweredOn;
    static String connector;
    static String target;
    static String onConnector;

    @BeforeAll
    static void start() {
        fixture = new StoreBackedServer();
        server = fixture.server;
        node = server.node("{\"driver\":\"fake-hardware\",\"name\":\"vb1\"}").get("uuid").asText();
        poweredOn = server.node("{\"driver\":\"fake-hardware\",\"name\":\"vb2\"}").get("uuid").asText();
        fixture.power(node, States.POWER_OFF);
        fixture.power(poweredOn, States.POWER_ON);
        connector = post("/v1/volume/connectors", "{\"node_uuid\":\"" + node + "\",\"type\":\"iqn\",\"connector_id\":\"iqn.b:1\"}");
        post("/v1/volume/connectors", "{\"node_uuid\":\"" + node + "\",\"type\":\"ip\",\"connector_id\":\"192.0.2.1\"}");
        onConnector = post("/v1/volume/connectors", "{\"node_uuid\":\"" + poweredOn + "\",\"type\":\"iqn\",\"connector_id\":\"iqn.b:2\"}");
        target = post("/v1/volume/targets", "{\"node_uuid\":\"" + node + "\",\"volume_type\":\"iscsi\",\"boot_index\":0,"
                + "\"volume_id\":\"vol-0\",\"properties\":{\"auth_password\":\"pw\"}}");
        post("/v1/volume/targets", "{\"node_uuid\":\"" + node + "\",\"volume_type\":\"iscsi\",\"boot_index\":1,\"volume_id\":\"vol-1\"}");
    }

    private static String post(String path, String body) {
        TestServer.Reply r = server.post(path, body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("uuid").asText();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static Stream<Arguments> badRequests() {
        String cs = "/v1/volume/connectors";
        String ts = "/v1/volume/targets";
        String c = cs + "/{connector}";
        String t = ts + "/{target}";
        String conn = "\"node_uuid\":\"{node}\",\"type\":\"iqn\"";
        String targ = "\"node_uuid\":\"{node}\",\"volume_type\":\"iscsi\",\"volume_id\":\"vol-9\"";
        return Stream.of(
                // connector create
                Arguments.of("POST", cs, "{\"node_uuid\":\"{node}\",\"type\":\"iqn\"", 400, "JSON"),
                Arguments.of("POST", cs, "[]", 400, "object"),
                Arguments.of("POST", cs, "{}", 400, "'node_uuid' is a required property"),
                Arguments.of("POST", cs, "{\"node_uuid\":\"{node}\",\"connector_id\":\"x\"}", 400, "'type' is a required property"),
                Arguments.of("POST", cs, "{" + conn + "}", 400, "'connector_id' is a required property"),
                Arguments.of("POST", cs, "{" + conn + ",\"connector_id\":null}", 400, "'connector_id' is a required property"),
                Arguments.of("POST", cs, "{\"node_uuid\":\"{node}\",\"type\":1,\"connector_id\":\"x\"}", 400, "type"),
                Arguments.of("POST", cs, "{" + conn + ",\"connector_id\":\"x\",\"extra\":[1]}", 400, "extra"),
                Arguments.of("POST", cs, "{" + conn + ",\"connector_id\":\"x\",\"bogus\":1}", 400, "bogus"),
                Arguments.of("POST", cs, "{" + conn + ",\"connector_id\":\"x\",\"created_at\":\"x\"}", 400, "created_at"),
                Arguments.of("POST", cs, "{" + conn + ",\"connector_id\":\"x\",\"uuid\":\"nope\"}", 400, "nope"),
                Arguments.of("POST", cs, "{\"node_uuid\":\"vb1\",\"type\":\"iqn\",\"connector_id\":\"x\"}", 400, "vb1"),
                Arguments.of("POST", cs, "{\"node_uuid\":\"" + MISSING + "\",\"type\":\"iqn\",\"connector_id\":\"x\"}", 400,
                        "Node " + MISSING + " could not be found."),
                Arguments.of("POST", cs, "{\"node_uuid\":\"{node}\",\"type\":\"" + "t".repeat(33) + "\",\"connector_id\":\"x\"}", 400,
                        "longer than 32"),
                Arguments.of("POST", cs, "{" + conn + ",\"connector_id\":\"" + "i".repeat(256) + "\"}", 400, "longer than 255"),
                Arguments.of("POST", cs, "{" + conn + ",\"connector_id\":\"iqn.b:1\"}", 409, "type iqn and connector ID iqn.b:1"),
                Arguments.of("POST", cs, "{" + conn + ",\"connector_id\":\"x\",\"uuid\":\"{connector}\"}", 409, "UUID {connector}"),
                Arguments.of("POST", "/v1/nodes/{node}/volume/connectors", "{" + conn + ",\"connector_id\":\"x\"}", 403, "not permitted"),
                // target create
                Arguments.of("POST", ts, "{" + targ + "}", 400, "'boot_index' is a required property"),
                Arguments.of("POST", ts, "{" + targ + ",\"boot_index\":\"2\"}", 400, "boot_index"),
                Arguments.of("POST", ts, "{" + targ + ",\"boot_index\":1.5}", 400, "boot_index"),
                Arguments.of("POST", ts, "{" + targ + ",\"boot_index\":true}", 400, "boot_index"),
                Arguments.of("POST", ts, "{" + targ + ",\"boot_index\":99999999999}", 400, "boot_index"),
                Arguments.of("POST", ts, "{" + targ + ",\"boot_index\":5,\"properties\":[1]}", 400, "properties"),
                Arguments.of("POST", ts, "{\"node_uuid\":\"{node}\",\"volume_type\":\"iscsi\",\"boot_index\":5}", 400, "'volume_id'"),
                Arguments.of("POST", ts, "{\"node_uuid\":\"{node}\",\"volume_id\":\"v\",\"boot_index\":5}", 400, "'volume_type'"),
                Arguments.of("POST", ts, "{\"node_uuid\":\"{node}\",\"volume_type\":\"iscsi\",\"boot_index\":5,\"volume_id\":\""
                        + "v".repeat(37) + "\"}", 400, "longer than 36"),
                Arguments.of("POST", ts, "{\"node_uuid\":\"{node}\",\"volume_type\":\"" + "v".repeat(65)
                        + "\",\"boot_index\":5,\"volume_id\":\"v\"}", 400, "longer than 64"),
                Arguments.of("POST", ts, "{" + targ + ",\"boot_index\":1}", 409, "boot index '1'"),
                Arguments.of("POST", ts, "{\"node_uuid\":\"" + MISSING + "\",\"volume_type\":\"iscsi\",\"volume_id\":\"v\",\"boot_index\":7}",
                        400, "could not be found"),
                // patches (the node is powered off, so only the patch itself is at fault)
                Arguments.of("PATCH", c, "{\"op\":\"replace\"}", 400, "list"),
                Arguments.of("PATCH", c, "[{\"op\":\"remove\",\"path\":\"/type\"}]", 400, "type"),
                Arguments.of("PATCH", c, "[{\"op\":\"replace\",\"path\":\"/type\",\"value\":null}]", 400, "'type' is a required property"),
                Arguments.of("PATCH", c, "[{\"op\":\"replace\",\"path\":\"/node_uuid\",\"value\":null}]", 400, "'node_uuid'"),
                Arguments.of("PATCH", c, "[{\"op\":\"replace\",\"path\":\"/type\",\"value\":5}]", 400, "type"),
                Arguments.of("PATCH", c, "[{\"op\":\"replace\",\"path\":\"/uuid\",\"value\":\"" + MISSING + "\"}]", 400, "/uuid"),
                Arguments.of("PATCH", c, "[{\"op\":\"add\",\"path\":\"/bogus\",\"value\":1}]", 400, "bogus"),
                Arguments.of("PATCH", c, "[{\"op\":\"remove\",\"path\":\"/extra/missing\"}]", 400, "missing"),
                Arguments.of("PATCH", c, "[{\"op\":\"replace\",\"path\":\"/node_uuid\",\"value\":\"" + MISSING + "\"}]", 400,
                        "Node " + MISSING + " could not be found."),
                Arguments.of("PATCH", c, "[{\"op\":\"replace\",\"path\":\"/node_uuid\",\"value\":\"vb1\"}]", 400, "vb1"),
                Arguments.of("PATCH", c, "[{\"op\":\"add\",\"path\":\"/extra/a\",\"value\":1},"
                        + "{\"op\":\"replace\",\"path\":\"/type\",\"value\":\"ip\"},"
                        + "{\"op\":\"replace\",\"path\":\"/connector_id\",\"value\":\"192.0.2.1\"}]", 409, "type ip and connector ID 192.0.2.1"),
                Arguments.of("PATCH", c, "[{\"op\":\"replace\",\"path\":\"/type\",\"value\":\"" + "t".repeat(33) + "\"}]", 400, "longer than 32"),
                Arguments.of("PATCH", c, "[{\"op\":\"replace\",\"path\":\"/node_uuid\",\"value\":\"{poweredOn}\"}]", 400,
                        "state is \"power on\""),
                Arguments.of("PATCH", t, "[{\"op\":\"replace\",\"path\":\"/boot_index\",\"value\":\"one\"}]", 400, "boot_index"),
                Arguments.of("PATCH", t, "[{\"op\":\"replace\",\"path\":\"/boot_index\",\"value\":null}]", 400, "'boot_index'"),
                Arguments.of("PATCH", t, "[{\"op\":\"remove\",\"path\":\"/volume_id\"}]", 400, "volume_id"),
                Arguments.of("PATCH", t, "[{\"op\":\"add\",\"path\":\"/properties/x\",\"value\":1},"
                        + "{\"op\":\"replace\",\"path\":\"/boot_index\",\"value\":1}]", 409, "boot index '1'"),
                Arguments.of("PATCH", "/v1/nodes/{node}/volume/connectors/{connector}", "[]", 403, "not permitted"),
                Arguments.of("PATCH", cs + "/" + MISSING, "[]", 404, "Volume connector " + MISSING + " could not be found."),
                Arguments.of("PATCH", cs + "/{onConnector}", "[{\"op\":\"add\",\"path\":\"/extra/a\",\"value\":1}]", 400,
                        "\"volume connector update\""),
                // reads
                Arguments.of("GET", cs + "?node=" + MISSING, null, 404, "could not be found"),
                Arguments.of("GET", cs + "?node=bad%20name", null, 400, "bad name"),
                Arguments.of("GET", cs + "?node_uuid={node}", null, 400, "Unexpected arguments: node_uuid"),
                Arguments.of("GET", cs + "?sort_key=extra", null, 400, "extra"),
                Arguments.of("GET", ts + "?sort_key=properties", null, 400, "properties"),
                Arguments.of("GET", cs + "?fields=bogus", null, 400, "bogus"),
                Arguments.of("GET", cs + "?fields=uuid&detail=true", null, 400, "fields"),
                Arguments.of("GET", cs + "?detail=maybe", null, 400, "maybe"),
                Arguments.of("GET", cs + "?limit=0", null, 400, "Limit"),
                Arguments.of("GET", cs + "?marker=" + MISSING, null, 404, "could not be found"),
                Arguments.of("GET", cs + "/detail", null, 400, "detail"),
                Arguments.of("GET", cs + "/" + MISSING, null, 404, "Volume connector " + MISSING),
                Arguments.of("GET", ts + "/" + MISSING, null, 404, "Volume target " + MISSING),
                Arguments.of("GET", "/v1/volume?bogus=1", null, 400, "bogus"),
                Arguments.of("GET", "/v1/nodes/{node}/volume/targets/{target}", null, 403, "not permitted"),
                // deletes
                Arguments.of("DELETE", cs + "/" + MISSING, null, 404, "could not be found"),
                Arguments.of("DELETE", ts + "/nope", null, 400, "nope"),
                Arguments.of("DELETE", "/v1/nodes/{node}/volume/targets/{target}", null, 403, "not permitted"),
                Arguments.of("DELETE", cs + "/{onConnector}", null, 400, "\"volume connector deletion\""));
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @MethodSource("badRequests")
    void badRequestIsRefusedAndChangesNothing(String method, String path, String body, int status, String messagePart) {
        String before = snapshot();
        TestServer.Reply r = server.call(method, substitute(path), "latest", body == null ? null : substitute(body), Map.of());
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        JsonNode fault = Json.parseStored(r.json().get("error_message").asText());
        assertThat(fault.get("faultcode").asText()).isEqualTo("Client");
        assertThat(fault.get("faultstring").asText()).contains(substitute(messagePart));
        assertThat(snapshot()).isEqualTo(before);
    }

    private static String substitute(String s) {
        return s.replace("{node}", node).replace("{connector}", connector).replace("{target}", target)
                .replace("{poweredOn}", poweredOn).replace("{onConnector}", onConnector);
    }

    /** Everything a bad request could have touched; updated_at is included, so even a no-op write shows. */
    private static String snapshot() {
        return server.get("/v1/volume/connectors?detail=true").text() + server.get("/v1/volume/targets?detail=true").text()
                + server.get("/v1/nodes/detail").text() + fixture.stores.volumeTargets.get("uuid", target).orElseThrow();
    }
}
