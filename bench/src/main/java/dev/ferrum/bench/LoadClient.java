package dev.ferrum.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmark load client for any Ironic-compatible endpoint: creates N nodes (and ports), reads, patches, lists and
 * deletes them with C concurrent keep-alive clients, and reports ops/s, latency percentiles and errors per workload.
 */
@Command(name = "ferrum-bench", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = "Drives an Ironic-compatible endpoint and reports ops/s, p50/p95/p99 latency and errors per workload.",
        footer = "Exit status: 0 when every request got its expected status, 1 when some did not, 2 on bad arguments.")
public final class LoadClient implements Callable<Integer> {

    /** Every workload, in the order a run performs them (whatever order --workloads names them in). */
    static final List<String> WORKLOADS =
            List.of("create", "port-create", "get", "get-by-name", "patch", "list", "detail", "lifecycle", "power", "delete");
    private static final List<String> NEED_NODES =
            List.of("port-create", "get", "get-by-name", "patch", "lifecycle", "power", "delete");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:6385", description = "API base URL")
    String endpoint;

    @Option(names = "--concurrency", defaultValue = "8", description = "concurrent clients, one virtual thread each")
    int concurrency;

    @Option(names = "--nodes", defaultValue = "1000", description = "nodes to create, and requests per node workload")
    int nodes;

    @Option(names = "--workloads", split = ",", defaultValue = "create,port-create,get,get-by-name,patch,list,detail,delete",
            description = "comma-separated, from: create, port-create, get, get-by-name, patch, list, detail, lifecycle, power, delete")
    List<String> workloads;

    @Option(names = "--list-repeats", defaultValue = "5", description = "full reads of the collection for list and detail")
    int listRepeats;

    @Option(names = "--page-limit", defaultValue = "1000", description = "limit= for list and detail pages")
    int pageLimit;

    @Option(names = "--poll-interval", defaultValue = "150",
            description = "lifecycle and power: milliseconds between GETs of a node waiting to settle")
    int pollIntervalMs;

    @Option(names = "--settle-timeout", defaultValue = "600",
            description = "lifecycle and power: seconds a node may take to settle before it counts as an error")
    int settleTimeoutSeconds;

    @Option(names = "--api-version", defaultValue = "1.82", description = "X-OpenStack-Ironic-API-Version")
    String apiVersion;

    @Option(names = "--run-id", description = "tag in node names bench-<run>-<i> (random when not given)")
    String runId;

    @Option(names = "--timeout", defaultValue = "60", description = "per-request timeout, seconds")
    int timeoutSeconds;

    @Option(names = "--server-pid", description = "local server process: report its peak RSS and CPU seconds from /proc")
    Long serverPid;

    @Option(names = "--out", description = "also write the results as JSON to this file")
    Path out;

