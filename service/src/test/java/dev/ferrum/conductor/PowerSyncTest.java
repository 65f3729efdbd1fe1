package dev.ferrum.conductor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.api.TestServer;
import dev.ferrum.lab.redfish.Fault;
import dev.ferrum.lab.redfish.RedfishEmulator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Power state sync against emulated Redfish BMCs: a BMC that hangs costs its node one deadline and nobody else
 * anything, a BMC that keeps failing puts its node in maintenance with a fault after the tolerated retries
 * (and the sync never powers it on or off), and the node comes back once its BMC answers again.
 */
class PowerSyncTest {
    private RedfishEmulator bmc;
    private TestServer server;

    @BeforeEach
    void start() {
        bmc = RedfishEmulator.builder().systems(6).credentials("admin", "password").start();
        server = new TestServer(Map.of(
                "conductor.sync_power_state_interval", "0", // rounds run when the test says
                "conductor.power_failure_recovery_interval", "0",
                "conductor.power_state_sync_timeout", "2",
                "conductor.power_state_sync_max_retries", "2",
                "conductor.force_power_state_during_sync", "false",
                "redfish.connection_attempts", "1",
                "redfish.request_timeout", "30"));
    }

    @AfterEach
    void stop() {
        server.close();
        bmc.close();
    }

    private String enroll(String systemId) {
        JsonNode node = server.node("{\"driver\": \"redfish\", \"name\": \"sys-" + systemId + "\", \"driver_info\": {"
                + "\"redfish_address\": \"" + bmc.address() + "\", \"redfish_system_id\": \"" + bmc.systemPath(systemId)
                + "\", \"redfish_username\": \"admin\", \"redfish_password\": \"password\"}}");
        String uuid = node.get("uuid").asText();
        assertThat(server.put("/v1/nodes/" + uuid + "/states/provision", "{\"target\": \"manage\"}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "manageable".equals(node(uuid).path("provision_state").asText()));
        return uuid;
    }

    private JsonNode node(String uuid) {
        return server.get("/v1/nodes/" + uuid).json();
    }

    @Test
    void aHangingBmcDelaysNoOtherNodeAndOutOfBandChangesAreRecorded() {
        String hung = enroll("1");
        String a = enroll("2");
        String b = enroll("3");
        bmc.system("1").fault(Fault.HANG);
        bmc.system("2").setPowerState("On");
        bmc.system("3").setPowerState("On");

        PowerSync.Round round = server.powerSync().syncPowerStates();

        assertThat(round.nodes()).isEqualTo(3);
        assertThat(round.failedReads()).isEqualTo(1);
        // the round ends at the hung read's 2 s deadline, not at its 30 s request timeout
        assertThat(round.took()).isLessThan(Duration.ofSeconds(15));
        assertThat(node(a).path("power_state").asText()).isEqualTo("power on");
        assertThat(node(b).path("power_state").asText()).isEqualTo("power on");
        assertThat(node(hung).path("power_state").asText()).isEqualTo("power off");
        assertThat(server.powerSync().failureCount(hung)).isEqualTo(1);
        assertThat(node(hung).path("reservation").isNull()).isTrue();

        // the abandoned read was cancelled (its HTTP request interrupted): the next round tries the BMC again
        PowerSync.Round next = server.powerSync().syncPowerStates();
        assertThat(next.nodes()).isEqualTo(3);
        assertThat(next.failedReads()).isEqualTo(1);
        assertThat(server.powerSync().failureCount(hung)).isEqualTo(2);
        assertThat(node(hung).path("maintenance").asBoolean()).as("2 failures are within max_retries").isFalse();
    }

    @Test
    void aFailingBmcPutsItsNodeInMaintenanceAndIsNeverPoweredByMistake() {
        String broken = enroll("4");
        String healthy = enroll("5");
        bmc.system("4").fault(Fault.SERVER_ERROR);
        int resetsBefore = bmc.system("4").resets().size();

        for (int i = 0; i < 3; i++) { // max_retries 2: the third failure in a row is one too many
            assertThat(node(broken).path("maintenance").asBoolean()).isFalse();
            server.powerSync().syncPowerStates();
        }

        JsonNode n = node(broken);
        assertThat(n.path("maintenance").asBoolean()).isTrue();
        assertThat(n.path("fault").asText()).isEqualTo("power failure");
        assertThat(n.path("last_error").asText()).contains("did not give a power state 3 times").contains("HTTP 500");
        assertThat(n.path("reservation").isNull()).isTrue();
        assertThat(bmc.system("4").resets()).hasSize(resetsBefore);
        assertThat(node(healthy).path("maintenance").asBoolean()).isFalse();

        bmc.system("4").fault(Fault.NONE);
        bmc.system("4").setPowerState("On");
        server.powerSync().recoverPowerFailures();
        n = node(broken);
        assertThat(n.path("maintenance").asBoolean()).isFalse();
        assertThat(n.path("fault").isNull()).isTrue();
        assertThat(n.path("power_state").asText()).isEqualTo("power on");
        assertThat(bmc.system("4").resets()).hasSize(resetsBefore);
    }

    @Test
    void wrongCredentialsAreAPowerFailureWithAClearReason() {
        String uuid = enroll("6");
        bmc.system("6").fault(Fault.WRONG_CREDENTIALS);
        for (int i = 0; i < 3; i++) {
            server.powerSync().syncPowerStates();
        }
        assertThat(node(uuid).path("fault").asText()).isEqualTo("power failure");
        assertThat(node(uuid).path("last_error").asText()).contains("authentication failed");
    }
}
