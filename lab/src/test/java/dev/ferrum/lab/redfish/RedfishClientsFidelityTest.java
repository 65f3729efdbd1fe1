package dev.ferrum.lab.redfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator's fidelity, judged by Redfish clients nobody here wrote: Debian's python3-sushy (which Ironic's
 * redfish driver is built on) and DMTF's redfishtool. Each drives the BMC; the test asserts on the BMC's state.
 * Both tools must be installed (.ci/run installs them): a missing one fails the test.
 */
class RedfishClientsFidelityTest {
    private RedfishEmulator bmc;

    @BeforeEach
    void start() {
        bmc = RedfishEmulator.builder().systems(3).credentials("admin", "password").maxSessions(4).start();
    }

    @AfterEach
    void stop() {
        bmc.close();
    }

    private record Run(int code, String out) {
    }

    private static Run run(List<String> cmd) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(cmd.getFirst()))) {
            fail(cmd.getFirst() + " is missing: install Debian's python3-sushy and redfishtool");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void sushyDrivesPowerBootBiosVirtualMediaAndSessions() throws Exception {
        Path script = Files.createTempFile("sushy_drive", ".py");
        try (var in = getClass().getResourceAsStream("/sushy_drive.py")) {
            Files.write(script, in.readAllBytes());
        }
        Run r = run(List.of("/usr/bin/python3", script.toString(), bmc.address(), bmc.systemPath("2")));
        assertThat(r.out()).as(r.out()).endsWith("ok\n");
        EmulatedSystem s = bmc.system("2");
        assertThat(s.resets()).containsExactly("On", "ForceRestart");
        assertThat(s.powerState()).isEqualTo("On");
        assertThat(s.biosAttributes()).containsEntry("ProcTurboMode", "Disabled");
        assertThat(s.pendingBiosAttributes()).isEmpty();
        assertThat(s.bootSourceOverrideTarget()).isEqualTo("Pxe");
        assertThat(s.bootSourceOverrideEnabled()).as("a Once override is used up by the restart").isEqualTo("Disabled");
        assertThat(s.indicatorLed()).isEqualTo("Blinking");
        assertThat(bmc.insertedMedia("Cd")).isEqualTo("http://127.0.0.1/boot.iso");
        assertThat(bmc.peakSessions()).isEqualTo(1);
        assertThat(bmc.system("1").resets()).isEmpty();
    }

    @Test
    void redfishtoolListsSystemsAndResetsOne() throws Exception {
        List<String> base = new ArrayList<>(List.of("/usr/bin/redfishtool", "-r", "127.0.0.1:" + bmc.port(), "-u", "admin",
                "-p", "password", "-S", "Never"));
        List<String> list = new ArrayList<>(base);
        list.add("Systems");
        Run r = run(list);
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("/redfish/v1/Systems/1", "/redfish/v1/Systems/3");

        List<String> reset = new ArrayList<>(base);
        reset.addAll(List.of("Systems", "-I", "3", "reset", "ForceOn"));
        r = run(reset);
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(bmc.system("3").resets()).containsExactly("ForceOn");
        assertThat(bmc.system("3").powerState()).isEqualTo("On");

        List<String> wrong = new ArrayList<>(List.of("/usr/bin/redfishtool", "-r", "127.0.0.1:" + bmc.port(), "-u", "admin",
                "-p", "wrong", "-S", "Never", "Systems", "-I", "1", "reset", "On"));
        assertThat(run(wrong).code()).isNotZero();
        assertThat(bmc.system("1").resets()).isEmpty();
    }
}
