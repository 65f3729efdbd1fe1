package dev.ferrum.lab.ipmi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A BMC emulator process: started, awaited until it prints its ready line, stopped (SIGSTOP to hang) and killed. */
final class BmcProcess implements AutoCloseable {
    private final Process process;
    private final List<String> output = new ArrayList<>();

    private BmcProcess(Process process) {
        this.process = process;
    }

    /** Starts {@code command} and returns once a line of its output contains {@code ready}. */
    static BmcProcess start(List<String> command, Path dir, java.util.Map<String, String> env, String ready,
                            Duration within) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command.getFirst(), e);
        }
        BmcProcess bmc = new BmcProcess(p);
        CompletableFuture<Void> seen = new CompletableFuture<>();
        // A platform thread: a virtual one can wait for a free carrier behind the tests' own virtual threads, and a
        // BMC whose ready line nobody reads looks like one that never started.
        Thread.ofPlatform().daemon().name("bmc-output").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (bmc.output) {
                        bmc.output.add(line);
                    }
                    if (line.contains(ready)) {
                        seen.complete(null);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            seen.completeExceptionally(new IllegalStateException("exited before it was ready"));
        });
        try {
            seen.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            bmc.close();
            throw new IllegalStateException("Interrupted starting " + command.getFirst(), e);
        } catch (ExecutionException | TimeoutException e) {
            bmc.close();
            throw new IllegalStateException(command.getFirst() + " did not get ready within " + within.toSeconds()
                    + " s; it printed: " + bmc.output());
        }
        return bmc;
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    long pid() {
        return process.pid();
    }

    void signal(String signal) {
        signal(process.pid(), signal);
    }

    static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A UDP port free right now on 127.0.0.1. */
    static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with the Debian package to install when an emulator's program is missing. */
    static void require(String path, String debianPackage) {
        if (!Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException(path + " is missing: install Debian's " + debianPackage + " package");
        }
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyResource(String name, Path to) {
        try (var in = BmcProcess.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the lab module");
            }
            Files.copy(in, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
