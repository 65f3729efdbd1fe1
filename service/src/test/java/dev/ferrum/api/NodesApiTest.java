package dev.ferrum.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodesApiTest {
    TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(Map.of("api.max_limit", "5"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createStartsInEnrollFromOnePointElevenAndAvailableBefore() {
        TestServer.Reply r = server.call("POST", "/v1/nodes", "1.10", "{\"driver\":\"fake-hardware\"}", Map.of());
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("provision_state").asText()).isEqualTo("available");
        JsonNode n = server.node("{\"driver\":\"fake-hardware\"}");
        assertThat(n.get("provision_state").asText()).isEqualTo("enroll");
        assertThat(n.get("power_state").isNull()).isTrue();
    }

    @Test
    void createFillsDefaultsAndAnswersWithLocation() {
        TestServer.Reply r = server.post("/v1/nodes", "{\"driver\":\"fake-hardware\",\"name\":\"n-1\",\"resource_class\":\"gold\","
                + "\"properties\":{\"cpus\":8}}");
        assertThat(r.status()).isEqualTo(201);
        JsonNode n = r.json();
        assertThat(r.header("Location")).isEqualTo(server.base() + "/v1/nodes/" + n.get("uuid").asText());
        assertThat(n.get("power_interface").asText()).isEqualTo("fake");
        assertThat(n.get("deploy_interface").asText()).isEqualTo("fake");
        assertThat(n.get("extra").isObject()).isTrue();
        assertThat(n.get("properties").get("cpus").asInt()).isEqualTo(8);
        assertThat(n.get("maintenance").asBoolean()).isFalse();
        assertThat(n.get("conductor").asText()).isEqualTo("test-conductor");
        assertThat(n.get("traits")).isEmpty();
        assertThat(n.get("created_at").asText()).endsWith("+00:00");
        assertThat(n.get("ports").get(0).get("href").asText()).endsWith("/v1/nodes/" + n.get("uuid").asText() + "/ports");
    }

    /** Every node carries self and bookmark links; shows and /detail add the sub-resource links of their version. */
    @Test
    void linksOnShowListAndDetail() {
        String uuid = server.node("{\"driver\":\"fake-hardware\"}").get("uuid").asText();
        String self = server.base() + "/v1/nodes/" + uuid;
        String bookmark = server.base() + "/nodes/" + uuid;
        JsonNode show = server.get("/v1/nodes/" + uuid).json();
        JsonNode detail = server.get("/v1/nodes/detail").json().get("nodes").get(0);
        JsonNode listed = server.get("/v1/nodes").json().get("nodes").get(0);
        JsonNode selected = server.get("/v1/nodes/" + uuid + "?fields=uuid,name").json();
        JsonNode old = server.call("GET", "/v1/nodes/" + uuid, "1.13", null, Map.of()).json();
        for (JsonNode n : List.of(show, detail, listed, selected, old)) {
            assertThat(n.get("links")).hasSize(2);
            assertThat(n.get("links").get(0).get("href").asText()).isEqualTo(self);
            assertThat(n.get("links").get(0).get("rel").asText()).isEqualTo("self");
            assertThat(n.get("links").get(1).get("href").asText()).isEqualTo(bookmark);
            assertThat(n.get("links").get(1).get("rel").asText()).isEqualTo("bookmark");
        }
        for (JsonNode n : List.of(show, detail)) {
            for (String sub : List.of("ports", "states", "portgroups", "volume")) {
                assertThat(n.get(sub).get(0).get("href").asText()).isEqualTo(self + "/" + sub);
                assertThat(n.get(sub).get(1).get("href").asText()).isEqualTo(bookmark + "/" + sub);
            }
        }
        assertThat(listed.has("ports")).isFalse();
        assertThat(listed.has("driver_info")).isFalse();
        assertThat(selected.has("ports")).isFalse();
        assertThat(selected.has("driver")).isFalse();
        assertThat(old.has("ports")).isTrue();
        assertThat(old.has("states")).isFalse();
        assertThat(old.has("portgroups")).isFalse();
    }

    @Test
    void secretsAreMaskedEverywhere() {
        JsonNode n = server.node("{\"driver\":\"ipmi\",\"driver_info\":{\"ipmi_address\":\"10.0.0.1\",\"ipmi_password\":\"pw\","
                + "\"ipmi_hex_kg_key\":\"abcd\"},\"instance_info\":{\"configdrive\":\"big\",\"image_source\":\"img\"}}");
        String uuid = n.get("uuid").asText();
        for (JsonNode shown : List.of(n, server.get("/v1/nodes/" + uuid).json(),
                server.get("/v1/nodes/detail").json().get("nodes").get(0),
                server.get("/v1/nodes?fields=uuid,driver_info,instance_info").json().get("nodes").get(0))) {
            assertThat(shown.get("driver_info").get("ipmi_password").asText()).isEqualTo("******");
            assertThat(shown.get("driver_info").get("ipmi_hex_kg_key").asText()).isEqualTo("******");
            assertThat(shown.get("driver_info").get("ipmi_address").asText()).isEqualTo("10.0.0.1");
            assertThat(shown.get("instance_info").get("configdrive").asText()).isEqualTo("******");
            assertThat(shown.get("instance_info").get("image_source").asText()).isEqualTo("img");
        }
        // Patching another key keeps the stored secret, not the mask.
        server.patch("/v1/nodes/" + uuid, "[{\"op\":\"add\",\"path\":\"/driver_info/ipmi_port\",\"value\":623}]");
        TestServer.Reply patchedBack = server.patch("/v1/nodes/" + uuid,
                "[{\"op\":\"replace\",\"path\":\"/driver_info/ipmi_password\",\"value\":\"new\"}]");
        assertThat(patchedBack.status()).isEqualTo(200);
        assertThat(patchedBack.text()).doesNotContain("\"new\"").doesNotContain("\"pw\"");
    }

    @Test
    void showByNameAndUuidWithFields() {
        String uuid = server.node("{\"driver\":\"fake-hardware\",\"name\":\"by-name\"}").get("uuid").asText();
        assertThat(server.get("/v1/nodes/by-name").json().get("uuid").asText()).isEqualTo(uuid);
        assertThat(server.get("/v1/nodes/" + uuid.replace("-", "")).json().get("uuid").asText()).isEqualTo(uuid);
        assertThat(server.get("/v1/nodes/%7B" + uuid + "%7D").json().get("uuid").asText()).isEqualTo(uuid);
        JsonNode f = server.get("/v1/nodes/" + uuid.toUpperCase() + "?fields=name,driver").json();
        assertThat(f.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("name", "driver", "links");
    }

    @Test
    void listsPageWithNextLinksAndMaxLimit() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(server.node("{\"driver\":\"fake-hardware\",\"name\":\"p" + i + "\"}").get("uuid").asText());
        }
        JsonNode page1 = server.get("/v1/nodes?limit=3").json();
        assertThat(page1.get("nodes")).hasSize(3);
        String next = page1.get("next").asText();
        assertThat(next).startsWith(server.base() + "/v1/nodes?").contains("limit=3").endsWith("marker=" + created.get(2));
        List<String> seen = new ArrayList<>();
        String url = "/v1/nodes?limit=3";
        while (url != null) {
            JsonNode page = server.get(url).json();
            page.get("nodes").forEach(n -> seen.add(n.get("uuid").asText()));
            url = page.has("next") ? page.get("next").asText().substring(server.base().length()) : null;
        }
        assertThat(seen).isEqualTo(created);
        // No limit means [api]max_limit (5 here), and a larger limit is capped to it.
        assertThat(server.get("/v1/nodes").json().get("nodes")).hasSize(5);
        assertThat(server.get("/v1/nodes?limit=100").json().get("nodes")).hasSize(5);
        JsonNode desc = server.get("/v1/nodes/detail?sort_key=name&sort_dir=desc&limit=2").json();
        assertThat(desc.get("nodes").get(0).get("name").asText()).isEqualTo("p6");
        assertThat(desc.get("next").asText()).contains("/v1/nodes/detail?").contains("sort_key=name").contains("sort_dir=desc");
    }

    @Test
    void listShowsListFieldsAndDetailShowsAll() {
        server.node("{\"driver\":\"fake-hardware\",\"name\":\"l1\"}");
        JsonNode plain = server.get("/v1/nodes").json().get("nodes").get(0);
        assertThat(plain.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder(
                "uuid", "name", "instance_uuid", "power_state", "provision_state", "maintenance", "links");
        JsonNode detail = server.get("/v1/nodes?detail=true").json().get("nodes").get(0);
        assertThat(detail.has("driver_info")).isTrue();
        assertThat(server.get("/v1/nodes/detail").json().get("nodes").get(0).has("driver_info")).isTrue();
    }

    @Test
    void filters() {
        server.node("{\"driver\":\"fake-hardware\",\"name\":\"a\",\"resource_class\":\"gold\",\"owner\":\"p1\"}");
        server.node("{\"driver\":\"manual-management\",\"name\":\"b\",\"maintenance\":true,\"shard\":\"s1\",\"lessee\":\"p1\"}");
        server.node("{\"driver\":\"fake-hardware\",\"name\":\"c\",\"instance_uuid\":\"" + java.util.UUID.randomUUID()
                + "\",\"description\":\"The Big One\"}");
        assertThat(names("/v1/nodes?driver=fake-hardware")).containsExactly("a", "c");
        assertThat(names("/v1/nodes?maintenance=true")).containsExactly("b");
        assertThat(names("/v1/nodes?associated=true")).containsExactly("c");
        assertThat(names("/v1/nodes?associated=false")).containsExactly("a", "b");
        assertThat(names("/v1/nodes?resource_class=gold")).containsExactly("a");
        assertThat(names("/v1/nodes?owner=p1")).containsExactly("a");
        assertThat(names("/v1/nodes?project=p1")).containsExactly("a", "b");
        assertThat(names("/v1/nodes?shard=s1,s2")).containsExactly("b");
        assertThat(names("/v1/nodes?sharded=false")).containsExactly("a", "c");
        assertThat(names("/v1/nodes?description_contains=big")).containsExactly("c");
        assertThat(names("/v1/nodes?provision_state=enroll")).containsExactly("a", "b", "c");
    }

    @Test
    void patchAddsReplacesAndRemoves() {
        String uuid = server.node("{\"driver\":\"fake-hardware\",\"name\":\"x\",\"extra\":{\"a\":1}}").get("uuid").asText();
        JsonNode n = server.patch("/v1/nodes/x", "[{\"op\":\"add\",\"path\":\"/extra/b\",\"value\":{\"c\":[1,2]}},"
                + "{\"op\":\"remove\",\"path\":\"/extra/a\"},{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"y\"},"
                + "{\"op\":\"add\",\"path\":\"/properties/cpus\",\"value\":4},{\"op\":\"replace\",\"path\":\"/maintenance\",\"value\":\"true\"}]").json();
        assertThat(n.get("extra").toString()).isEqualTo("{\"b\":{\"c\":[1,2]}}");
        assertThat(n.get("name").asText()).isEqualTo("y");
        assertThat(n.get("maintenance").asBoolean()).isTrue();
        assertThat(n.get("updated_at").isNull()).isFalse();
        JsonNode removed = server.patch("/v1/nodes/" + uuid, "[{\"op\":\"remove\",\"path\":\"/name\"},{\"op\":\"remove\",\"path\":\"/extra\"}]").json();
        assertThat(removed.get("name").isNull()).isTrue();
        assertThat(removed.get("extra").isEmpty()).isTrue();
    }

    @Test
    void changingTheDriverResetsInterfacesItDoesNotSupport() {
        String uuid = server.node("{\"driver\":\"fake-hardware\"}").get("uuid").asText();
        TestServer.Reply refused = server.patch("/v1/nodes/" + uuid, "[{\"op\":\"replace\",\"path\":\"/driver\",\"value\":\"ipmi\"}]");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.fault()).contains("not supported by hardware type ipmi").contains("reset_interfaces");
        JsonNode n = server.patch("/v1/nodes/" + uuid + "?reset_interfaces=true",
                "[{\"op\":\"replace\",\"path\":\"/driver\",\"value\":\"ipmi\"}]").json();
        assertThat(n.get("power_interface").asText()).isEqualTo("ipmitool");
        assertThat(n.get("management_interface").asText()).isEqualTo("ipmitool");
        assertThat(n.get("boot_interface").asText()).isEqualTo("ipxe");
        assertThat(n.get("network_interface").asText()).isEqualTo("noop");
    }

    @Test
    void conductorGroupsAreCaseInsensitiveAndNeedAConductor() {
        try (TestServer rack = new TestServer(Map.of("conductor.conductor_group", "rack1"))) {
            assertThat(rack.post("/v1/nodes", "{\"driver\":\"fake-hardware\"}").status()).isEqualTo(400);
            JsonNode n = rack.node("{\"driver\":\"fake-hardware\",\"name\":\"r\",\"conductor_group\":\"Rack1\"}");
            assertThat(n.get("conductor_group").asText()).isEqualTo("rack1");
            assertThat(rack.get("/v1/nodes?conductor_group=RACK1").json().get("nodes")).hasSize(1);
        }
    }

    @Test
    void filterByConductorAndEmptyPatch() {
        String uuid = server.node("{\"driver\":\"fake-hardware\",\"name\":\"owned\"}").get("uuid").asText();
        assertThat(names("/v1/nodes?conductor=test-conductor")).containsExactly("owned");
        assertThat(names("/v1/nodes?conductor=elsewhere")).isEmpty();
        TestServer.Reply same = server.patch("/v1/nodes/" + uuid, "[]");
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().get("updated_at").isNull()).isTrue();
    }

    @Test
    void onePointOneShowsAvailableAsNoState() {
        String uuid = server.call("POST", "/v1/nodes", "1.1", "{\"driver\":\"fake-hardware\"}", Map.of()).json().get("uuid").asText();
        assertThat(server.get("/v1/nodes/" + uuid, "1.1").json().get("provision_state").isNull()).isTrue();
        assertThat(server.get("/v1/nodes/" + uuid, "1.2").json().get("provision_state").asText()).isEqualTo("available");
    }

    @Test
    void deleteRemovesTheNodeAndItsPorts() {
        String uuid = server.node("{\"driver\":\"fake-hardware\"}").get("uuid").asText();
        String port = server.post("/v1/ports", "{\"node_uuid\":\"" + uuid + "\",\"address\":\"52:54:00:00:00:01\"}").json().get("uuid").asText();
        assertThat(server.delete("/v1/nodes/" + uuid).status()).isEqualTo(204);
        assertThat(server.get("/v1/nodes/" + uuid).status()).isEqualTo(404);
        assertThat(server.get("/v1/ports/" + port).status()).isEqualTo(404);
    }

    @Test
    void protectedAndAssociatedNodesCannotBeDeleted() {
        String uuid = server.node("{\"driver\":\"fake-hardware\",\"instance_uuid\":\"" + java.util.UUID.randomUUID() + "\"}").get("uuid").asText();
        assertThat(server.delete("/v1/nodes/" + uuid).status()).isEqualTo(409);
        // protection is for deployed nodes only (ProvisioningApiTest deletes a protected active node)
        assertThat(server.patch("/v1/nodes/" + uuid, "[{\"op\":\"remove\",\"path\":\"/instance_uuid\"},"
                + "{\"op\":\"replace\",\"path\":\"/protected\",\"value\":true}]").status()).isEqualTo(409);
        assertThat(server.get("/v1/nodes/" + uuid).json().get("instance_uuid").isNull()).isFalse();
        assertThat(server.get("/v1/nodes/" + uuid).status()).isEqualTo(200);
    }

    private List<String> names(String path) {
        List<String> out = new ArrayList<>();
        TestServer.Reply r = server.get(path);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        r.json().get("nodes").forEach(n -> out.add(n.get("name").asText()));
        return out;
    }
}
