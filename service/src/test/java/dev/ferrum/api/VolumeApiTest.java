package dev.ferrum.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.States;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Volume connectors and targets (API 1.32): CRUD, listings, uniqueness, the power-off rule, version gating. */
class VolumeApiTest {
    static StoreBackedServer fixture;
    static TestServer server;

    @BeforeAll
    static void start() {
        fixture = new StoreBackedServer();
        server = fixture.server;
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    /** A new node, powered off so its volume objects may change. */
    private static String node(String name) {
        String uuid = server.node("{\"driver\":\"fake-hardware\",\"name\":\"" + name + "\"}").get("uuid").asText();
        fixture.power(uuid, States.POWER_OFF);
        return uuid;
    }

    private static JsonNode created(TestServer.Reply r) {
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    private static JsonNode connector(String node, String type, String id) {
        return created(server.post("/v1/volume/connectors",
                "{\"node_uuid\":\"" + node + "\",\"type\":\"" + type + "\",\"connector_id\":\"" + id + "\"}"));
    }

    private static JsonNode target(String node, int bootIndex, String volumeId) {
        return created(server.post("/v1/volume/targets", "{\"node_uuid\":\"" + node + "\",\"volume_type\":\"iscsi\","
                + "\"boot_index\":" + bootIndex + ",\"volume_id\":\"" + volumeId + "\"}"));
    }

    private static List<String> uuids(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get("uuid").asText()));
        return out;
    }