    private Api api;
    private String[] uuids = new String[0];
    private String[] names = new String[0];
    private ServerProcess server;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadClient()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Set<String> selected = new LinkedHashSet<>();
        for (String w : workloads) {
            String name = w.trim().toLowerCase(Locale.ROOT);
            if (!WORKLOADS.contains(name)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "unknown workload '" + w + "'; known: " + WORKLOADS);
            }
            selected.add(name);
        }
        if (!selected.contains("create") && selected.stream().anyMatch(NEED_NODES::contains)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "workloads " + NEED_NODES + " act on the nodes this run creates: add 'create'");
        }
        if (concurrency < 1 || nodes < 0 || listRepeats < 0 || pageLimit < 1 || pollIntervalMs < 1 || settleTimeoutSeconds < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--concurrency, --page-limit, --poll-interval, --settle-timeout must be >= 1, --nodes, --list-repeats >= 0");
        }
        if (runId == null) {
            runId = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36);
        }
        api = new Api(endpoint, apiVersion, Duration.ofSeconds(timeoutSeconds));
        server = serverPid == null ? null : new ServerProcess(serverPid);

        ObjectNode runInfo = JSON.createObjectNode()
                .put("endpoint", endpoint).put("api_version", apiVersion).put("concurrency", concurrency)
                .put("nodes", nodes).put("list_repeats", listRepeats).put("page_limit", pageLimit)
                .put("poll_interval_ms", pollIntervalMs).put("settle_timeout_s", settleTimeoutSeconds)
                .put("run_id", runId).put("started", Instant.now().toString());
        Report report = new Report(runInfo);
        System.err.printf("ferrum-bench: %s, run %s, %d nodes, %d clients, workloads %s%n",
                endpoint, runId, nodes, concurrency, String.join(",", selected));

        ServerProcess.Sample before = server == null ? null : server.sample();
        for (String w : WORKLOADS) {
            if (selected.contains(w)) {
                System.err.println("ferrum-bench: " + w + "...");
                for (Measurement.Result r : switch (w) {
                    case "lifecycle" -> lifecycle();
                    case "power" -> power();
                    default -> List.of(run(w));
                }) {
                    System.err.printf(Locale.ROOT, "ferrum-bench: %s: %d ops in %.2f s, %d errors%n",
                            r.workload(), r.ops(), r.seconds(), r.errors());
                    report.add(r);
                }
            }
        }
        if (server != null) {
            report.server(server, before, server.sample());
        }
        report.print(System.out);
        if (out != null) {
            report.write(out);
            System.out.println("\nJSON written to " + out);
        }
        return report.errors() == 0 ? 0 : 1;
    }

    private Measurement.Result run(String workload) throws InterruptedException {
        double cpuBefore = server == null ? 0 : server.cpuSeconds();
        Measurement m = new Measurement(workload, switch (workload) {
            case "create" -> nodes;
            case "list", "detail" -> listRepeats;
            default -> created().length;
        });
        long wall = switch (workload) {
            case "create" -> create(m);
            case "port-create" -> createPorts(m);
            case "get" -> get(m, uuidsCreated());
            case "get-by-name" -> get(m, namesCreated());
            case "patch" -> patch(m);
            case "list" -> readAll(m, "/v1/nodes");
            case "detail" -> readAll(m, "/v1/nodes/detail");
            case "delete" -> delete(m);
            default -> throw new IllegalArgumentException(workload);
        };
        return m.finish(wall, server == null ? null : server.cpuSeconds() - cpuBefore);
    }

    private long create(Measurement m) throws InterruptedException {
        uuids = new String[nodes];
        names = new String[nodes];
        return parallel(m, 201, i -> {
            ObjectNode body = JSON.createObjectNode()
                    .put("driver", "fake-hardware")
                    .put("name", "bench-" + runId + "-" + i)
                    .put("resource_class", "bench");
            body.putObject("properties")
                    .put("cpus", 8).put("memory_mb", 16384).put("local_gb", 100).put("cpu_arch", "x86_64");
            // JSON Patch (RFC 6902) "replace" needs an existing target, and Ironic answers 400 otherwise, so the
            // patch workload's "replace /extra/bench" needs the key to be there from the start.
            body.putObject("extra").put("bench", "created");
            return new Api.Call("POST", "/v1/nodes", body.toString());
        }, (i, reply) -> {
            JsonNode node = JSON.readTree(reply.body());
            uuids[i] = node.path("uuid").asText(null);
            names[i] = node.path("name").asText("bench-" + runId + "-" + i);
        });
    }

    private long createPorts(Measurement m) throws InterruptedException {
        int[] created = created();
        // A locally administered MAC: 16 bits that differ per run, then 24 bits of the node's index.
        int tag = runId.hashCode() & 0xffff;
        return parallel(m, 201, k -> {
            int i = created[k];
            String mac = String.format("02:%02x:%02x:%02x:%02x:%02x",
                    tag >> 8, tag & 0xff, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
            return new Api.Call("POST", "/v1/ports",
                    JSON.createObjectNode().put("node_uuid", uuids[i]).put("address", mac).toString());
        }, null);
    }

    /** As many GETs as there are created nodes, each of a node picked at random. */
    private long get(Measurement m, List<String> idents) throws InterruptedException {
        return parallel(m, 200,
                k -> new Api.Call("GET", "/v1/nodes/" + idents.get(ThreadLocalRandom.current().nextInt(idents.size())), null),
                null);
    }

    private long patch(Measurement m) throws InterruptedException {
        int[] created = created();
        return parallel(m, 200, k -> {
            int i = created[k];
            String ops = JSON.createArrayNode().add(JSON.createObjectNode()
                    .put("op", "replace").put("path", "/extra/bench").put("value", Integer.toString(i))).toString();
            return new Api.Call("PATCH", "/v1/nodes/" + uuids[i], ops);
        }, null);
    }

    private long delete(Measurement m) throws InterruptedException {
        int[] created = created();
        return parallel(m, 204, k -> new Api.Call("DELETE", "/v1/nodes/" + uuids[created[k]], null), null);
    }

    /** Reads the whole collection, following next links, listRepeats times one after another; one op = one full read. */
    private long readAll(Measurement m, String path) {
        long pages = 0;
        long items = 0;
        long start = System.nanoTime();
        for (int r = 0; r < listRepeats; r++) {
            long t0 = System.nanoTime();
            String target = path + "?limit=" + pageLimit;
            while (target != null) {
                Api.Call call = new Api.Call("GET", target, null);
                target = null;
                try {
                    HttpResponse<String> reply = api.send(call);
                    if (reply.statusCode() != 200) {
                        m.error(call, reply.statusCode() + " " + reply.body());
                        break;
                    }
                    Page page = Page.parse(reply.body());
                    items += page.items();
                    pages++;
                    target = page.next();
                } catch (IOException e) {
                    m.error(call, e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    m.error(call, e.toString());
                }
            }
            m.latency(r, System.nanoTime() - t0);
        }
        long wall = System.nanoTime() - start;
        if (listRepeats > 0) {
            m.notes.put("nodes/read", items / listRepeats);
            m.notes.put("pages/read", pages / listRepeats);
            m.notes.put("nodes/s", Math.round(items / (wall / 1e9)));
        }
        return wall;
    }

    /**
     * What a node reads as while a verb acts on it: SETTLED (reached the phase's stable state and nothing holds
     * it), FAILED (the action ended elsewhere; the detail says where) or still under way (null).
     */
    private record Verdict(boolean settled, String failure) {
        static final Verdict SETTLED = new Verdict(true, null);

        static Verdict failed(String why) {
            return new Verdict(false, why);
        }
    }

    /** One phase of lifecycle or power: the verb sent to each node and how its GET /v1/nodes/{uuid} says it is done. */
    private record Phase(String name, String path, String body, Function<JsonNode, Verdict> check) {
    }

    /** Provision states an action ends in when it fails (Ironic's *FAIL states, and ERROR for tear down). */
    private static boolean failedState(String state) {
        return state != null && (state.endsWith(" failed") || state.equals("error"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String summary(JsonNode n) {
        return String.format("provision_state=%s target_provision_state=%s power_state=%s target_power_state=%s "
                        + "reservation=%s last_error=%s", text(n, "provision_state"), text(n, "target_provision_state"),
                text(n, "power_state"), text(n, "target_power_state"), text(n, "reservation"), text(n, "last_error"));
    }

    /** Settled in {@code stable} with no target and no reservation; failed in a *failed state (or {@code fallback}). */
    private static Function<JsonNode, Verdict> provisioned(String stable, String fallback) {
        return n -> {
            String state = text(n, "provision_state");
            boolean idle = text(n, "target_provision_state") == null && text(n, "reservation") == null;
            if (stable.equals(state) && idle) {
                return Verdict.SETTLED;
            }
            if (failedState(state) || (idle && state != null && state.equals(fallback) && text(n, "last_error") != null)) {
                return Verdict.failed(summary(n));
            }
            return null;
        };
    }

    /** Settled when power_state is {@code wanted}, target_power_state null and the node not reserved. */
    private static Function<JsonNode, Verdict> powered(String wanted) {
        return n -> {
            boolean idle = text(n, "target_power_state") == null && text(n, "reservation") == null;
            if (idle && wanted.equals(text(n, "power_state"))) {
                return Verdict.SETTLED;
            }
            if (idle && text(n, "last_error") != null) {
                return Verdict.failed(summary(n));
            }
            return null;
        };
    }

    private static String target(String field, String value) {
        return JSON.createObjectNode().put(field, value).toString();
    }

    /**
     * manage, provide, deploy (target active) and undeploy (target deleted) of every created node, each phase over
     * all nodes before the next. A node that fails a phase sits out the later ones.
     */
    private List<Measurement.Result> lifecycle() throws InterruptedException {
        String provision = "/states/provision";
        return phases(List.of(
                new Phase("lifecycle/manage", provision, target("target", "manage"), provisioned("manageable", "enroll")),
                new Phase("lifecycle/provide", provision, target("target", "provide"), provisioned("available", null)),
                new Phase("lifecycle/deploy", provision, target("target", "active"), provisioned("active", null)),
                new Phase("lifecycle/undeploy", provision, target("target", "deleted"), provisioned("available", null))));
    }

    /** Power on, then power off, every created node. */
    private List<Measurement.Result> power() throws InterruptedException {
        String power = "/states/power";
        return phases(List.of(
                new Phase("power/on", power, target("target", "power on"), powered("power on")),
                new Phase("power/off", power, target("target", "power off"), powered("power off"))));
    }

    private List<Measurement.Result> phases(List<Phase> phases) throws InterruptedException {
        int[] nodesLeft = created();
        List<Measurement.Result> results = new ArrayList<>();
        for (Phase phase : phases) {
            double cpuBefore = server == null ? 0 : server.cpuSeconds();
            Measurement m = new Measurement(phase.name(), nodesLeft.length);
            boolean[] ok = new boolean[nodesLeft.length];
            long wall = drive(m, nodesLeft, phase, ok);
            results.add(m.finish(wall, server == null ? null : server.cpuSeconds() - cpuBefore));
            System.err.printf(Locale.ROOT, "ferrum-bench: %s: %d nodes in %.2f s%n", phase.name(), nodesLeft.length, wall / 1e9);
            int[] kept = new int[nodesLeft.length];
            int n = 0;
            for (int k = 0; k < nodesLeft.length; k++) {
                if (ok[k]) {
                    kept[n++] = nodesLeft[k];
                }
            }
            nodesLeft = Arrays.copyOf(kept, n);
        }
        return results;
    }

    /**
     * Each of the C clients takes the next node, sends the phase's verb (202 expected), then GETs the node at once
     * and every --poll-interval until the phase's check says settled or failed (as the baremetal CLI's --wait does).
     * A node's latency runs from its verb to the GET that saw it settled; the wall time from the phase's first
     * request to its last node settled. Any other status, a failed state or a node not settled in time is an error.
     */
    private long drive(Measurement m, int[] targets, Phase phase, boolean[] ok) throws InterruptedException {
        AtomicLong polls = new AtomicLong();
        long timeout = settleTimeoutSeconds * 1_000_000_000L;
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            AtomicInteger next = new AtomicInteger();
            for (int c = 0; c < concurrency; c++) {
                clients.submit(() -> {
                    for (int k = next.getAndIncrement(); k < targets.length; k = next.getAndIncrement()) {
                        String node = "/v1/nodes/" + uuids[targets[k]];
                        Api.Call verb = new Api.Call("PUT", node + phase.path(), phase.body());
                        Api.Call get = new Api.Call("GET", node, null);
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> reply = api.send(verb);
                            if (reply.statusCode() != 202) {
                                m.error(verb, reply.statusCode() + " " + reply.body());
                            } else {
                                while (true) {
                                    reply = api.send(get);
                                    polls.incrementAndGet();
                                    if (reply.statusCode() != 200) {
                                        m.error(get, reply.statusCode() + " " + reply.body());
                                        break;
                                    }
                                    JsonNode n = JSON.readTree(reply.body());
                                    Verdict v = phase.check().apply(n);
                                    if (v != null && v.settled()) {
                                        ok[k] = true;
                                        break;
                                    } else if (v != null) {
                                        m.error(get, "node failed: " + v.failure());
                                        break;
                                    } else if (System.nanoTime() - t0 > timeout) {
                                        m.error(get, "not settled after " + settleTimeoutSeconds + " s: " + summary(n));
                                        break;
                                    }
                                    Thread.sleep(pollIntervalMs);
                                }
                            }
                        } catch (IOException | RuntimeException e) {
                            m.error(verb, e.toString());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        } finally {
                            m.latency(k, System.nanoTime() - t0);
                        }
                    }
                });
            }
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long wall = System.nanoTime() - start;
        m.notes.put("polls/node", targets.length == 0 ? 0 : Math.round(10.0 * polls.get() / targets.length) / 10.0);
        m.notes.put("poll_ms", pollIntervalMs);
        return wall;
    }

    /** A collection page read with the streaming parser: the number of items and the next link, if any. */
    private record Page(int items, String next) {
        static Page parse(String body) throws IOException {
            int items = 0;
            String next = null;
            try (JsonParser p = JSON.createParser(body)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("a collection page is not a JSON object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (field.equals("nodes") && value == JsonToken.START_ARRAY) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            p.skipChildren();
                            items++;
                        }
                    } else if (field.equals("next") && value == JsonToken.VALUE_STRING) {
                        next = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
            }
            return new Page(items, next);
        }
    }

    private interface OnSuccess {
        void accept(int op, HttpResponse<String> reply) throws IOException;
    }

    /**
     * Runs m.ops() operations over {@code concurrency} virtual threads sharing one keep-alive client; each thread
     * takes the next operation index until none is left. A status other than {@code expect} is an error.
     * Returns the wall time in nanoseconds.
     */
    private long parallel(Measurement m, int expect, IntFunction<Api.Call> request, OnSuccess onSuccess)
            throws InterruptedException {
        int ops = m.ops();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < ops; i = next.getAndIncrement()) {
                        Api.Call call = request.apply(i);
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> reply = api.send(call);
                            m.latency(i, System.nanoTime() - t0);
                            if (reply.statusCode() != expect) {
                                m.error(call, reply.statusCode() + " " + reply.body());
                            } else if (onSuccess != null) {
                                onSuccess.accept(i, reply);
                            }
                        } catch (IOException | RuntimeException e) {
                            m.latency(i, System.nanoTime() - t0);
                            m.error(call, e.toString());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
            }
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return System.nanoTime() - start;
    }

    /** Indexes of the nodes whose create succeeded. */
    private int[] created() {
        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < uuids.length; i++) {
            if (uuids[i] != null) {
                ok.add(i);
            }
        }
        return ok.stream().mapToInt(Integer::intValue).toArray();
    }

    private List<String> uuidsCreated() {
        return Arrays.stream(created()).mapToObj(i -> uuids[i]).toList();
    }

    private List<String> namesCreated() {
        return Arrays.stream(created()).mapToObj(i -> names[i]).toList();
    }
}
