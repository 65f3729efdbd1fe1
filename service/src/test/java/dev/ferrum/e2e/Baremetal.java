package dev.ferrum.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The real {@code baremetal} CLI against one endpoint, plus a direct HTTP reader used only to wait for a node to
 * settle (the CLI's own {@code --wait} polls long actions every 10 seconds, see {@link #provision}).
 */
final class Baremetal {
    static final String CLI = "/usr/bin/baremetal";
    /** Verbs whose {@code --wait} polls every 2 s in python-ironicclient 5.0.1; the others poll every 10 s. */
    private static final Set<String> SHORT_POLL_VERBS = Set.of("manage", "inspect", "adopt");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SETTLED_ELSEWHERE = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String endpoint;
    private final Supplier<String> serverLog;
    private final boolean cliWaitAll;
    private final HttpClient http = HttpClient.newHttpClient();

    Baremetal(String endpoint, Supplier<String> serverLog, boolean cliWaitAll) {
        this.endpoint = endpoint;
        this.serverLog = serverLog;
        this.cliWaitAll = cliWaitAll;
    }

    String endpoint() {
        return endpoint;
    }

    FerrumProcess.Run run(String... args) {
        List<String> cmd = new ArrayList<>(List.of(CLI));
        cmd.addAll(List.of(args));
        return FerrumProcess.client(endpoint, cmd);
    }

    /** Runs the CLI and asserts it succeeded; returns its standard output. */
    String ok(String... args) {
        FerrumProcess.Run r = run(args);
        assertThat(r.code()).as("baremetal %s failed: %s%s", String.join(" ", args), r.out(), logSuffix()).isZero();
        return r.out();
    }

    /** Runs the CLI and asserts it failed; returns standard output followed by standard error. */
    String fails(String... args) {
        FerrumProcess.Run r = run(args);
        assertThat(r.code()).as("baremetal %s unexpectedly succeeded: %s", String.join(" ", args), r.out()).isNotZero();
        return r.out();
    }

    /** Runs the CLI with {@code -f json} and parses standard output. */
    JsonNode json(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("-f", "json"));
        return parse(ok(a.toArray(String[]::new)));
    }

    /** {@code baremetal node show <node> -f json}. */
    JsonNode show(String node) {
        return json("node", "show", node);
    }

    /**
     * Runs {@code baremetal node <verb> <node> [extra…]} and waits for the node to settle in {@code expected} with no
     * target state and no lock. manage/inspect/adopt always use the CLI's {@code --wait} (it polls every 2 s); long
     * actions use it when {@code ferrum.e2e.cliWait=all} or {@code withCliWait}, otherwise the test polls the API
     * itself every 100 ms, because ironicclient polls those every 10 s. Returns {@code node show}.
     */
    JsonNode provision(String node, String verb, String expected, String... extra) {
        return provision(false, node, verb, expected, extra);
    }

    JsonNode provisionWithCliWait(String node, String verb, String expected, String... extra) {
        return provision(true, node, verb, expected, extra);
    }

    private JsonNode provision(boolean withCliWait, String node, String verb, String expected, String... extra) {
        List<String> args = new ArrayList<>(List.of("node", verb, node));
        args.addAll(List.of(extra));
        boolean wait = withCliWait || cliWaitAll || SHORT_POLL_VERBS.contains(verb);
        if (wait) {
            args.addAll(List.of("--wait", String.valueOf(TIMEOUT.toSeconds())));
        }
        String out = ok(args.toArray(String[]::new));
        if (wait) {
            assertThat(out).contains("Waiting for provision state " + expected + " on node " + node);
        }
        awaitStable(node, expected);
        return show(node);
    }

    /** Waits until the node is in {@code state} with no target provision state and no reservation (lock). */
    JsonNode awaitStable(String node, String state) {
        return awaitState(node, state, null);
    }

    /**
     * Waits until the node is in {@code state} with this target provision state ({@code null}: none) and no
     * reservation (lock). Fails at once when the node lands in a different failure state.
     */
    JsonNode awaitState(String node, String state, String target) {
        String what = "provision_state=" + state + ", target_provision_state=" + target + ", unlocked";
        long[] settledElsewhereSince = {0};
        return awaitNode(node, what, n -> {
            String ps = n.path("provision_state").asText();
            if (!ps.equals(state) && (ps.endsWith(" failed") || ps.equals("error"))) {
                throw new AssertionError("node " + node + " reached " + ps + " instead of " + state + ": "
                        + n.path("last_error").asText() + logSuffix());
            }
            JsonNode t = n.path("target_provision_state");
            boolean unlocked = n.path("reservation").isNull();
            // settled in another stable state (no target, no lock) for a while: it is not going anywhere
            if (!ps.equals(state) && t.isNull() && unlocked) {
                if (settledElsewhereSince[0] == 0) {
                    settledElsewhereSince[0] = System.nanoTime();
                } else if (System.nanoTime() - settledElsewhereSince[0] > SETTLED_ELSEWHERE.toNanos()) {
                    throw new AssertionError("node " + node + " settled in " + ps + " instead of " + state + ": " + n);
                }
            } else {
                settledElsewhereSince[0] = 0;
            }
            boolean targetOk = target == null ? t.isNull() : t.asText().equals(target);
            return ps.equals(state) && targetOk && unlocked;
        });
    }

    /** Waits until the node reports this power state with no target power state and no lock. */
    JsonNode awaitPower(String node, String powerState) {
        return awaitNode(node, "power_state=" + powerState + ", target_power_state=null, unlocked",
                n -> n.path("power_state").asText().equals(powerState) && n.path("target_power_state").isNull()
                        && n.path("reservation").isNull());
    }

    /** Polls GET /v1/nodes/{node} until {@code condition} holds. */
    JsonNode awaitNode(String node, String what, Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        try {
            await().atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .alias(node + " to reach " + what).until(() -> {
                        last[0] = get("/v1/nodes/" + node);
                        return condition.test(last[0]);
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; last seen: " + last[0] + logSuffix(), e);
        }
        return last[0];
    }

    /** GET at the latest microversion, asserting 200. Used for polling only; assertions read the CLI's output. */
    JsonNode get(String path) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(endpoint + path)).GET());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return parse(r.body());
    }

    /**
     * Raw request at the latest microversion, asserting the status; returns the parsed body (or null when empty).
     * Used to set nodes up quickly for steps that are not under test; what is under test goes through the CLI.
     */
    JsonNode call(String method, String path, String jsonBody, int expectedStatus) {
        HttpResponse<String> r = request(method, path, jsonBody);
        assertThat(r.statusCode()).as("%s %s %s: %s%s", method, path, jsonBody, r.body(), logSuffix()).isEqualTo(expectedStatus);
        return r.body().isBlank() ? null : parse(r.body());
    }

    /** Raw request at the latest microversion. */
    HttpResponse<String> request(String method, String path, String jsonBody) {
        HttpRequest.BodyPublisher body = jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint + path)).method(method, body);
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b);
    }

    /** PUT /v1/nodes/{node}/states/provision with {@code target} and waits for {@code expected} (setup only). */
    void setProvisionState(String node, String target, String expected) {
        call("PUT", "/v1/nodes/" + node + "/states/provision", "{\"target\": \"" + target + "\"}", 202);
        awaitStable(node, expected);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.header("X-OpenStack-Ironic-API-Version", "1.82").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private String logSuffix() {
        return serverLog == null ? "" : "\nserver log:\n" + serverLog.get();
    }
}
