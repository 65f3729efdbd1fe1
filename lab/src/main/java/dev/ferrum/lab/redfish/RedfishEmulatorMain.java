package dev.ferrum.lab.redfish;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a Redfish emulator until killed: {@code lab/redfish-emulator --port 8000 --systems 1000}. */
@Command(name = "redfish-emulator", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "An emulated Redfish BMC with many systems on 127.0.0.1.")
public final class RedfishEmulatorMain implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8000")
    int port;
    @Option(names = "--systems", defaultValue = "1", description = "systems 1..N")
    int systems;
    @Option(names = "--username", defaultValue = "admin")
    String username;
    @Option(names = "--password", defaultValue = "password")
    String password;
    @Option(names = "--max-sessions", defaultValue = "16")
    int maxSessions;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RedfishEmulatorMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        RedfishEmulator e = RedfishEmulator.builder().systems(systems).credentials(username, password).port(port)
                .maxSessions(maxSessions).start();
        Runtime.getRuntime().addShutdownHook(new Thread(e::close));
        System.out.println("redfish emulator listening on " + e.address() + " with " + systems + " systems");
        new CountDownLatch(1).await(); // until killed
        return 0;
    }
}
