package dev.ferrum.lab.redfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real Redfish clients the fidelity tests drive: Debian's python3-sushy (through /usr/bin/python3, not a
 * virtualenv's python) and redfishtool. A missing one fails the test: an emulator no real client has read proves
 * nothing.
 */
final class Tools {
    static final String PYTHON = "/usr/bin/python3";
    static final String REDFISHTOOL = "/usr/bin/redfishtool";

    private Tools() {
    }

    static void requireSushy() {
        require(PYTHON, "python3");
        Result r = run(List.of(PYTHON, "-c", "import sushy"), Map.of());
        if (r.exit() != 0) {
            fail("python module sushy is missing (install Debian's python3-sushy): " + r.stderr());
        }
    }

    static void requireRedfishtool() {
        require(REDFISHTOOL, "redfishtool");
    }

    private static void require(String path, String debianPackage) {
        if (!Files.isExecutable(Path.of(path))) {
            fail(path + " is missing (install Debian's " + debianPackage + ")");
        }
    }

    record Result(int exit, String stdout, String stderr) {
    }

    /**
     * Runs a sushy script against the emulator. The script finds BASE_URL, USERNAME and PASSWORD in os.environ
     * (the password never goes on a command line) and must exit 0; its stdout is returned.
     */
    static String sushy(RedfishEmulator e, String script) {
        return sushy(e, "admin", "password", script);
    }

    static String sushy(RedfishEmulator e, String user, String password, String script) {
        requireSushy();
        String prelude = "import os, json, sushy\n"
                + "def connect():\n"
                + "    return sushy.Sushy(os.environ['BASE_URL'], username=os.environ['USERNAME'],"
                + " password=os.environ['PASSWORD'], verify=False)\n";
        Map<String, String> env = new java.util.HashMap<>(Map.of("BASE_URL", e.address(), "USERNAME", user,
                "PASSWORD", password, "PYTHONWARNINGS", "ignore"));
        // requests lets REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE override a session's verify=False (psf/requests#3829)
        env.put("REQUESTS_CA_BUNDLE", "");
        env.put("CURL_CA_BUNDLE", "");
        Result r = run(List.of(PYTHON, "-c", prelude + script), env);
        assertThat(r.exit()).as("sushy script failed:\n%s\nstderr:\n%s", script, r.stderr()).isZero();
        return r.stdout().trim();
    }

    /** redfishtool with the credentials in a config file (-c), not on its command line. */
    static Result redfishtool(RedfishEmulator e, Path dir, String... args) {
        requireRedfishtool();
        Path config = dir.resolve("redfishtool.json");
        try {
            Files.writeString(config, "{\"user\": \"admin\", \"password\": \"password\"}");
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        List<String> cmd = new java.util.ArrayList<>(List.of(REDFISHTOOL, "-r", "127.0.0.1:" + e.port(),
                "-c", config.toString(), "-S", e.address().startsWith("https") ? "Always" : "Never"));
        cmd.addAll(List.of(args));
        return run(cmd, Map.of());
    }

    static Result run(List<String> cmd, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            env.forEach((k, v) -> {
                if (v.isEmpty()) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            Path err = Files.createTempFile("ferrum-lab-tool", ".err");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(cmd.get(0) + " did not finish in 120 s");
            }
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            return new Result(p.exitValue(), out, stderr);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
