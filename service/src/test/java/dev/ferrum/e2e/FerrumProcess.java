package dev.ferrum.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Ferrum started the way the README says ({@code bin/ferrum all|api|conductor --config-file …}), as a real process
 * with a state directory, log and API port of its own.
 */
final class FerrumProcess implements AutoCloseable {
    private Process process;
    private final String command;
    private final String host;
    private final Path dir;
    private final int port;

    FerrumProcess(String extraConfig) {
        this("all", "e2e-conductor", extraConfig);
    }

    /** @param command all, api or conductor; @param host its [DEFAULT]host, the conductor's name */
    FerrumProcess(String command, String host, String extraConfig) {
        this.command = command;
        this.host = host;
        try {
            dir = Files.createTempDirectory("ferrum-e2e");
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start(extraConfig);
    }

    /** Kills the process with SIGKILL (no shutdown hooks run) and starts it again on the same state and port. */
    void killAndRestart(String extraConfig) {
        kill();
        start(extraConfig);
    }

    /** SIGKILL: no shutdown hook runs, nothing is released (bin/ferrum execs the JVM, so this is the JVM). */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String host() {
        return host;
    }

    private void start(String extraConfig) {
        try {
            Path conf = dir.resolve("ferrum.conf");
            Files.writeString(conf, "[DEFAULT]\nstate_path = " + dir.resolve("var") + "\nhost = " + host + "\n"
                    + "[api]\nport = " + port + "\n" + extraConfig);
            process = new ProcessBuilder(repoRoot().resolve("bin/ferrum").toString(), command, "--config-file", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("ferrum.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("ferrum " + command + " exited " + process.exitValue() + ": " + log());
            }
            if (command.equals("conductor")) { // serves no HTTP: ready once it says so
                return log().contains("Ferrum conductor is running");
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("ferrum.repo.root", "..")).toAbsolutePath().normalize();
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    String log() {
        try {
            return Files.readString(dir.resolve("ferrum.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Output and exit code of a client command. */
    record Run(int code, String out) {
    }

    /** Runs a client command with the noauth environment the README documents. */
    Run client(List<String> command) {
        return client(endpoint(), command);
    }

    /** Runs a client command with the noauth environment the README documents, against any endpoint. */
    static Run client(String endpoint, List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
            pb.environment().put("OS_AUTH_TYPE", "none");
            pb.environment().put("OS_ENDPOINT", endpoint);
            pb.environment().remove("OS_CLOUD");
            Process p = pb.start();
            byte[] err = p.getErrorStream().readAllBytes();
            String out = new String(p.getInputStream().readAllBytes());
            int code = p.waitFor();
            return new Run(code, code == 0 ? out : out + new String(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
