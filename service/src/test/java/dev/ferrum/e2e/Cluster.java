package dev.ferrum.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.Json;
import dev.ferrum.testing.Engine;
import dev.ferrum.testing.TestBroker;
import dev.ferrum.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ferrum scaled out as the README says: one {@code ferrum api} and several {@code ferrum conductor} processes on a
 * fresh database of a real engine and a fresh RabbitMQ virtual host. Every HTTP status the API answered is counted,
 * so a test can say that nothing but documented codes came back.
 */
final class Cluster implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TestDatabases db;
    private final TestBroker broker = new TestBroker();
    private final String config;
    private final List<FerrumProcess> conductors = new ArrayList<>();
    private FerrumProcess api;
    /** "METHOD path → status" of every 5xx answer, and a count per status. */
    final List<String> serverErrors = java.util.Collections.synchronizedList(new ArrayList<>());
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

    /**
     * @param extraConfig more INI sections for every process ([fake] delays, say)
     */
    Cluster(Engine engine, int conductorCount, String extraConfig) {
        db = TestDatabases.fresh(engine);
        try {
            // Short heartbeats so a death is noticed in seconds, not Ironic's default minute.
            config = "[DEFAULT]\nrpc_transport = amqp\ntransport_url = " + broker.freshVirtualHost() + "\n"
                    + "enabled_hardware_types = fake-hardware\nrpc_response_timeout = 30\n"
                    + "[database]\nconnection = " + db.connection() + "\n"
                    + "[conductor]\nheartbeat_interval = 1\nheartbeat_timeout = 6\nsync_local_state_interval = 2\n"
                    + "automated_clean = false\nsync_power_state_interval = 0\n"
                    + "[DEFAULT]\ngraceful_shutdown_timeout = 5\n" + extraConfig;
            for (int i = 1; i <= conductorCount; i++) {
                conductors.add(new FerrumProcess("conductor", "conductor-" + i, config));
            }
            api = new FerrumProcess("api", "api-1", config);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> alive().size() == conductorCount);
    }

    FerrumProcess conductor(int i) {
        return conductors.get(i - 1);
    }

    /** The hostnames GET /v1/conductors reports alive. */
    List<String> alive() {
        List<String> hosts = new ArrayList<>();
        for (JsonNode c : get("/v1/conductors").get("conductors")) {
            if (c.get("alive").asBoolean()) {
                hosts.add(c.get("hostname").asText());
            }
        }
        return hosts;
    }

    record Reply(int status, JsonNode body) {
    }

    Reply send(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.endpoint() + path)).timeout(Duration.ofSeconds(60))
                .header("X-OpenStack-Ironic-API-Version", "1.82").header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
            if (r.statusCode() >= 500) {
                serverErrors.add(method + " " + path + " → " + r.statusCode() + " " + r.body());
            }
            return new Reply(r.statusCode(), r.body().isEmpty() ? null : Json.parse(r.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET that must succeed. */
    JsonNode get(String path) {
        Reply r = send("GET", path, null);
        if (r.status() != 200) {
            throw new AssertionError("GET " + path + " → " + r.status() + " " + r.body());
        }
        return r.body();
    }

    /**
     * Sends a request until it gets the expected status, retrying on 409 (node locked) and 503 (no free worker,
     * broker unreachable) as ironicclient and openstacksdk do; any other status fails.
     */
    JsonNode retrying(String method, String path, String body, int expected) {
        Reply[] last = new Reply[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).pollDelay(Duration.ZERO).until(() -> {
            last[0] = send(method, path, body);
            if (last[0].status() == expected) {
                return true;
            }
            if (last[0].status() != 409 && last[0].status() != 503) {
                throw new AssertionError(method + " " + path + " → " + last[0].status() + " " + last[0].body());
            }
            return false;
        });
        return last[0].body();
    }

    String createNode(String name) {
        return retrying("POST", "/v1/nodes", "{\"driver\": \"fake-hardware\", \"name\": \"" + name + "\"}", 201).get("uuid").asText();
    }

    void provision(String uuid, String target) {
        retrying("PUT", "/v1/nodes/" + uuid + "/states/provision", "{\"target\": \"" + target + "\"}", 202);
    }

    /** Every node with the fields a scale-out check looks at. */
    List<JsonNode> nodes() {
        List<JsonNode> out = new ArrayList<>();
        get("/v1/nodes?limit=1000&fields=uuid,name,provision_state,target_provision_state,reservation,last_error,conductor")
                .get("nodes").forEach(out::add);
        return out;
    }

    /** A count straight from the shared database (what the API does not show, e.g. conductor_affinity). */
    long count(String sql, Object... args) {
        return db.database().jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapTo(Long.class).one();
        });
    }

    String logs() {
        StringBuilder sb = new StringBuilder();
        for (FerrumProcess p : conductors) {
            sb.append("==== ").append(p.host()).append('\n').append(tail(p.log()));
        }
        return sb.append("==== api\n").append(api == null ? "" : tail(api.log())).toString();
    }

    private static String tail(String log) {
        return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    }

    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
        conductors.parallelStream().forEach(FerrumProcess::close);
        broker.close();
        db.close();
    }
}
