package dev.ferrum.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/** The inventory workloads (create, port-create, get, get-by-name, patch, list, detail, delete) and the steps of all. */
final class Workloads {

    /** Every workload, in the order a run performs them (whatever order --workloads names them in). */
    static final List<String> ALL =
            List.of("create", "port-create", "get", "get-by-name", "patch", "list", "detail", "lifecycle", "power", "delete");
    static final List<String> NEED_NODES =
            List.of("port-create", "get", "get-by-name", "patch", "lifecycle", "power", "delete");

    static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final Phases phases;

    Workloads(Settings settings) {
        this.settings = settings;
        this.phases = new Phases(settings);
    }

    /** The rows a workload adds to the report: one, or one per phase for lifecycle and power. */
    List<Step> steps(String workload) {
        ToIntFunction<Target> perNode = t -> t.created().length;
        return switch (workload) {
            case "create" -> List.of(new Step(workload, t -> t.nodes, this::create));
            case "port-create" -> List.of(new Step(workload, perNode, this::createPorts));
            case "get" -> List.of(new Step(workload, perNode, (t, m) -> get(t, m, t.uuidsCreated())));
            case "get-by-name" -> List.of(new Step(workload, perNode, (t, m) -> get(t, m, t.namesCreated())));
            case "patch" -> List.of(new Step(workload, perNode, this::patch));
            case "list" -> List.of(new Step(workload, t -> settings.listRepeats(), (t, m) -> readAll(t, m, "/v1/nodes")));
            case "detail" -> List.of(new Step(workload, t -> settings.listRepeats(), (t, m) -> readAll(t, m, "/v1/nodes/detail")));
            case "lifecycle" -> phases.lifecycle();
            case "power" -> phases.power();
            case "delete" -> List.of(new Step(workload, perNode, this::delete));
            default -> throw new IllegalArgumentException(workload);
        };
    }

    private long create(Target t, Measurement m) throws InterruptedException {
        t.uuids = new String[t.nodes];
        t.names = new String[t.nodes];
        return parallel(t, m, 201, i -> {
            ObjectNode body = JSON.createObjectNode()
                    .put("driver", "fake-hardware")
                    .put("name", "bench-" + t.runId + "-" + i)
                    .put("resource_class", "bench");
            body.putObject("properties")
                    .put("cpus", 8).put("memory_mb", 16384).put("local_gb", 100).put("cpu_arch", "x86_64");
            // JSON Patch (RFC 6902) "replace" needs an existing target, and Ironic answers 400 otherwise, so the
            // patch workload's "replace /extra/bench" needs the key to be there from the start.
            body.putObject("extra").put("bench", "created");
            return new Api.Call("POST", "/v1/nodes", body.toString());
        }, (i, reply) -> {
            String[] uuidAndName = topLevelStrings(reply.bytes(), "uuid", "name");
            t.uuids[i] = uuidAndName[0];
            t.names[i] = uuidAndName[1] != null ? uuidAndName[1] : "bench-" + t.runId + "-" + i;
        });
    }

