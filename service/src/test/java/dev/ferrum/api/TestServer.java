package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.cmd.Wiring;
import dev.ferrum.common.Json;
import dev.ferrum.common.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Ferrum all-in-one on an ephemeral port with a fresh embedded database, and a small HTTP client for it. */
public final class TestServer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Wiring wiring;
    private final String base;

    public TestServer() {
        this(Map.of());
    }

    public TestServer(Map<String, String> overrides) {
        Path state;
        try {
            state = Files.createTempDirectory("ferrum-api-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> o = new HashMap<>(Map.of("DEFAULT.state_path", state.toString(), "api.port", "0",
                "DEFAULT.host", "test-conductor", "DEFAULT.graceful_shutdown_timeout", "2"));
        o.putAll(overrides);
        this.wiring = new Wiring(Config.load(List.of(), o)).startAll();
        this.base = "http://127.0.0.1:" + wiring.apiPort();
    }

    public String base() {
        return base;
    }

    /** Direct access to the server's database, for state the API cannot set yet (provision states, traits). */
    public dev.ferrum.db.Stores stores() {
        return wiring.stores();
    }

    /** The conductor's power sync, to run a round on demand. */
    /** The conductor's takeover of nodes dead conductors held (tests run it on demand). */
    public dev.ferrum.conductor.Takeover takeover() {
        return wiring.periodic().takeover();
    }

    public dev.ferrum.conductor.PowerSync powerSync() {
        return wiring.periodic().powerSync();
    }

    /** A response with its parsed JSON body (null when empty). */
    public record Reply(int status, Map<String, List<String>> headers, String text) {
        public JsonNode json() {
            return text.isEmpty() ? null : Json.parseStored(text);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        /** The faultstring inside Ironic's double-encoded error document. */
        public String fault() {
            return Json.parseStored(json().get("error_message").asText()).get("faultstring").asText();
        }
    }

    public Reply call(String method, String path, String version, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (version != null) {
            b.header("X-OpenStack-Ironic-API-Version", version);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply get(String path, String version) {
        return call("GET", path, version, null, Map.of());
    }

    public Reply get(String path) {
        return get(path, "latest");
    }

    public Reply post(String path, String body) {
        return call("POST", path, "latest", body, Map.of());
    }

    public Reply patch(String path, String body) {
        return call("PATCH", path, "latest", body, Map.of());
    }

    public Reply put(String path, String body) {
        return call("PUT", path, "latest", body, Map.of());
    }

    public Reply delete(String path) {
        return call("DELETE", path, "latest", null, Map.of());
    }

    /** Creates a node at the latest version and returns its JSON; fails the test unless it is 201. */
    public JsonNode node(String body) {
        Reply r = post("/v1/nodes", body);
        if (r.status() != 201) {
            throw new AssertionError("node create failed: " + r.status() + " " + r.text());
        }
        return r.json();
    }

    /** Runs a request while another conductor ({@code host}) holds the node's lock. */
    public Reply lockAndCall(String nodeUuid, String host, java.util.function.Supplier<Reply> call) {
        var jdbi = wiring.database().jdbi();
        jdbi.useHandle(h -> h.createUpdate("UPDATE nodes SET reservation = ? WHERE uuid = ?").bind(0, host).bind(1, nodeUuid).execute());
        try {
            return call.get();
        } finally {
            jdbi.useHandle(h -> h.createUpdate("UPDATE nodes SET reservation = NULL WHERE uuid = ?").bind(0, nodeUuid).execute());
        }
    }

    @Override
    public void close() {
        wiring.close();
    }
}
