package dev.ferrum.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ports, port groups, chassis, drivers, conductors and shards. */
class InventoryApiTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void portsStoreMacsLowerCaseAndNestUnderTheirNode() {
        String node = server.node("{\"driver\":\"fake-hardware\",\"name\":\"pn\"}").get("uuid").asText();
        TestServer.Reply r = server.post("/v1/ports", "{\"node_uuid\":\"" + node + "\",\"address\":\"52:54:00:AB:CD:EF\","
                + "\"local_link_connection\":{\"switch_id\":\"0a:1b:2c:3d:4e:5f\",\"port_id\":\"Eth1\"},\"physical_network\":\"pn1\"}");
        assertThat(r.status()).isEqualTo(201);
        JsonNode port = r.json();
        assertThat(port.get("address").asText()).isEqualTo("52:54:00:ab:cd:ef");
        assertThat(port.get("pxe_enabled").asBoolean()).isTrue();
        assertThat(r.header("Location")).endsWith("/v1/ports/" + port.get("uuid").asText());
        assertThat(server.get("/v1/ports?address=52:54:00:AB:CD:EF").json().get("ports")).hasSize(1);
        assertThat(server.get("/v1/nodes/pn/ports").json().get("ports").get(0).get("uuid")).isEqualTo(port.get("uuid"));
        assertThat(server.get("/v1/ports?node=pn&fields=uuid,pxe_enabled").json().get("ports").get(0).has("address")).isFalse();
        JsonNode old = server.get("/v1/ports/" + port.get("uuid").asText(), "1.1").json();
        assertThat(old.has("pxe_enabled")).isFalse();
        assertThat(old.has("internal_info")).isFalse();
    }

    @Test
    void connectivityChangesNeedAnEnrollOrManageableNodeOrMaintenance() {
        String node = server.call("POST", "/v1/nodes", "1.10", "{\"driver\":\"fake-hardware\"}", Map.of()).json().get("uuid").asText();
        String port = server.post("/v1/ports", "{\"node_uuid\":\"" + node + "\",\"address\":\"52:54:00:00:11:22\"}").json().get("uuid").asText();
        String patch = "[{\"op\":\"replace\",\"path\":\"/pxe_enabled\",\"value\":false}]";
        assertThat(server.patch("/v1/ports/" + port, patch).status()).isEqualTo(409);
        assertThat(server.patch("/v1/ports/" + port, "[{\"op\":\"add\",\"path\":\"/extra/x\",\"value\":1}]").status()).isEqualTo(200);
        server.patch("/v1/nodes/" + node, "[{\"op\":\"replace\",\"path\":\"/maintenance\",\"value\":true}]");
        assertThat(server.patch("/v1/ports/" + port, patch).json().get("pxe_enabled").asBoolean()).isFalse();
    }

    @Test
    void portGroupsHaveDefaultsAndHoldPorts() {
        String node = server.node("{\"driver\":\"fake-hardware\"}").get("uuid").asText();
        JsonNode pg = server.post("/v1/portgroups", "{\"node_uuid\":\"" + node + "\",\"name\":\"bond0\"}").json();
        assertThat(pg.get("mode").asText()).isEqualTo("active-backup");
        assertThat(pg.get("standalone_ports_supported").asBoolean()).isTrue();
        assertThat(server.call("POST", "/v1/portgroups", "1.25", "{\"node_uuid\":\"" + node + "\",\"mode\":\"802.3ad\"}", Map.of())
                .status()).isEqualTo(406);
        String port = server.post("/v1/ports", "{\"node_uuid\":\"" + node + "\",\"address\":\"52:54:00:00:33:44\",\"portgroup_uuid\":\""
                + pg.get("uuid").asText() + "\"}").json().get("uuid").asText();
        assertThat(server.get("/v1/portgroups/bond0/ports").json().get("ports").get(0).get("uuid").asText()).isEqualTo(port);
        assertThat(server.get("/v1/nodes/" + node + "/portgroups").json().get("portgroups")).hasSize(1);
        assertThat(server.delete("/v1/portgroups/bond0").status()).isEqualTo(409);
        assertThat(server.delete("/v1/ports/" + port).status()).isEqualTo(204);
        assertThat(server.delete("/v1/portgroups/bond0").status()).isEqualTo(204);
    }

    @Test
    void chassisListTheirNodes() {
        JsonNode ch = server.post("/v1/chassis", "{\"description\":\"rack 9\",\"extra\":{\"row\":\"b\"}}").json();
        String uuid = ch.get("uuid").asText();
        assertThat(ch.get("nodes").get(0).get(0).get("href").asText()).endsWith("/v1/chassis/" + uuid + "/nodes");
        server.node("{\"driver\":\"fake-hardware\",\"chassis_uuid\":\"" + uuid + "\"}");
        assertThat(server.get("/v1/chassis/" + uuid + "/nodes").json().get("nodes")).hasSize(1);
        JsonNode patched = server.patch("/v1/chassis/" + uuid, "[{\"op\":\"replace\",\"path\":\"/description\",\"value\":\"rack 10\"}]").json();
        assertThat(patched.get("description").asText()).isEqualTo("rack 10");
        assertThat(server.get("/v1/chassis").json().get("chassis").get(0).properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("uuid", "description", "links");
    }

    @Test
    void driversShowTheirInterfacesByVersion() {
        JsonNode list = server.get("/v1/drivers", "1.1").json().get("drivers");
        assertThat(list).extracting(d -> d.get("name").asText()).containsExactly("fake-hardware", "ipmi", "manual-management", "redfish");
        assertThat(list.get(0).has("properties")).isFalse();
        assertThat(list.get(0).get("hosts").get(0).asText()).isEqualTo("test-conductor");
        JsonNode ipmi = server.get("/v1/drivers/ipmi").json();
        assertThat(ipmi.get("type").asText()).isEqualTo("dynamic");
        assertThat(ipmi.get("default_power_interface").asText()).isEqualTo("ipmitool");
        assertThat(ipmi.get("enabled_management_interfaces")).extracting(JsonNode::asText).containsExactly("ipmitool", "noop");
        assertThat(server.get("/v1/drivers/ipmi", "1.32").json().has("default_storage_interface")).isFalse();
        assertThat(server.get("/v1/drivers/ipmi/properties").json().has("ipmi_password")).isTrue();
        assertThat(server.get("/v1/drivers?fields=name").json().get("drivers").get(0).properties()).hasSize(1);
        assertThat(server.get("/v1/drivers?fields=name", "1.76").status()).isEqualTo(406);
        JsonNode redfish = server.get("/v1/drivers/redfish").json();
        assertThat(redfish.get("default_bios_interface").asText()).isEqualTo("redfish");
        assertThat(redfish.get("default_inspect_interface").asText()).isEqualTo("redfish");
        assertThat(redfish.get("enabled_power_interfaces")).extracting(JsonNode::asText).containsExactly("redfish");
        assertThat(server.get("/v1/drivers/redfish/properties").json().has("redfish_verify_ca")).isTrue();
        assertThat(server.get("/v1/drivers/idrac").status()).isEqualTo(404);
    }

    @Test
    void conductorsAndShards() {
        JsonNode c = server.get("/v1/conductors").json().get("conductors").get(0);
        assertThat(c.get("hostname").asText()).isEqualTo("test-conductor");
        assertThat(c.get("alive").asBoolean()).isTrue();
        assertThat(c.has("drivers")).isFalse();
        assertThat(server.get("/v1/conductors/test-conductor").json().get("drivers")).hasSize(4);
        server.node("{\"driver\":\"fake-hardware\",\"shard\":\"s-a\"}");
        JsonNode shards = server.get("/v1/shards").json().get("shards");
        assertThat(shards.toString()).contains("{\"name\":\"s-a\",\"count\":1}");
        assertThat(server.get("/v1/shards", "1.81").status()).isEqualTo(404);
    }

    @Test
    void methodNotAllowedListsTheAllowedMethods() {
        TestServer.Reply r = server.call("PUT", "/v1/nodes", "latest", "{}", Map.of());
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).contains("GET").contains("POST");
    }
}