    private long createPorts(Target t, Measurement m) throws InterruptedException {
        int[] created = t.created();
        // A locally administered MAC: 16 bits that differ per run, then 24 bits of the node's index.
        int tag = t.runId.hashCode() & 0xffff;
        return parallel(t, m, 201, k -> {
            int i = created[k];
            String mac = String.format("02:%02x:%02x:%02x:%02x:%02x",
                    tag >> 8, tag & 0xff, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
            return new Api.Call("POST", "/v1/ports",
                    JSON.createObjectNode().put("node_uuid", t.uuids[i]).put("address", mac).toString());
        }, null);
    }

    /** As many GETs as there are created nodes, each of a node picked at random. */
    private long get(Target t, Measurement m, List<String> idents) throws InterruptedException {
        return parallel(t, m, 200,
                k -> new Api.Call("GET", "/v1/nodes/" + idents.get(ThreadLocalRandom.current().nextInt(idents.size())), null),
                null);
    }

    private long patch(Target t, Measurement m) throws InterruptedException {
        int[] created = t.created();
        return parallel(t, m, 200, k -> {
            int i = created[k];
            String ops = JSON.createArrayNode().add(JSON.createObjectNode()
                    .put("op", "replace").put("path", "/extra/bench").put("value", Integer.toString(i))).toString();
            return new Api.Call("PATCH", "/v1/nodes/" + t.uuids[i], ops);
        }, null);
    }

    private long delete(Target t, Measurement m) throws InterruptedException {
        int[] created = t.created();
        return parallel(t, m, 204, k -> new Api.Call("DELETE", "/v1/nodes/" + t.uuids[created[k]], null), null);
    }

    /**
     * Full reads of the collection, following next links, by the C clients at once (each takes the next read
     * until listRepeats are done); one op = one full read.
     */
    private long readAll(Target t, Measurement m, String path) throws InterruptedException {
        AtomicLong pages = new AtomicLong();
        AtomicLong items = new AtomicLong();
        int repeats = m.ops();
        long start = System.nanoTime();
        clients(settings.concurrency(), repeats, r -> {
            long t0 = System.nanoTime();
            String next = path + "?limit=" + settings.pageLimit();
            while (next != null) {
                Api.Call call = new Api.Call("GET", next, null);
                next = null;
                try {
                    Api.Reply reply = t.api.send(call);
                    if (reply.statusCode() != 200) {
                        m.error(call, reply.statusCode() + " " + reply.body());
                        break;
                    }
                    Page page = Page.parse(reply.bytes());
                    items.addAndGet(page.items());
                    pages.incrementAndGet();
                    next = page.next();
                } catch (IOException | RuntimeException e) {
                    m.error(call, e.toString());
                }
            }
            m.latency(r, System.nanoTime() - t0);
        });
        long wall = System.nanoTime() - start;
        if (repeats > 0) {
            m.notes.put("nodes/read", items.get() / repeats);
            m.notes.put("pages/read", pages.get() / repeats);
            m.notes.put("nodes/s", Math.round(items.get() / (wall / 1e9)));
        }
        return wall;
    }

    /**
     * The string values of some top-level fields of a JSON object, null where absent, read with the streaming parser
     * up to the last one found: a created node is ~2.3 KB of JSON, and the client (C1 only) need not build its tree
     * for two fields while it shares the server's cores.
     */
    static String[] topLevelStrings(byte[] body, String... fields) throws IOException {
        String[] values = new String[fields.length];
        int found = 0;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object: " + new String(body, StandardCharsets.UTF_8));
            }
            while (found < fields.length && p.nextToken() == JsonToken.FIELD_NAME) {
                int k = Arrays.asList(fields).indexOf(p.currentName());
                JsonToken value = p.nextToken();
                if (k >= 0 && values[k] == null && value == JsonToken.VALUE_STRING) {
                    values[k] = p.getText();
                    found++;
                } else {
                    p.skipChildren();
                }
            }
        }
        return values;
    }

    /** A collection page read with the streaming parser: the number of items and the next link, if any. */
    private record Page(int items, String next) {
        static Page parse(byte[] body) throws IOException {
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
        void accept(int op, Api.Reply reply) throws IOException;
    }

    /**
     * Runs m.ops() operations over the clients sharing the target's keep-alive client. A status other than
     * {@code expect} is an error. Returns the wall time in nanoseconds.
     */
    private long parallel(Target t, Measurement m, int expect, IntFunction<Api.Call> request, OnSuccess onSuccess)
            throws InterruptedException {
        long start = System.nanoTime();
        clients(settings.concurrency(), m.ops(), i -> {
            Api.Call call = request.apply(i);
            long t0 = System.nanoTime();
            try {
                Api.Reply reply = t.api.send(call);
                m.latency(i, System.nanoTime() - t0);
                if (reply.statusCode() != expect) {
                    m.error(call, reply.statusCode() + " " + reply.body());
                } else if (onSuccess != null) {
                    onSuccess.accept(i, reply);
                }
            } catch (IOException | RuntimeException e) {
                m.latency(i, System.nanoTime() - t0);
                m.error(call, e.toString());
            }
        });
        return System.nanoTime() - start;
    }

    /** One operation of a client: the operation's index. An interrupt stops the client. */
    interface Op {
        void run(int index) throws InterruptedException;
    }

    /**
     * {@code concurrency} clients, one platform thread each; each takes the next operation index until none of
     * {@code ops} is left. Returns when all are done. Platform threads, not virtual ones: a virtual thread's
     * blocking read parks it and goes through the JDK's poller, CPU the client took from the server under test.
     */
    static void clients(int concurrency, int ops, Op op) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService clients = Executors.newFixedThreadPool(concurrency)) {
            for (int c = 0; c < concurrency; c++) {
                clients.submit(() -> {
                    try {
                        for (int i = next.getAndIncrement(); i < ops; i = next.getAndIncrement()) {
                            op.run(i);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }
}