    @Test
    void connectorsAreCreatedShownListedPatchedAndDeleted() {
        String node = node("vc-crud");
        TestServer.Reply r = server.post("/v1/volume/connectors", "{\"node_uuid\":\"" + node
                + "\",\"type\":\"iqn\",\"connector_id\":\"iqn.2017-01.org.example:crud\",\"extra\":{\"k\":\"v\"}}");
        JsonNode c = created(r);
        String uuid = c.get("uuid").asText();
        assertThat(r.header("Location")).isEqualTo(server.base() + "/v1/volume/connectors/" + uuid);
        assertThat(c.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder(
                "uuid", "node_uuid", "type", "connector_id", "extra", "created_at", "updated_at", "links");
        assertThat(c.get("links").get(0).get("href").asText()).isEqualTo(server.base() + "/v1/volume/connectors/" + uuid);
        assertThat(c.get("links").get(1).get("href").asText()).isEqualTo(server.base() + "/volume/connectors/" + uuid);
        assertThat(c.get("updated_at").isNull()).isTrue();

        assertThat(server.get("/v1/volume/connectors/" + uuid).json()).isEqualTo(c);
        assertThat(server.get("/v1/volume/connectors/" + uuid + "?fields=type").json().properties())
                .extracting(Map.Entry::getKey).containsExactly("type", "links");
        JsonNode listed = server.get("/v1/volume/connectors?node=vc-crud").json().get("connectors");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("uuid", "node_uuid", "type", "connector_id", "links");
        assertThat(server.get("/v1/volume/connectors?node=" + node + "&detail=true").json().get("connectors").get(0)
                .get("extra").get("k").asText()).isEqualTo("v");
        assertThat(server.get("/v1/volume/connectors?node=vc-crud&detail=true", "1.32").status()).isEqualTo(200);

        JsonNode patched = server.patch("/v1/volume/connectors/" + uuid, "[{\"op\":\"replace\",\"path\":\"/type\",\"value\":\"ip\"},"
                + "{\"op\":\"replace\",\"path\":\"/connector_id\",\"value\":\"192.0.2.1\"},{\"op\":\"remove\",\"path\":\"/extra\"}]").json();
        assertThat(patched.get("type").asText()).isEqualTo("ip");
        assertThat(patched.get("connector_id").asText()).isEqualTo("192.0.2.1");
        assertThat(patched.get("extra").isEmpty()).isTrue();
        assertThat(patched.get("updated_at").isNull()).isFalse();

        assertThat(server.delete("/v1/volume/connectors/" + uuid).status()).isEqualTo(204);
        assertThat(server.get("/v1/volume/connectors/" + uuid).status()).isEqualTo(404);
        assertThat(server.delete("/v1/volume/connectors/" + uuid).status()).isEqualTo(404);
    }

    @Test
    void targetsMaskCredentialsInTheirProperties() {
        String node = node("vt-crud");
        JsonNode t = created(server.post("/v1/volume/targets", "{\"node_uuid\":\"" + node + "\",\"volume_type\":\"iscsi\","
                + "\"boot_index\":0,\"volume_id\":\"vol-0\",\"properties\":{\"auth_password\":\"s3cret\",\"target_iqn\":\"iqn.t\"}}"));
        String uuid = t.get("uuid").asText();
        assertThat(t.get("properties").get("auth_password").asText()).isEqualTo(Views.MASK);
        assertThat(t.get("properties").get("target_iqn").asText()).isEqualTo("iqn.t");
        assertThat(t.get("extra").isEmpty()).isTrue();
        assertThat(server.get("/v1/volume/targets/" + uuid).text()).doesNotContain("s3cret");
        assertThat(server.get("/v1/volume/targets?detail=true").text()).doesNotContain("s3cret");
        assertThat(server.get("/v1/volume/targets?fields=properties").text()).doesNotContain("s3cret");
        JsonNode listed = server.get("/v1/volume/targets?node=vt-crud").json().get("targets").get(0);
        assertThat(listed.properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("uuid", "node_uuid", "volume_type", "boot_index", "volume_id", "links");

        JsonNode patched = server.patch("/v1/volume/targets/" + uuid, "[{\"op\":\"add\",\"path\":\"/properties/lun\",\"value\":3},"
                + "{\"op\":\"replace\",\"path\":\"/boot_index\",\"value\":4}]").json();
        assertThat(patched.get("boot_index").asInt()).isEqualTo(4);
        assertThat(patched.get("properties").get("lun").asInt()).isEqualTo(3);
        // a patch of another key keeps the stored secret, not the mask
        assertThat(((JsonNode) fixture.stores.volumeTargets.get("uuid", uuid).orElseThrow().get("properties")).get("auth_password").asText())
                .isEqualTo("s3cret");
        assertThat(server.delete("/v1/volume/targets/" + uuid).status()).isEqualTo(204);
        assertThat(server.get("/v1/volume/targets/" + uuid).status()).isEqualTo(404);
    }

    @Test
    void connectorTypeAndIdAreUniqueTogether() {
        String a = node("vc-uniq-a");
        String b = node("vc-uniq-b");
        connector(a, "iqn", "iqn.uniq:1");
        TestServer.Reply dup = server.post("/v1/volume/connectors", "{\"node_uuid\":\"" + b
                + "\",\"type\":\"iqn\",\"connector_id\":\"iqn.uniq:1\"}");
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.fault()).isEqualTo("A volume connector with type iqn and connector ID iqn.uniq:1 already exists.");
        connector(b, "ip", "iqn.uniq:1");
        String other = connector(b, "wwpn", "50:01:43:80:00:00:00:01").get("uuid").asText();

        TestServer.Reply patch = server.patch("/v1/volume/connectors/" + other,
                "[{\"op\":\"replace\",\"path\":\"/connector_id\",\"value\":\"iqn.uniq:1\"},{\"op\":\"add\",\"path\":\"/extra/x\",\"value\":1}]");
        assertThat(patch.status()).isEqualTo(200);
        server.patch("/v1/volume/connectors/" + other, "[{\"op\":\"replace\",\"path\":\"/connector_id\",\"value\":\"50:01:43:80:00:00:00:01\"},"
                + "{\"op\":\"remove\",\"path\":\"/extra/x\"}]");
        // changing the type alone makes the pair collide: the message names the whole key
        patch = server.patch("/v1/volume/connectors/" + other, "[{\"op\":\"replace\",\"path\":\"/type\",\"value\":\"iqn\"},"
                + "{\"op\":\"replace\",\"path\":\"/connector_id\",\"value\":\"iqn.uniq:1\"},{\"op\":\"add\",\"path\":\"/extra/x\",\"value\":1}]");
        assertThat(patch.status()).isEqualTo(409);
        assertThat(patch.fault()).contains("type iqn and connector ID iqn.uniq:1");
        String ip = server.get("/v1/volume/connectors?node=vc-uniq-b&fields=uuid,type").json().get("connectors").get(0).get("uuid").asText();
        TestServer.Reply typeOnly = server.patch("/v1/volume/connectors/" + ip, "[{\"op\":\"replace\",\"path\":\"/type\",\"value\":\"iqn\"}]");
        assertThat(typeOnly.status()).isEqualTo(409);
        assertThat(typeOnly.fault()).isEqualTo("A volume connector with type iqn and connector ID iqn.uniq:1 already exists.");
        JsonNode unchanged = server.get("/v1/volume/connectors/" + other).json();
        assertThat(unchanged.get("connector_id").asText()).isEqualTo("50:01:43:80:00:00:00:01");
        assertThat(unchanged.get("extra").isEmpty()).isTrue();

        TestServer.Reply sameUuid = server.post("/v1/volume/connectors", "{\"node_uuid\":\"" + a
                + "\",\"type\":\"mac\",\"connector_id\":\"52:54:00:00:00:01\",\"uuid\":\"" + other + "\"}");
        assertThat(sameUuid.status()).isEqualTo(409);
        assertThat(sameUuid.fault()).isEqualTo("A volume connector with UUID " + other + " already exists.");
    }

    @Test
    void bootIndexIsUniquePerNode() {
        String a = node("vt-uniq-a");
        String b = node("vt-uniq-b");
        target(a, 0, "vol-a0");
        String a1 = target(a, 1, "vol-a1").get("uuid").asText();
        target(b, 0, "vol-b0");
        TestServer.Reply dup = server.post("/v1/volume/targets", "{\"node_uuid\":\"" + a
                + "\",\"volume_type\":\"iscsi\",\"boot_index\":0,\"volume_id\":\"vol-a2\"}");
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.fault()).isEqualTo("A volume target with boot index '0' for the same node already exists.");

        TestServer.Reply patch = server.patch("/v1/volume/targets/" + a1, "[{\"op\":\"replace\",\"path\":\"/boot_index\",\"value\":0}]");
        assertThat(patch.status()).isEqualTo(409);
        assertThat(patch.fault()).contains("boot index '0'");
        // moving to a node where the index is taken conflicts too, and names the index that is kept
        TestServer.Reply move = server.patch("/v1/volume/targets/" + target(a, 2, "vol-a3").get("uuid").asText(),
                "[{\"op\":\"replace\",\"path\":\"/node_uuid\",\"value\":\"" + b + "\"},{\"op\":\"replace\",\"path\":\"/boot_index\",\"value\":0}]");
        assertThat(move.status()).isEqualTo(409);
        JsonNode moved = server.patch("/v1/volume/targets/" + a1, "[{\"op\":\"replace\",\"path\":\"/node_uuid\",\"value\":\"" + b + "\"}]").json();
        assertThat(moved.get("node_uuid").asText()).isEqualTo(b);
        assertThat(uuids(server.get("/v1/nodes/vt-uniq-b/volume/targets").json().get("targets"))).contains(a1);
    }

