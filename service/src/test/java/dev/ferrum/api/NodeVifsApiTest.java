package dev.ferrum.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /v1/nodes/{node}/vifs: noop keeps nothing (as Ironic's), flat records VIFs on ports and port groups. */
class NodeVifsApiTest {
    TestServer server;
    String flat;

    @BeforeEach
    void start() {
        server = new TestServer(Map.of("fake.vendor_delay", "6", "conductor.node_locked_retry_attempts", "1",
                "conductor.node_locked_retry_interval", "1"));
        flat = server.node("{\"driver\":\"fake-hardware\",\"name\":\"flat\",\"network_interface\":\"flat\"}").get("uuid").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String port(String mac, String extra) {
        TestServer.Reply r = server.post("/v1/ports", "{\"node_uuid\":\"" + flat + "\",\"address\":\"" + mac + "\"" + extra + "}");
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("uuid").asText();
    }

    private List<String> vifs(String node) {
        List<String> ids = new ArrayList<>();
        server.get("/v1/nodes/" + node + "/vifs").json().get("vifs").forEach(v -> ids.add(v.get("id").asText()));
        return ids;
    }

    private JsonNode internalInfo(String port) {
        return server.get("/v1/ports/" + port).json().get("internal_info");
    }

    @Test
    void noopNetworkAcceptsButKeepsNothing() {
        server.node("{\"driver\":\"fake-hardware\",\"name\":\"noop\"}");
        assertThat(server.post("/v1/nodes/noop/vifs", "{\"id\":\"vif-1\"}").status()).isEqualTo(204);
        assertThat(vifs("noop")).isEmpty();
        assertThat(server.delete("/v1/nodes/noop/vifs/vif-1").status()).isEqualTo(204);
    }

    @Test
    void attachPicksAPxePortThenOthersAndRefusesWhenNoneIsFree() {
        String plain = port("52:54:00:00:00:01", ",\"pxe_enabled\":false");
        String pxe = port("52:54:00:00:00:02", "");
        TestServer.Reply r = server.post("/v1/nodes/flat/vifs", "{\"id\":\"vif-a\"}");
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.text()).isEmpty();
        assertThat(internalInfo(pxe).get("tenant_vif_port_id").asText()).isEqualTo("vif-a");
        assertThat(server.post("/v1/nodes/flat/vifs", "{\"id\":\"3f1c8a52-0a4e-4a5e-9a60-0d3c1b8e7f11\"}").status()).isEqualTo(204);
        assertThat(internalInfo(plain).get("tenant_vif_port_id").asText()).isEqualTo("3f1c8a52-0a4e-4a5e-9a60-0d3c1b8e7f11");
        assertThat(vifs("flat")).containsExactly("3f1c8a52-0a4e-4a5e-9a60-0d3c1b8e7f11", "vif-a");

        TestServer.Reply dup = server.post("/v1/nodes/flat/vifs", "{\"id\":\"vif-a\"}");
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.fault()).isEqualTo("Unable to attach VIF because VIF vif-a is already attached to Ironic Port " + pxe);
        TestServer.Reply full = server.post("/v1/nodes/flat/vifs", "{\"id\":\"vif-c\"}");
        assertThat(full.status()).isEqualTo(400);
        assertThat(full.fault()).isEqualTo("Unable to attach VIF vif-c, not enough free physical ports.");

        assertThat(server.delete("/v1/nodes/flat/vifs/vif-a").status()).isEqualTo(204);
        assertThat(internalInfo(pxe).has("tenant_vif_port_id")).isFalse();
        assertThat(vifs("flat")).containsExactly("3f1c8a52-0a4e-4a5e-9a60-0d3c1b8e7f11");
        TestServer.Reply again = server.delete("/v1/nodes/flat/vifs/vif-a");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.fault()).isEqualTo("Unable to detach VIF vif-a from node " + flat + " because it is not attached to it.");
    }

    @Test
    void portGroupsComeFirstAndAPortCanBeChosen() {
        String pg = server.post("/v1/portgroups", "{\"node_uuid\":\"" + flat + "\",\"address\":\"52:54:00:00:01:00\"}")
                .json().get("uuid").asText();
        String member = port("52:54:00:00:00:11", ",\"portgroup_uuid\":\"" + pg + "\"");
        String single = port("52:54:00:00:00:12", "");
        assertThat(server.post("/v1/nodes/flat/vifs", "{\"id\":\"vif-pg\"}").status()).isEqualTo(204);
        assertThat(server.get("/v1/portgroups/" + pg).json().get("internal_info").get("tenant_vif_port_id").asText()).isEqualTo("vif-pg");
        assertThat(internalInfo(member).has("tenant_vif_port_id")).isFalse();
        assertThat(server.post("/v1/nodes/flat/vifs", "{\"id\":\"vif-p\",\"port_uuid\":\"" + single + "\"}").status()).isEqualTo(204);
        assertThat(internalInfo(single).get("tenant_vif_port_id").asText()).isEqualTo("vif-p");
        assertThat(vifs("flat")).containsExactlyInAnyOrder("vif-pg", "vif-p");
        assertThat(server.delete("/v1/nodes/flat/vifs/vif-pg").status()).isEqualTo(204);
        assertThat(server.get("/v1/portgroups/" + pg).json().get("internal_info").has("tenant_vif_port_id")).isFalse();
    }

    @Test
    void versionAndInputChecks() {
        TestServer.Reply old = server.get("/v1/nodes/flat/vifs", "1.27");
        assertThat(old.status()).isEqualTo(404);
        assertThat(server.call("POST", "/v1/nodes/flat/vifs", "1.27", "{\"id\":\"x\"}", Map.of()).status()).isEqualTo(404);
        assertThat(server.post("/v1/nodes/flat/vifs", "{}").fault()).isEqualTo("Schema error for vif: 'id' is a required property");
        assertThat(server.post("/v1/nodes/flat/vifs", "{\"id\":5}").fault()).isEqualTo("Schema error for vif: 5 is not of type 'string'");
        assertThat(server.post("/v1/nodes/flat/vifs", "[1]").fault()).isEqualTo("Schema error for vif: [1] is not of type 'object'");
        assertThat(server.post("/v1/nodes/flat/vifs", "{\"id\":\"a b\"}").fault()).isEqualTo("Expected UUID or name for id: a b");
        assertThat(server.post("/v1/nodes/flat/vifs", "{\"id\":\"x\",\"port_uuid\":\"a\",\"portgroup_uuid\":\"b\"}").fault())
                .isEqualTo("Cannot specify both port_uuid and portgroup_uuid");
        assertThat(server.delete("/v1/nodes/flat/vifs/a%20b").fault()).isEqualTo("Expected UUID or name for vif_id: a b");
        assertThat(server.post("/v1/nodes/nope/vifs", "{\"id\":\"x\"}").status()).isEqualTo(404);
        assertThat(server.get("/v1/nodes/flat/vifs?x=1").fault()).isEqualTo("Unexpected arguments: x");
    }

    @Test
    void changesWaitForTheNodeLockAndReadsDoNot() {
        port("52:54:00:00:00:21", "");
        // second_method is asynchronous and needs the exclusive lock: its worker holds the node for 6 s.
        TestServer.Reply busy = server.post("/v1/nodes/flat/vendor_passthru?method=second_method", "{\"bar\":\"kazoo\"}");
        assertThat(busy.status()).isEqualTo(202);
        assertThat(server.get("/v1/nodes/flat").json().get("reservation").asText()).isEqualTo("test-conductor");
        // Reads take no lock (shared); changes and BMC reads wait up to the lock wait (1 s here), then 409.
        assertThat(server.get("/v1/nodes/flat/vifs").status()).isEqualTo(200);
        assertThat(server.get("/v1/nodes/flat/management/indicators").status()).isEqualTo(200);
        assertThat(server.get("/v1/nodes/flat/states/console").status()).isEqualTo(200);
        TestServer.Reply locked = server.post("/v1/nodes/flat/vifs", "{\"id\":\"vif-l\"}");
        assertThat(locked.status()).isEqualTo(409);
        assertThat(locked.fault()).contains("is locked by host test-conductor");
        assertThat(server.call("PUT", "/v1/nodes/flat/states/raid", "latest", "{}", Map.of()).status()).isEqualTo(409);
        assertThat(server.get("/v1/nodes/flat/management/indicators/led@system").status()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.get("/v1/nodes/flat").json().get("reservation").isNull());
        assertThat(server.post("/v1/nodes/flat/vifs", "{\"id\":\"vif-l\"}").status()).isEqualTo(204);
        assertThat(vifs("flat")).containsExactly("vif-l");
    }
}
