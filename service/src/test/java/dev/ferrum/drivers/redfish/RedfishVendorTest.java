package dev.ferrum.drivers.redfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferrum.api.TestServer;
import dev.ferrum.lab.redfish.RedfishEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The redfish vendor passthru eject_vmedia, asserted on the BMC's virtual media. */
class RedfishVendorTest {
    private RedfishEmulator bmc;
    private TestServer server;

    @BeforeEach
    void start() {
        bmc = RedfishEmulator.builder().systems(1).credentials("admin", "password").start();
        server = new TestServer(Map.of("conductor.sync_power_state_interval", "0"));
    }

    @AfterEach
    void stop() {
        server.close();
        bmc.close();
    }

    private void insert(String device) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(bmc.address() + "/redfish/v1/Managers/1/VirtualMedia/" + device
                        + "/Actions/VirtualMedia.InsertMedia"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:password".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Image\": \"http://127.0.0.1/" + device + ".iso\"}")).build();
        int status = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(status).isBetween(200, 204);
    }

    @Test
    void ejectVmediaEjectsTheNamedDeviceOrAll() throws Exception {
        insert("Cd");
        insert("Floppy");
        String uuid = server.node("{\"driver\": \"redfish\", \"driver_info\": {\"redfish_address\": \"" + bmc.address()
                + "\", \"redfish_username\": \"admin\", \"redfish_password\": \"password\"}}").get("uuid").asText();
        assertThat(server.get("/v1/nodes/" + uuid + "/vendor_passthru/methods").json().has("eject_vmedia")).isTrue();
        assertThat(server.post("/v1/nodes/" + uuid + "/vendor_passthru?method=eject_vmedia", "{\"boot_device\": \"tape\"}")
                .status()).isEqualTo(400);

        assertThat(server.post("/v1/nodes/" + uuid + "/vendor_passthru?method=eject_vmedia", "{\"boot_device\": \"cdrom\"}")
                .status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> bmc.system("1").virtualMediaImage("Cd") == null);
        assertThat(bmc.system("1").virtualMediaImage("Floppy")).isEqualTo("http://127.0.0.1/Floppy.iso");

        assertThat(server.post("/v1/nodes/" + uuid + "/vendor_passthru?method=eject_vmedia", "{}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> bmc.system("1").virtualMediaImage("Floppy") == null);
    }
}
