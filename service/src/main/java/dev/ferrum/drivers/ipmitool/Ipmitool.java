package dev.ferrum.drivers.ipmitool;

import dev.ferrum.common.FerrumException;
import dev.ferrum.common.config.Config;
import dev.ferrum.common.config.IpmiOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code ipmitool} against a node's BMC. The password goes through a 0600 file ({@code -f}), never the
 * command line or a log. Commands to one BMC run one at a time and at least {@code [ipmi]min_command_interval}
 * apart (BMCs drop sessions when driven faster); errors real BMCs return transiently are retried until
 * {@code [ipmi]command_retry_timeout}, which also bounds every call: a BMC that hangs costs at most that long.
 */
final class Ipmitool {
    private static final Logger LOG = LoggerFactory.getLogger(Ipmitool.class);
    /** What ipmitool prints when a BMC is busy or short of sessions: worth another try. */
    private static final List<String> RETRYABLE = List.of("insufficient resources for session", "Node busy", "Timeout",
            "Out of space", "BMC initialization in progress");

    private final String binary;
    private final Duration retryTimeout;
    private final Duration minInterval;
    private final boolean useIpmitoolRetries;
    private final boolean killOnTimeout;
    private final boolean debug;
    private final List<String> retryable;
    private final Path passwordDir;
    private final ConcurrentHashMap<String, Gate> gates = new ConcurrentHashMap<>();

    /** One BMC's turn: the lock serialises its commands, {@code last} paces them. */
    private static final class Gate {
        final ReentrantLock lock = new ReentrantLock();
        long last = Long.MIN_VALUE;
    }

    Ipmitool(Config config) {
        this("ipmitool", Duration.ofSeconds(config.get(IpmiOptions.COMMAND_RETRY_TIMEOUT)),
                Duration.ofSeconds(config.get(IpmiOptions.MIN_COMMAND_INTERVAL)), config.get(IpmiOptions.USE_IPMITOOL_RETRIES),
                config.get(IpmiOptions.KILL_ON_TIMEOUT), config.get(IpmiOptions.DEBUG),
                config.get(IpmiOptions.ADDITIONAL_RETRYABLE_IPMI_ERRORS));
    }

    Ipmitool(String binary, Duration retryTimeout, Duration minInterval, boolean useIpmitoolRetries, boolean killOnTimeout,
             boolean debug, List<String> additionalRetryable) {
        this.binary = binary;
        this.retryTimeout = retryTimeout;
        this.minInterval = minInterval;
        this.useIpmitoolRetries = useIpmitoolRetries;
        this.killOnTimeout = killOnTimeout;
        this.debug = debug;
        List<String> r = new ArrayList<>(RETRYABLE);
        r.addAll(additionalRetryable);
        this.retryable = List.copyOf(r);
        try {
            this.passwordDir = Files.createTempDirectory("ferrum-ipmi-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            this.passwordDir.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a private directory for IPMI password files", e);
        }
    }

    /** Where password files live while ipmitool runs: a directory only this process can enter. */
    Path passwordDir() {
        return passwordDir;
    }

