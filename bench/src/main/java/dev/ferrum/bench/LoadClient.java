package dev.ferrum.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmark load client for Ironic-compatible endpoints: creates N nodes (and ports), reads, patches, lists,
 * provisions, powers and deletes them with C concurrent keep-alive clients, and reports ops/s, latency percentiles
 * and errors per workload. Given several targets it performs each step on each of them in turn, so that machine
 * noise hits all of them, and compares the first two.
 */
@Command(name = "ferrum-bench", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = "Drives Ironic-compatible endpoints and reports ops/s, p50/p95/p99 latency and errors per workload.",
        footer = "Exit status: 0 when every request got its expected status, 1 when some did not, 2 on bad arguments.")
public final class LoadClient implements Callable<Integer> {

    @Option(names = "--target", paramLabel = "NAME=URL[,PID]",
            description = "an endpoint to drive, with its local server's pid for RSS and CPU; repeat for more. "
                    + "Every step runs on each target in turn; with two, a comparison table follows")
    List<String> targetSpecs = new ArrayList<>();

    @Option(names = "--endpoint", description = "the one endpoint to drive, without --target (default http://127.0.0.1:6385)")
    String endpoint;

    @Option(names = "--server-pid", description = "with --endpoint: local server process, for its peak RSS and CPU seconds")
    Long serverPid;

    @Option(names = "--concurrency", defaultValue = "8", description = "concurrent clients per target, one thread and keep-alive connection each")
    int concurrency;

    @Option(names = "--nodes", defaultValue = "1000", description = "nodes to create per target, and requests per node workload")
    int nodes;

    @Option(names = "--target-nodes", paramLabel = "NAME=N", showDefaultValue = CommandLine.Help.Visibility.NEVER, description = "--nodes for one target (a slow one may get fewer)")
    Map<String, Integer> targetNodes = new LinkedHashMap<>();

    @Option(names = "--workloads", split = ",", defaultValue = "create,port-create,get,get-by-name,patch,list,detail,delete",
            description = "comma-separated, from: create, port-create, get, get-by-name, patch, list, detail, lifecycle, power, delete")
    List<String> workloads;

    @Option(names = "--list-repeats", defaultValue = "16",
            description = "full reads of the collection for list and detail, shared by the concurrent clients")
    int listRepeats;

    @Option(names = "--page-limit", defaultValue = "1000", description = "limit= for list and detail pages")
    int pageLimit;

    @Option(names = "--poll-interval", defaultValue = "10",
            description = "lifecycle and power: ms before the second GET of a node waiting to settle (the first is at once); doubles after each")
    int pollIntervalMs;

    @Option(names = "--poll-max", defaultValue = "2000",
            description = "lifecycle and power: the longest wait between GETs, ms (the baremetal CLI's --wait polls every 2 s)")
    int pollMaxMs;

    @Option(names = "--settle-timeout", defaultValue = "600",
            description = "lifecycle and power: seconds a node may take to settle before it counts as an error")
    int settleTimeoutSeconds;

    @Option(names = "--api-version", defaultValue = "1.82", description = "X-OpenStack-Ironic-API-Version")
    String apiVersion;

    @Option(names = "--run-id", description = "tag in node names bench-<run>-<i> (random when not given; a letter per target added)")
    String runId;

    @Option(names = "--timeout", defaultValue = "60", description = "per-request timeout, seconds")
    int timeoutSeconds;

    @Option(names = "--out", description = "also write the results as JSON to this file")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadClient()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Set<String> selected = selectedWorkloads();
        Settings settings = new Settings(concurrency, listRepeats, pageLimit, pollIntervalMs, pollMaxMs, settleTimeoutSeconds);
        List<Target> targets = targets();
        Instant started = Instant.now();
        for (Target t : targets) {
            ObjectNode info = Report.JSON.createObjectNode()
                    .put("name", t.name).put("endpoint", t.endpoint).put("api_version", apiVersion)
                    .put("concurrency", concurrency).put("nodes", t.nodes).put("list_repeats", listRepeats)
                    .put("page_limit", pageLimit).put("poll_interval_ms", pollIntervalMs).put("poll_max_ms", pollMaxMs)
                    .put("settle_timeout_s", settleTimeoutSeconds).put("run_id", t.runId).put("started", started.toString());
            t.report = new Report(info);
            System.err.printf("ferrum-bench: %s = %s, run %s, %d nodes, %d clients, workloads %s%n",
                    t.name, t.endpoint, t.runId, t.nodes, concurrency, String.join(",", selected));
            t.before = t.server == null ? null : t.server.sample();
        }

        Workloads all = new Workloads(settings);
        List<Step> steps = new ArrayList<>();
        for (String w : Workloads.ALL) {
            if (selected.contains(w)) {
                steps.addAll(all.steps(w));
            }
        }
        for (int s = 0; s < steps.size(); s++) {
            // Each step on every target, the one that goes first rotating from step to step, so that no target
            // always runs right after the same neighbour (a warmer or busier machine).
            for (int k = 0; k < targets.size(); k++) {
                perform(steps.get(s), targets.get((s + k) % targets.size()));
            }
        }

