package dev.ferrum.drivers.redfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.api.TestServer;
import dev.ferrum.lab.redfish.RedfishEmulator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** redfish_verify_ca against a BMC with a self-signed certificate: verified by default, trusted when false. */
class RedfishTlsTest {
    private RedfishEmulator bmc;
    private TestServer server;

    @BeforeEach
    void start() {
        bmc = RedfishEmulator.builder().systems(2).credentials("admin", "password").tls(true).start();
        server = new TestServer(Map.of("conductor.sync_power_state_interval", "0", "redfish.connection_attempts", "1"));
    }

    @AfterEach
    void stop() {
        server.close();
        bmc.close();
    }

    private JsonNode manage(String system, String verifyCa) {
        String verify = verifyCa == null ? "" : ", \"redfish_verify_ca\": " + verifyCa;
        JsonNode node = server.node("{\"driver\": \"redfish\", \"driver_info\": {\"redfish_address\": \"" + bmc.address()
                + "\", \"redfish_system_id\": \"" + bmc.systemPath(system) + "\", \"redfish_username\": \"admin\", "
                + "\"redfish_password\": \"password\"" + verify + "}}");
        String uuid = node.get("uuid").asText();
        assertThat(server.put("/v1/nodes/" + uuid + "/states/provision", "{\"target\": \"manage\"}").status()).isEqualTo(202);
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last[0] = server.get("/v1/nodes/" + uuid).json();
            return last[0].path("target_provision_state").isNull() && last[0].path("reservation").isNull();
        });
        return last[0];
    }

    @Test
    void aSelfSignedCertificateIsRefusedUnlessVerificationIsOff() {
        assertThat(bmc.address()).startsWith("https://");
        JsonNode refused = manage("1", null);
        assertThat(refused.path("provision_state").asText()).isEqualTo("enroll");
        assertThat(refused.path("last_error").asText()).contains("TLS with the BMC failed", "redfish_verify_ca");

        JsonNode trusted = manage("2", "\"false\"");
        assertThat(trusted.path("provision_state").asText()).isEqualTo("manageable");
        assertThat(trusted.path("power_state").asText()).isEqualTo("power off");
    }
}