    /** Checks at validation that this conductor can run ipmitool at all, so enrolling says so before any power action. */
    void requireInstalled() {
        boolean found = binary.contains("/") ? Files.isExecutable(Path.of(binary))
                : java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, binary)));
        if (!found) {
            throw FerrumException.invalid("ipmitool is not installed on this conductor: install Debian's ipmitool package "
                    + "to drive IPMI BMCs.");
        }
    }

    /** Runs {@code ipmitool <command...>} and returns what it printed; throws {@link IpmiFailure} with ipmitool's reason. */
    String run(IpmiInfo info, String... command) {
        String what = String.join(" ", command);
        long deadline = System.nanoTime() + retryTimeout.toNanos();
        Gate gate = gates.computeIfAbsent(info.bmcKey(), k -> new Gate());
        try {
            gate.lock.lockInterruptibly(); // a power sync past its deadline interrupts a read that waits for its turn
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpmiFailure("Interrupted waiting for the BMC at " + info.bmcKey() + " to finish an earlier command");
        }
        try {
            for (int attempt = 1; ; attempt++) {
                pace(gate, attempt);
                Result r;
                try {
                    r = once(info, command, deadline, what);
                } finally {
                    gate.last = System.nanoTime();
                }
                if (r.exit == 0) {
                    return r.out;
                }
                String reason = reason(r);
                boolean again = retryable.stream().anyMatch(reason::contains);
                if (!again || System.nanoTime() + pauseNanos(attempt + 1) >= deadline) {
                    throw new IpmiFailure("IPMI call failed: " + what + ". The BMC at " + info.bmcKey() + " answered: "
                            + reason + (again ? " (still after " + attempt + " attempts in " + retryTimeout.toSeconds() + " s)" : ""));
                }
                LOG.warn("IPMI {} on BMC {} failed with a transient error, retrying (attempt {}): {}", what, info.bmcKey(),
                        attempt, reason);
            }
        } finally {
            gate.lock.unlock();
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private Result once(IpmiInfo info, String[] command, long deadline, String what) {
        Path pw = passwordFile(info.password());
        try {
            List<String> argv = argv(info, pw, command);
            LOG.debug("Running ipmitool {} on BMC {}", what, info.bmcKey());
            Process p;
            try {
                p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            } catch (IOException e) {
                throw new IpmiFailure("IPMI call failed: " + what + ": cannot run ipmitool on this conductor (" + e.getMessage()
                        + "); install Debian's ipmitool package.");
            }
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            long left = Math.max(0, deadline - System.nanoTime());
            boolean done = waitFor(p, left);
            if (!done) {
                if (killOnTimeout) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
                throw new IpmiFailure("IPMI call failed: " + what + ". The BMC at " + info.bmcKey() + " did not answer within "
                        + retryTimeout.toSeconds() + " s ([ipmi]command_retry_timeout).");
            }
            Result r = new Result(p.exitValue(), out.join(), err.join());
            if (debug) {
                LOG.info("ipmitool {} on BMC {} exited {}: stdout={} stderr={}", what, info.bmcKey(), r.exit, r.out.strip(),
                        r.err.strip());
            }
            return r;
        } finally {
            try {
                Files.deleteIfExists(pw);
            } catch (IOException e) {
                LOG.warn("Could not delete an IPMI password file {}: {}", pw, e.getMessage());
            }
        }
    }

    List<String> argv(IpmiInfo info, Path passwordFile, String... command) {
        List<String> a = new ArrayList<>(List.of(binary, "-I", info.protocolVersion().equals("1.5") ? "lan" : "lanplus",
                "-H", info.address(), "-L", info.privLevel()));
        if (info.port() != null) {
            a.addAll(List.of("-p", info.port().toString()));
        }
        if (info.username() != null && !info.username().isEmpty()) {
            a.addAll(List.of("-U", info.username()));
        }
        if (info.cipherSuite() != null) {
            a.addAll(List.of("-C", info.cipherSuite().toString()));
        }
        if (info.hexKgKey() != null) {
            a.addAll(List.of("-y", info.hexKgKey()));
        }
        add(a, "-m", info.localAddress());
        add(a, "-B", info.transitChannel());
        add(a, "-T", info.transitAddress());
        add(a, "-b", info.targetChannel());
        add(a, "-t", info.targetAddress());
        // ipmitool's own retries resend lost packets; without them Ferrum retries whole commands
        long perTry = Math.max(1, minInterval.toSeconds());
        a.addAll(List.of("-R", useIpmitoolRetries ? Long.toString(Math.max(1, retryTimeout.toSeconds() / perTry)) : "1",
                "-N", Long.toString(perTry)));
        if (debug) {
            a.add("-v");
        }
        a.addAll(List.of("-f", passwordFile.toString()));
        a.addAll(List.of(command));
        return a;
    }

    private static void add(List<String> argv, String flag, String value) {
        if (value != null) {
            argv.add(flag);
            argv.add(value);
        }
    }

    /** The password in a file only this process can read; an empty one as NUL so ipmitool never prompts. */
    private Path passwordFile(String password) {
        try {
            Path f = Files.createTempFile(passwordDir, "pw-", "", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(f, password == null || password.isEmpty() ? "\0" : password, StandardCharsets.UTF_8);
            return f;
        } catch (IOException e) {
            throw new IpmiFailure("Cannot write the IPMI password file for ipmitool: " + e.getMessage());
        }
    }

    private void pace(Gate gate, int attempt) {
        long wait = gate.last == Long.MIN_VALUE ? 0 : gate.last + pauseNanos(attempt) - System.nanoTime();
        if (wait > 0) {
            sleep(wait);
        }
    }

    /** The pause before an attempt: the BMC's minimum interval, and at least a second before a retry. */
    private long pauseNanos(int attempt) {
        long interval = minInterval.toNanos();
        return attempt > 1 ? Math.max(interval, TimeUnit.SECONDS.toNanos(1)) : interval;
    }

    private static String reason(Result r) {
        String text = (r.err.isBlank() ? r.out : r.err).strip();
        if (text.isEmpty()) {
            return "ipmitool exited with status " + r.exit + " and printed nothing";
        }
        // the last lines say what failed; earlier ones are often retransmission noise
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return String.join("; ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (in) {
                f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.complete("");
            }
        });
        return f;
    }

    private static boolean waitFor(Process p, long nanos) {
        try {
            return p.waitFor(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IpmiFailure("Interrupted waiting for ipmitool");
        }
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos); // pacing a BMC: the wait is the point, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpmiFailure("Interrupted waiting for the BMC's minimum command interval");
        }
    }
}
