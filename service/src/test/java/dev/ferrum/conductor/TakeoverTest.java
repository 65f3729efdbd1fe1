package dev.ferrum.conductor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.api.TestServer;
import dev.ferrum.db.ObjectStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A conductor that stops heartbeating leaves locks on nodes it was working on; the survivor that owns them on the
 * hash ring takes them over: operations fail with a last_error naming both conductors, pending power actions are
 * dropped, locks of conductors still alive are left alone, and the dead one shows alive: false.
 */
class TakeoverTest {
    private TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(Map.of("conductor.sync_local_state_interval", "0", "conductor.heartbeat_timeout", "30",
                "conductor.sync_power_state_interval", "0"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void conductor(String host, int secondsSinceHeartbeat) {
        server.stores().conductors.register(host, "", List.of("fake-hardware"));
        server.stores().db.jdbi().useHandle(h -> h.createUpdate("UPDATE conductors SET updated_at = ? WHERE hostname = ?")
                .bind(0, ObjectStore.now().minusSeconds(secondsSinceHeartbeat)).bind(1, host).execute());
    }

    private String node(String name, String state, String reservation, String targetPower) {
        String uuid = server.node("{\"driver\": \"fake-hardware\", \"name\": \"" + name + "\"}").get("uuid").asText();
        Map<String, Object> changes = new HashMap<>();
        changes.put("provision_state", state);
        changes.put("target_provision_state", state.equals("deploying") ? "active" : null);
        changes.put("reservation", reservation);
        changes.put("target_power_state", targetPower);
        server.stores().nodes.update(uuid, changes);
        return uuid;
    }

    private JsonNode show(String uuid) {
        return server.get("/v1/nodes/" + uuid).json();
    }

    @Test
    void eachSurvivorTakesItsShareOfWhatADeadConductorHeld() {
        conductor("dead-conductor", 120);
        conductor("busy-conductor", 1);
        List<String> held = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            held.add(node("deploying-" + i, "deploying", "dead-conductor", null));
        }
        String alive = node("held-by-alive", "deploying", "busy-conductor", null);
        // the ring counts only alive conductors: busy-conductor owns some of the nodes, this conductor the others
        Map<Boolean, List<String>> byOwner = new HashMap<>();
        for (String uuid : held) {
            boolean mine = server.get("/v1/nodes/" + uuid + "?fields=conductor", "1.49").json().path("conductor").asText()
                    .equals("test-conductor");
            byOwner.computeIfAbsent(mine, k -> new java.util.ArrayList<>()).add(uuid);
        }
        assertThat(byOwner).as("16 nodes over 2 conductors").containsKeys(true, false);

        assertThat(server.takeover().run()).isEqualTo(byOwner.get(true).size());

        for (String uuid : byOwner.get(true)) {
            JsonNode d = show(uuid);
            assertThat(d.get("provision_state").asText()).isEqualTo("deploy failed");
            assertThat(d.get("last_error").asText()).contains("The deployment was interrupted",
                    "conductor dead-conductor stopped heartbeating", "conductor test-conductor took the node over");
            assertThat(d.get("reservation").isNull()).isTrue();
        }
        for (String uuid : byOwner.get(false)) {
            assertThat(show(uuid).get("reservation").asText()).as("busy-conductor's share: its own takeover frees it")
                    .isEqualTo("dead-conductor");
        }
        assertThat(show(alive).get("reservation").asText()).as("a live conductor's lock stays").isEqualTo("busy-conductor");
        assertThat(show(alive).get("provision_state").asText()).isEqualTo("deploying");

        Map<String, Boolean> aliveByHost = new HashMap<>();
        server.get("/v1/conductors").json().get("conductors").forEach(c ->
                aliveByHost.put(c.get("hostname").asText(), c.get("alive").asBoolean()));
        assertThat(aliveByHost).containsEntry("dead-conductor", false).containsEntry("busy-conductor", true)
                .containsEntry("test-conductor", true);
    }

    @Test
    void aloneItTakesOverEverything() {
        conductor("dead-conductor", 120);
        String deploying = node("deploying", "deploying", "dead-conductor", null);
        String powering = node("powering", "manageable", "dead-conductor", "power on");
        String cleaning = node("cleaning", "cleaning", "dead-conductor", null);
        String active = node("active", "active", "dead-conductor", null);

        assertThat(server.takeover().run()).isEqualTo(4);

        assertThat(show(deploying).get("provision_state").asText()).isEqualTo("deploy failed");
        assertThat(show(cleaning).get("provision_state").asText()).isEqualTo("clean failed");
        assertThat(show(cleaning).get("last_error").asText()).contains("The cleaning was interrupted");
        JsonNode p = show(powering);
        assertThat(p.get("provision_state").asText()).isEqualTo("manageable");
        assertThat(p.get("target_power_state").isNull()).isTrue();
        assertThat(p.get("last_error").asText()).isEqualTo(
                "Pending power operation was aborted due to conductor dead-conductor going offline");
        JsonNode a = show(active);
        assertThat(a.get("provision_state").asText()).isEqualTo("active");
        assertThat(a.get("last_error").isNull()).isTrue();
        for (String uuid : List.of(deploying, powering, cleaning, active)) {
            assertThat(show(uuid).get("reservation").isNull()).isTrue();
        }
        // nothing left to take over
        assertThat(server.takeover().run()).isZero();
        // and the node can be used again at once
        assertThat(server.put("/v1/nodes/" + active + "/states/power", "{\"target\": \"power on\"}").status()).isEqualTo(202);
    }

    private Integer affinity(String uuid) {
        return server.stores().db.jdbi().withHandle(h -> h.createQuery("SELECT conductor_affinity FROM nodes WHERE uuid = ?")
                .bind(0, uuid).mapTo(Integer.class).one());
    }

    private int conductorId(String host) {
        return ((Number) server.stores().conductors.get(host).orElseThrow().get("id")).intValue();
    }

    @Test
    void activeNodesWhoseBootADeadConductorPreparedAreTakenOverOnce() {
        conductor("dead-conductor", 120);
        int dead = conductorId("dead-conductor");
        String active = node("active", "active", null, null);
        String resting = node("in-maintenance", "active", null, null);
        server.stores().nodes.update(resting, Map.of("maintenance", true));
        String available = node("available", "available", null, null);
        for (String uuid : List.of(active, resting, available)) {
            server.stores().db.jdbi().useHandle(h -> h.createUpdate("UPDATE nodes SET conductor_affinity = ? WHERE uuid = ?")
                    .bind(0, dead).bind(1, uuid).execute());
        }

        assertThat(server.takeover().run()).isEqualTo(1);

        assertThat(affinity(active)).isEqualTo(conductorId("test-conductor"));
        assertThat(show(active).get("provision_state").asText()).isEqualTo("active");
        assertThat(show(active).get("reservation").isNull()).isTrue();
        assertThat(affinity(resting)).as("maintenance: left alone, as Ironic does").isEqualTo(dead);
        assertThat(affinity(available)).as("not active: no boot to prepare").isEqualTo(dead);
        assertThat(server.takeover().run()).isZero();
    }

    @Test
    void aDeployRecordsWhichConductorPreparedTheNode() {
        String uuid = server.node("{\"driver\": \"fake-hardware\", \"name\": \"deployed\"}").get("uuid").asText();
        for (String target : List.of("manage", "provide", "active")) {
            assertThat(server.put("/v1/nodes/" + uuid + "/states/provision", "{\"target\": \"" + target + "\"}").status())
                    .isEqualTo(202);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                    show(uuid).get("target_provision_state").isNull() && show(uuid).get("reservation").isNull());
        }
        assertThat(show(uuid).get("provision_state").asText()).isEqualTo("active");
        assertThat(affinity(uuid)).isEqualTo(conductorId("test-conductor"));
        assertThat(server.takeover().run()).as("its own node: nothing to take over").isZero();
    }
}