        for (Target t : targets) {
            if (t.server != null) {
                t.report.server(t.server, t.before, t.server.sample());
            }
            if (targets.size() > 1) {
                System.out.printf("%n== %s: %s (%d nodes)%n", t.name, t.endpoint, t.nodes);
            }
            t.report.print(System.out);
        }
        Comparison comparison = targets.size() == 2 ? new Comparison(targets.get(0), targets.get(1)) : null;
        if (comparison != null) {
            comparison.print(System.out, settings);
        }
        if (out != null) {
            write(targets, comparison, started);
            System.out.println("\nJSON written to " + out);
        }
        return targets.stream().allMatch(t -> t.report.errors() == 0) ? 0 : 1;
    }

    private void perform(Step step, Target t) throws InterruptedException {
        System.err.println("ferrum-bench: " + t.name + ": " + step.name() + "...");
        Double cpuBefore = t.cpuSeconds();
        long clientCpuBefore = clientCpuNanos();
        Measurement m = new Measurement(step.name(), step.ops().applyAsInt(t));
        long wall = step.body().run(t, m);
        // The client shares the machine's cores with the server: what it spent is what the server could not use.
        m.notes.put("client_cpu_s", Table.fmt("%.2f", (clientCpuNanos() - clientCpuBefore) / 1e9));
        Measurement.Result r = m.finish(wall, cpuBefore == null ? null : t.cpuSeconds() - cpuBefore);
        System.err.printf(Locale.ROOT, "ferrum-bench: %s: %s: %d ops in %.2f s, %d errors%n",
                t.name, r.workload(), r.ops(), r.seconds(), r.errors());
        t.report.add(r);
    }

    private static long clientCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private Set<String> selectedWorkloads() {
        Set<String> selected = new LinkedHashSet<>();
        for (String w : workloads) {
            String name = w.trim().toLowerCase(Locale.ROOT);
            if (!Workloads.ALL.contains(name)) {
                throw bad("unknown workload '" + w + "'; known: " + Workloads.ALL);
            }
            selected.add(name);
        }
        if (!selected.contains("create") && selected.stream().anyMatch(Workloads.NEED_NODES::contains)) {
            throw bad("workloads " + Workloads.NEED_NODES + " act on the nodes this run creates: add 'create'");
        }
        if (concurrency < 1 || nodes < 0 || listRepeats < 0 || pageLimit < 1 || pollIntervalMs < 1
                || pollMaxMs < pollIntervalMs || settleTimeoutSeconds < 1) {
            throw bad("--concurrency, --page-limit, --poll-interval, --settle-timeout must be >= 1, --nodes, "
                    + "--list-repeats >= 0, --poll-max >= --poll-interval");
        }
        return selected;
    }

    /** The --target list, or the one --endpoint; each with its node count and its own run id. */
    private List<Target> targets() {
        if (!targetSpecs.isEmpty() && (endpoint != null || serverPid != null)) {
            throw bad("give either --target (any number) or --endpoint [--server-pid], not both");
        }
        List<String> specs = targetSpecs.isEmpty()
                ? List.of((endpoint == null ? "http://127.0.0.1:6385" : endpoint) + (serverPid == null ? "" : "," + serverPid))
                : targetSpecs;
        String base = runId != null ? runId
                : Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36);
        List<Target> targets = new ArrayList<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            // Without --target the spec is URL[,PID], with no name to take.
            String name = targetSpecs.isEmpty() ? "target" : eq > 0 ? spec.substring(0, eq) : null;
            String rest = targetSpecs.isEmpty() ? spec : spec.substring(eq + 1);
            int comma = rest.indexOf(',');
            String url = comma < 0 ? rest : rest.substring(0, comma);
            Long pid;
            try {
                pid = comma < 0 ? null : Long.valueOf(rest.substring(comma + 1));
            } catch (NumberFormatException e) {
                throw bad("--target " + spec + ": the pid after ',' is not a number");
            }
            if (name == null || !url.startsWith("http") || targets.stream().anyMatch(t -> t.name.equals(name))) {
                throw bad("--target wants NAME=URL[,PID] with a distinct NAME each, not '" + spec + "'");
            }
            String id = specs.size() == 1 ? base : base + (char) ('a' + targets.size());
            targets.add(new Target(name, url, pid, targetNodes.getOrDefault(name, nodes), id, apiVersion,
                    Duration.ofSeconds(timeoutSeconds)));
        }
        for (String name : targetNodes.keySet()) {
            if (targets.stream().noneMatch(t -> t.name.equals(name))) {
                throw bad("--target-nodes " + name + ": no --target of that name");
            }
        }
        return targets;
    }

    /** One target: its report as before. Several: their reports under "targets", and the comparison of two. */
    private void write(List<Target> targets, Comparison comparison, Instant started) throws IOException {
        ObjectNode doc;
        if (targets.size() == 1) {
            doc = targets.getFirst().report.toJson();
        } else {
            doc = Report.JSON.createObjectNode().put("started", started.toString());
            targets.forEach(t -> doc.withArray("targets").add(t.report.toJson()));
            if (comparison != null) {
                doc.set("comparison", comparison.toJson());
            }
        }
        Report.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), doc);
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(new CommandLine(this), message);
    }
}
