package dev.ferrum.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Power sync benchmark: enrolls N nodes whose BMCs are emulated (Redfish systems on one emulator, or IPMI BMCs on
 * consecutive ports), makes them manageable, then watches the conductor's own "Power sync: N nodes in X ms" log
 * lines for whole rounds over all of them and reports each round's cycle time, failed reads and the server's CPU
 * seconds per round. The periodic sync must be on in the server (a short sync_power_state_interval).
 */
@Command(name = "power-sync-bench", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Measures the conductor's power state sync over many emulated BMCs.")
public final class PowerSyncBench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROUND = Pattern.compile("Power sync: (\\d+) nodes in (\\d+) ms, (\\d+) failed reads");

    @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:6385")
    String endpoint;
    @Option(names = "--server-pid", required = true, description = "the Ferrum process, for its CPU seconds")
    long serverPid;
    @Option(names = "--server-log", required = true, description = "Ferrum's log file, where rounds are logged")
    Path serverLog;
    @Option(names = "--bmc-pid", description = "the emulator process, for its CPU seconds")
    Long bmcPid;
    @Option(names = "--driver", defaultValue = "redfish", description = "redfish or ipmi")
    String driver;
    @Option(names = "--nodes", defaultValue = "1000")
    int nodes;
    @Option(names = "--redfish-address", defaultValue = "http://127.0.0.1:8000")
    String redfishAddress;
    @Option(names = "--redfish-system-prefix", defaultValue = "/redfish/v1/Systems/",
            description = "node i (from 0) manages the system at this prefix + --system-name-format of i + 1")
    String systemPrefix;
    @Option(names = "--system-name-format", defaultValue = "%d", description = "String.format of the node index")
    String systemName;
    @Option(names = "--ipmi-first-port", defaultValue = "9001", description = "BMC i listens on this port + i")
    int ipmiFirstPort;
    @Option(names = "--username", defaultValue = "admin")
    String username;
    @Option(names = "--password", defaultValue = "password")
    String password;
    @Option(names = "--concurrency", defaultValue = "8", description = "clients enrolling nodes")
    int concurrency;
    @Option(names = "--rounds", defaultValue = "3", description = "whole rounds to measure")
    int rounds;
    @Option(names = "--round-timeout", defaultValue = "900", description = "seconds to wait for each round")
    int roundTimeout;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PowerSyncBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        try (Api api = new Api(endpoint, "1.82", Duration.ofSeconds(60))) {
            long t0 = System.nanoTime();
            List<String> uuids = enroll(api);
            System.out.printf("enrolled and managed %d %s nodes in %.1f s%n", uuids.size(), driver, (System.nanoTime() - t0) / 1e9);
            return measure(uuids.size());
        }
    }

    private ObjectNode driverInfo(int i) {
        ObjectNode info = JSON.createObjectNode();
        if (driver.equals("redfish")) {
            info.put("redfish_address", redfishAddress).put("redfish_system_id", systemPrefix + String.format(systemName, i + 1))
                    .put("redfish_username", username).put("redfish_password", password).put("redfish_verify_ca", false);
        } else {
            info.put("ipmi_address", "127.0.0.1").put("ipmi_port", ipmiFirstPort + i).put("ipmi_username", username)
                    .put("ipmi_password", password).put("ipmi_cipher_suite", 3);
        }
        return info;
    }

    /** Creates every node and moves it to manageable (which reads its power state once), concurrently. */
    private List<String> enroll(Api api) throws InterruptedException {
        String[] uuids = new String[nodes];
        AtomicInteger errors = new AtomicInteger();
        Semaphore slots = new Semaphore(concurrency);
        List<Thread> threads = new ArrayList<>();
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        for (int n = 0; n < nodes; n++) {
            int i = n;
            slots.acquire();
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    ObjectNode body = JSON.createObjectNode().put("driver", driver).put("name", "sync-" + run + "-" + i);
                    body.set("driver_info", driverInfo(i));
                    Api.Reply r = api.send(new Api.Call("POST", "/v1/nodes", body.toString()));
                    if (r.statusCode() != 201) {
                        throw new IOException("create: " + r.statusCode() + " " + r.body());
                    }
                    String uuid = JSON.readTree(r.bytes()).get("uuid").asText();
                    r = api.send(new Api.Call("PUT", "/v1/nodes/" + uuid + "/states/provision", "{\"target\": \"manage\"}"));
                    if (r.statusCode() != 202) {
                        throw new IOException("manage: " + r.statusCode() + " " + r.body());
                    }
                    for (long wait = 10; ; wait = Math.min(wait * 2, 2000)) {
                        JsonNode node = JSON.readTree(api.send(new Api.Call("GET", "/v1/nodes/" + uuid, null)).bytes());
                        String state = node.path("provision_state").asText();
                        if (state.equals("manageable")) {
                            break;
                        }
                        boolean failed = state.equals("enroll") && !node.path("last_error").isNull();
                        if (failed || (!state.equals("verifying") && !state.equals("enroll"))) {
                            throw new IOException("node " + uuid + " went to " + state + ": " + node.path("last_error").asText());
                        }
                        Thread.sleep(wait); // a client's polling interval, not synchronisation
                    }
                    uuids[i] = uuid;
                } catch (Exception e) {
                    if (errors.incrementAndGet() <= 5) {
                        System.err.println("node " + i + ": " + e.getMessage());
                    }
                } finally {
                    slots.release();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (errors.get() > 0) {
            throw new IllegalStateException(errors.get() + " nodes could not be enrolled");
        }
        return List.of(uuids);
    }

    /** Waits for whole rounds over all nodes in the server's log and prints one line per round, then a summary. */
    private int measure(int expected) throws IOException, InterruptedException {
        ServerProcess server = new ServerProcess(serverPid);
        ServerProcess bmc = bmcPid == null ? null : new ServerProcess(bmcPid);
        long offset = Files.size(serverLog); // only rounds that start after enrolment
        int seen = 0;
        boolean first = true;
        double cpu0 = 0;
        double childCpu0 = 0;
        double bmcCpu0 = 0;
        long total = 0;
        int failed = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(roundTimeout).toNanos();
        while (seen < rounds) {
            String text = Files.readString(serverLog).substring((int) Math.min(offset, Files.size(serverLog)));
            offset += text.length();
            Matcher m = ROUND.matcher(text);
            while (m.find()) {
                int n = Integer.parseInt(m.group(1));
                if (n < expected) {
                    continue; // a round that started before every node was manageable
                }
                if (first) { // the first whole round only opens the window, so CPU covers whole rounds
                    first = false;
                    cpu0 = server.cpuSeconds();
                    childCpu0 = server.childCpuSeconds();
                    bmcCpu0 = bmc == null ? 0 : bmc.cpuSeconds();
                    System.out.printf("round 0 (warm-up): %d nodes in %s ms, %s failed reads%n", n, m.group(2), m.group(3));
                    continue;
                }
                seen++;
                total += Long.parseLong(m.group(2));
                failed += Integer.parseInt(m.group(3));
                System.out.printf("round %d: %d nodes in %s ms, %s failed reads%n", seen, n, m.group(2), m.group(3));
                deadline = System.nanoTime() + Duration.ofSeconds(roundTimeout).toNanos();
            }
            if (System.nanoTime() > deadline) {
                System.err.println("no whole power sync round logged within " + roundTimeout + " s");
                return 1;
            }
            Thread.sleep(200); // polling a log file
        }
        double cpu = (server.cpuSeconds() - cpu0) / seen;
        double childCpu = (server.childCpuSeconds() - childCpu0) / seen;
        System.out.printf("%n| BMCs | driver | mean cycle s | server CPU s/round | its children's CPU s/round | "
                + "BMC emulator CPU s/round | failed reads |%n");
        System.out.printf("|---|---|---|---|---|---|---|%n");
        System.out.printf("| %d | %s | %.2f | %.2f | %.2f | %s | %d |%n", expected, driver, total / 1000.0 / seen, cpu,
                childCpu, bmc == null ? "-" : String.format("%.2f", (bmc.cpuSeconds() - bmcCpu0) / seen), failed);
        return failed == 0 ? 0 : 1;
    }
}