    @Test
    void changesNeedTheNodePoweredOff() {
        String node = node("vp-node");
        String c = connector(node, "iqn", "iqn.power:1").get("uuid").asText();
        String t = target(node, 0, "vol-p").get("uuid").asText();
        String patch = "[{\"op\":\"add\",\"path\":\"/extra/a\",\"value\":1}]";
        for (String power : new String[] {States.POWER_ON, null}) {
            fixture.power(node, power);
            String shown = power == null ? "None" : power;
            TestServer.Reply r = server.patch("/v1/volume/connectors/" + c, patch);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.fault()).contains("\"volume connector update\"").contains(node).contains("\"" + shown + "\"");
            assertThat(server.patch("/v1/volume/connectors/" + c, "[]").status()).isEqualTo(400);
            assertThat(server.delete("/v1/volume/connectors/" + c).fault()).contains("\"volume connector deletion\"");
            assertThat(server.patch("/v1/volume/targets/" + t, patch).fault()).contains("\"volume target update\"");
            assertThat(server.delete("/v1/volume/targets/" + t).status()).isEqualTo(400);
            assertThat(server.delete("/v1/volume/targets/" + t).fault()).contains("\"volume target deletion\"");
        }
        // creating needs only the node
        connector(node, "iqn", "iqn.power:2");
        assertThat(server.get("/v1/volume/connectors/" + c).json().get("extra").isEmpty()).isTrue();
        assertThat(server.get("/v1/volume/targets/" + t).status()).isEqualTo(200);

