package dev.ferrum.lab.redfish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DMTF's redfishtool (basic auth by default, sessions with -A Session) against the emulator. */
class RedfishtoolTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RedfishEmulator bmc;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        bmc = RedfishEmulator.builder().systems(3).credentials("admin", "password").start();
    }

    @AfterAll
    static void stop() {
        bmc.close();
    }

    private JsonNode ok(String... args) throws Exception {
        Tools.Result r = Tools.redfishtool(bmc, dir, args);
        assertThat(r.exit()).as("redfishtool %s: %s", String.join(" ", args), r.stderr()).isZero();
        return JSON.readTree(r.stdout());
    }

    @Test
    void listsTheSystemsCollection() throws Exception {
        JsonNode systems = ok("Systems");
        assertThat(systems.get("Members@odata.count").asInt()).isEqualTo(3);
        assertThat(systems.get("Members").get(2).get("@odata.id").asText()).isEqualTo("/redfish/v1/Systems/3");
    }

    @Test
    void getsOneSystemAndItsProcessors() throws Exception {
        JsonNode system = ok("Systems", "-I", "2");
        assertThat(system.get("Id").asText()).isEqualTo("2");
        assertThat(system.get("PowerState").asText()).isEqualTo("Off");
        JsonNode cpus = ok("Systems", "-I", "2", "Processors");
        assertThat(cpus.get("Members@odata.count").asInt()).isEqualTo(2);
    }

    @Test
    void resetsAndPatchesASystem() throws Exception {
        Tools.Result on = Tools.redfishtool(bmc, dir, "Systems", "-I", "1", "reset", "On");
        assertThat(on.exit()).as(on.stderr()).isZero();
        assertThat(bmc.system("1").powerState()).isEqualTo("On");
        assertThat(bmc.system("1").resets()).containsExactly("On");

        Tools.Result led = Tools.redfishtool(bmc, dir, "Systems", "-I", "1", "setIndicatorLed", "Lit");
        assertThat(led.exit()).as(led.stderr()).isZero();
        assertThat(bmc.system("1").indicatorLed()).isEqualTo("Lit");

        Tools.Result boot = Tools.redfishtool(bmc, dir, "Systems", "-I", "1", "setBootOverride", "Once", "Pxe");
        assertThat(boot.exit()).as(boot.stderr()).isZero();
        assertThat(bmc.system("1").bootSourceOverrideTarget()).isEqualTo("Pxe");
        assertThat(bmc.system("1").bootSourceOverrideEnabled()).isEqualTo("Once");
    }

    @Test
    void logsInWithASessionAndLogsOut() throws Exception {
        JsonNode system = ok("-A", "Session", "Systems", "-I", "3");
        assertThat(system.get("Id").asText()).isEqualTo("3");
        assertThat(bmc.peakSessions()).isGreaterThanOrEqualTo(1);
        assertThat(bmc.activeSessions()).isZero();
    }

    @Test
    void readsTheServiceRootWithoutCredentials() throws Exception {
        JsonNode root = ok("root");
        assertThat(root.get("RedfishVersion").asText()).isEqualTo("1.11.0");
        assertThat(root.get("Links").get("Sessions").get("@odata.id").asText())
                .isEqualTo("/redfish/v1/SessionService/Sessions");
    }
}
