package dev.ferrum.lab.redfish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The CLI the benchmarks start: prints where it listens, serves, and stops on SIGTERM. */
class RedfishEmulatorMainTest {

    @Test
    void servesTheSystemsItAnnouncesUntilKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RedfishEmulatorMain.class.getName(), "--port", "0", "--systems", "25", "--username", "ops",
                "--max-sessions", "3");
        pb.environment().put("REDFISH_EMULATOR_PASSWORD", "from-env");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        try {
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            Matcher m = Pattern.compile("redfish emulator listening on (http://127\\.0\\.0\\.1:(\\d+)) with 25 systems")
                    .matcher(String.valueOf(line));
            assertThat(m.matches()).as(line).isTrue();
            String auth = "Basic " + Base64.getEncoder().encodeToString(
                    "ops:from-env".getBytes(StandardCharsets.UTF_8));
            Http.Response systems = Http.send(HttpRequest.newBuilder(URI.create(m.group(1) + "/redfish/v1/Systems"))
                    .header("Authorization", auth).GET().build());
            assertThat(systems.status()).isEqualTo(200);
            assertThat(systems.body().get("Members@odata.count").asInt()).isEqualTo(25);
        } finally {
            p.destroy(); // SIGTERM, as the benchmark scripts stop it
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void refusesUnknownOptions() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RedfishEmulatorMain.class.getName(), "--bogus").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains("unknown option --bogus", "usage:");
    }
}