        // the node a connector moves to must be off too
        String off = node("vp-off");
        fixture.power(node, States.POWER_ON);
        String onOff = connector(off, "iqn", "iqn.power:3").get("uuid").asText();
        TestServer.Reply move = server.patch("/v1/volume/connectors/" + onOff,
                "[{\"op\":\"replace\",\"path\":\"/node_uuid\",\"value\":\"" + node + "\"}]");
        assertThat(move.status()).isEqualTo(400);
        assertThat(move.fault()).contains(node);

        fixture.power(node, States.POWER_OFF);
        assertThat(server.patch("/v1/volume/connectors/" + c, patch).json().get("extra").get("a").asInt()).isEqualTo(1);
        assertThat(server.delete("/v1/volume/connectors/" + c).status()).isEqualTo(204);
        assertThat(server.delete("/v1/volume/targets/" + t).status()).isEqualTo(204);
    }

    @Test
    void listsPageWithMarkersAndSortKeys() {
        String node = node("vl-page");
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(connector(node, "iqn", "iqn.page:" + (char) ('e' - i)).get("uuid").asText());
        }
        List<String> seen = new ArrayList<>();
        String url = "/v1/volume/connectors?node=" + node + "&limit=2";
        while (url != null) {
            JsonNode page = server.get(url).json();
            seen.addAll(uuids(page.get("connectors")));
            url = page.has("next") ? page.get("next").asText().substring(server.base().length()) : null;
        }
        assertThat(seen).containsExactlyElementsOf(made);
        JsonNode byId = server.get("/v1/volume/connectors?node=" + node + "&sort_key=connector_id&fields=connector_id").json();
        assertThat(byId.get("connectors")).extracting(n -> n.get("connector_id").asText())
                .containsExactly("iqn.page:a", "iqn.page:b", "iqn.page:c", "iqn.page:d", "iqn.page:e");
        JsonNode desc = server.get("/v1/volume/connectors?node=" + node + "&sort_dir=desc&limit=1&marker=" + made.get(2)).json();
        assertThat(uuids(desc.get("connectors"))).containsExactly(made.get(1));
        assertThat(desc.get("next").asText()).contains("sort_dir=desc").contains("marker=" + made.get(1));
    }

    @Test
    void aNodeListsItsOwnVolumeObjectsOnly() {
        String node = node("vn-node");
        String other = node("vn-other");
        String c1 = connector(node, "iqn", "iqn.sub:1").get("uuid").asText();
        String c2 = connector(node, "iqn", "iqn.sub:2").get("uuid").asText();
        connector(other, "iqn", "iqn.sub:3");
        String t = target(node, 0, "vol-sub").get("uuid").asText();

        JsonNode root = server.get("/v1/nodes/vn-node/volume").json();
        assertThat(root.get("connectors").get(0).get("href").asText()).isEqualTo(server.base() + "/v1/nodes/vn-node/volume/connectors");
        assertThat(root.get("targets").get(1).get("href").asText()).isEqualTo(server.base() + "/nodes/vn-node/volume/targets");
        assertThat(root.get("links").get(0).get("href").asText()).isEqualTo(server.base() + "/v1/nodes/vn-node/volume/");

        assertThat(uuids(server.get("/v1/nodes/vn-node/volume/connectors").json().get("connectors"))).containsExactly(c1, c2);
        // the node in the path wins over a node parameter, as in Ironic
        assertThat(uuids(server.get("/v1/nodes/" + node + "/volume/connectors?node=vn-other").json().get("connectors")))
                .containsExactly(c1, c2);
        JsonNode page = server.get("/v1/nodes/vn-node/volume/connectors?limit=1").json();
        assertThat(page.get("next").asText()).isEqualTo(server.base() + "/v1/nodes/" + node + "/volume/connectors?limit=1&marker=" + c1);
        assertThat(server.get("/v1/nodes/" + node + "/volume/targets?detail=true").json().get("targets").get(0).has("properties")).isTrue();
        assertThat(uuids(server.get("/v1/nodes/vn-node/volume/targets").json().get("targets"))).containsExactly(t);

        // under a node, volume objects are only listed
        assertThat(server.get("/v1/nodes/vn-node/volume/connectors/" + c1).status()).isEqualTo(403);
        assertThat(server.patch("/v1/nodes/vn-node/volume/targets/" + t, "[]").status()).isEqualTo(403);
        assertThat(server.delete("/v1/nodes/vn-node/volume/connectors/" + c1).status()).isEqualTo(403);
        assertThat(server.post("/v1/nodes/vn-node/volume/connectors", "{\"node_uuid\":\"" + node
                + "\",\"type\":\"iqn\",\"connector_id\":\"iqn.sub:4\"}").status()).isEqualTo(403);
        assertThat(server.get("/v1/volume/connectors/" + c1).status()).isEqualTo(200);
        assertThat(server.get("/v1/volume/connectors?node=vn-node").json().get("connectors")).hasSize(2);

        String missing = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
        assertThat(server.get("/v1/nodes/" + missing + "/volume/connectors").status()).isEqualTo(404);
        assertThat(server.get("/v1/nodes/" + missing + "/volume").status()).isEqualTo(404);
    }

    @Test
    void deletingANodeDeletesItsVolumeObjects() {
        String node = node("vd-node");
        String keep = node("vd-keep");
        String c = connector(node, "iqn", "iqn.del:1").get("uuid").asText();
        String t = target(node, 0, "vol-del").get("uuid").asText();
        String kept = connector(keep, "iqn", "iqn.del:2").get("uuid").asText();
        assertThat(server.delete("/v1/nodes/vd-node").status()).isEqualTo(204);
        assertThat(server.get("/v1/volume/connectors/" + c).status()).isEqualTo(404);
        assertThat(server.get("/v1/volume/targets/" + t).status()).isEqualTo(404);
        assertThat(server.get("/v1/volume/connectors/" + kept).status()).isEqualTo(200);
        // the freed key can be used again
        connector(keep, "iqn", "iqn.del:1");
    }

    @Test
    void theVolumeApiAppearsAt132() {
        String node = node("vv-node");
        assertThat(server.get("/v1/", "1.31").json().has("volume")).isFalse();
        assertThat(server.get("/v1/", "1.32").json().get("volume").get(0).get("href").asText()).isEqualTo(server.base() + "/v1/volume/");
        assertThat(server.get("/v1/nodes/" + node, "1.31").json().has("volume")).isFalse();
        assertThat(server.get("/v1/nodes/" + node, "1.32").json().get("volume").get(0).get("href").asText())
                .isEqualTo(server.base() + "/v1/nodes/" + node + "/volume");
        JsonNode root = server.get("/v1/volume", "1.32").json();
        assertThat(root.get("connectors").get(0).get("href").asText()).isEqualTo(server.base() + "/v1/volume/connectors");
        assertThat(root.get("targets").get(0).get("href").asText()).isEqualTo(server.base() + "/v1/volume/targets");

        String c = connector(node, "iqn", "iqn.version:1").get("uuid").asText();
        String body = "{\"node_uuid\":\"" + node + "\",\"type\":\"iqn\",\"connector_id\":\"iqn.version:2\"}";
        for (String[] call : new String[][] {{"GET", "/v1/volume", null}, {"GET", "/v1/volume/connectors", null},
                {"GET", "/v1/volume/targets", null}, {"POST", "/v1/volume/connectors", body},
                {"GET", "/v1/volume/connectors/" + c, null}, {"PATCH", "/v1/volume/connectors/" + c, "[]"},
                {"DELETE", "/v1/volume/connectors/" + c, null}, {"GET", "/v1/nodes/" + node + "/volume", null},
                {"GET", "/v1/nodes/" + node + "/volume/targets", null}}) {
            TestServer.Reply r = server.call(call[0], call[1], "1.31", call[2], Map.of());
            assertThat(r.status()).as(call[0] + " " + call[1]).isEqualTo(404);
        }
        assertThat(server.get("/v1/volume/connectors/" + c).status()).isEqualTo(200);
        assertThat(server.get("/v1/volume/connectors?node=vv-node").json().get("connectors")).hasSize(1);
    }
}
