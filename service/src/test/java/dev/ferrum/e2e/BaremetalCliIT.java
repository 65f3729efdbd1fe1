package dev.ferrum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The real `baremetal` CLI (Debian's python3-ironicclient) against Ferrum started as the README says. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BaremetalCliIT {
    static FerrumProcess ferrum;
    static String nodeUuid;

    @BeforeAll
    static void start() {
        Tools.require("/usr/bin/baremetal", "python3-ironicclient");
        ferrum = new FerrumProcess("");
    }

    @AfterAll
    static void stop() {
        if (ferrum != null) {
            ferrum.close();
        }
    }

    static String ok(String... args) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/baremetal"));
        cmd.addAll(List.of(args));
        FerrumProcess.Run r = ferrum.client(cmd);
        assertThat(r.code()).as("baremetal %s failed: %s%nserver log:%n%s", String.join(" ", args), r.out(), ferrum.log()).isZero();
        return r.out();
    }

    static JsonNode json(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("-f", "json"));
        return Json.parseStored(ok(a.toArray(String[]::new)));
    }

    @Test
    @Order(1)
    void nodeCreateShowListSetUnset() {
        JsonNode n = json("node", "create", "--driver", "fake-hardware", "--name", "n1", "--property", "cpus=4",
                "--driver-info", "ipmi_password=secret", "--resource-class", "gold");
        nodeUuid = n.get("uuid").asText();
        assertThat(n.get("provision_state").asText()).isEqualTo("enroll");
        assertThat(n.get("driver_info").get("ipmi_password").asText()).isEqualTo("******");
        assertThat(n.get("conductor").asText()).isEqualTo("e2e-conductor");

        assertThat(ok("node", "list")).contains(nodeUuid).contains("n1").contains("enroll");
        JsonNode list = json("node", "list", "--long");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("Resource Class").asText()).isEqualTo("gold");

        ok("node", "set", "n1", "--property", "memory_mb=1024", "--extra", "rack=r1", "--description", "first");
        JsonNode shown = json("node", "show", "n1");
        assertThat(shown.get("properties").get("memory_mb").asText()).isEqualTo("1024");
        assertThat(shown.get("extra").get("rack").asText()).isEqualTo("r1");
        assertThat(shown.get("description").asText()).isEqualTo("first");

        ok("node", "unset", "n1", "--property", "cpus", "--extra", "rack");
        JsonNode unset = json("node", "show", nodeUuid, "--fields", "uuid", "properties", "extra");
        assertThat(unset.get("properties").has("cpus")).isFalse();
        assertThat(unset.get("extra").has("rack")).isFalse();
        assertThat(unset.has("driver")).isFalse();
    }

    @Test
    @Order(2)
    void portCreateListShowSetDelete() {
        JsonNode p = json("port", "create", "52:54:00:AA:BB:CC", "--node", nodeUuid, "--extra", "slot=1");
        String port = p.get("uuid").asText();
        assertThat(p.get("address").asText()).isEqualTo("52:54:00:aa:bb:cc");
        assertThat(ok("port", "list")).contains(port).contains("52:54:00:aa:bb:cc");
        assertThat(json("port", "list", "--node", "n1")).hasSize(1);
        ok("port", "set", port, "--extra", "slot=2", "--physical-network", "physnet1");
        JsonNode shown = json("port", "show", port);
        assertThat(shown.get("extra").get("slot").asText()).isEqualTo("2");
        assertThat(shown.get("physical_network").asText()).isEqualTo("physnet1");
        JsonNode byAddress = json("port", "show", "--address", "52:54:00:aa:bb:cc");
        assertThat(byAddress.get("uuid").asText()).isEqualTo(port);
        FerrumProcess.Run dup = ferrum.client(List.of("/usr/bin/baremetal", "port", "create", "52:54:00:aa:bb:cc", "--node", nodeUuid));
        assertThat(dup.code()).isNotZero();
        assertThat(dup.out()).contains("already exists");
        ok("port", "delete", port);
        assertThat(json("port", "list")).isEmpty();
    }

    @Test
    @Order(3)
    void portGroupsAndChassis() {
        JsonNode pg = json("port", "group", "create", "--node", nodeUuid, "--name", "pg1", "--address", "52:54:00:00:00:99");
        assertThat(pg.get("name").asText()).isEqualTo("pg1");
        assertThat(ok("port", "group", "list")).contains("pg1");
        ok("port", "group", "delete", "pg1");
        assertThat(json("port", "group", "list")).isEmpty();

        JsonNode ch = json("chassis", "create", "--description", "rack 7");
        String chassis = ch.get("uuid").asText();
        assertThat(ok("chassis", "list")).contains(chassis).contains("rack 7");
        ok("node", "set", "n1", "--chassis-uuid", chassis);
        assertThat(json("node", "list", "--chassis", chassis)).hasSize(1);
        FerrumProcess.Run busy = ferrum.client(List.of("/usr/bin/baremetal", "chassis", "delete", chassis));
        assertThat(busy.out()).contains("contains nodes");
        ok("node", "unset", "n1", "--chassis-uuid");
        ok("chassis", "delete", chassis);
        assertThat(json("chassis", "list")).isEmpty();
    }

    @Test
    @Order(4)
    void driversAndConductors() {
        JsonNode drivers = json("driver", "list");
        assertThat(drivers).extracting(d -> d.get("Supported driver(s)").asText())
                .containsExactly("fake-hardware", "ipmi", "manual-management", "redfish");
        JsonNode fake = json("driver", "show", "fake-hardware");
        assertThat(fake.get("default_power_interface").asText()).isEqualTo("fake");
        assertThat(fake.get("hosts").toString()).contains("e2e-conductor");
        assertThat(ok("driver", "property", "list", "ipmi")).contains("ipmi_address");
        assertThat(ok("driver", "property", "list", "redfish")).contains("redfish_address", "redfish_verify_ca");
        JsonNode conductors = json("conductor", "list");
        assertThat(conductors).hasSize(1);
        assertThat(conductors.get(0).get("Hostname").asText()).isEqualTo("e2e-conductor");
        assertThat(conductors.get(0).get("Alive").asBoolean()).isTrue();
        assertThat(json("conductor", "show", "e2e-conductor").get("drivers").toString()).contains("ipmi");
    }

    @Test
    @Order(5)
    void nodeDelete() {
        ok("node", "delete", "n1");
        assertThat(json("node", "list")).isEmpty();
        FerrumProcess.Run missing = ferrum.client(List.of("/usr/bin/baremetal", "node", "show", "n1"));
        assertThat(missing.code()).isNotZero();
        assertThat(missing.out()).contains("could not be found");
    }
}
