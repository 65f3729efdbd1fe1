package dev.ferrum.drivers.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.ferrum.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ferrum's link to one BMC (address, user, TLS settings): at most one Redfish session, shared by every
 * request and node behind that BMC, and a bound on the requests in flight to it, so a conductor with many
 * nodes on one BMC never exhausts the BMC's small session table. Session auth falls back to basic auth
 * when the BMC has no usable SessionService ({@code auth_type = auto}).
 */
final class RedfishConnection {
    private static final Logger LOG = LoggerFactory.getLogger(RedfishConnection.class);
    static final String SESSIONS = "/redfish/v1/SessionService/Sessions";

    /** How requests behave: [redfish] options, fixed per conductor. */
    record Settings(String authType, int attempts, Duration retryInterval, Duration requestTimeout, int maxConcurrent) {
    }

    private final URI base;
    private final String username;
    private final String password;
    private final String authType;
    private final HttpClient http;
    private final Settings settings;
    private final Semaphore inFlight;
    private final ReentrantLock login = new ReentrantLock();
    private final Map<String, String> systemIds = new ConcurrentHashMap<>();
    /** Documents that do not change while the BMC runs (attribute registries), read once per connection. */
    private final Map<String, Object> memos = new ConcurrentHashMap<>();
    private volatile String token;
    private volatile URI session;
    private volatile boolean basic;

    RedfishConnection(RedfishInfo info, HttpClient http, Settings settings) {
        this.base = info.address();
        this.username = info.username();
        this.password = info.password();
        this.authType = info.authType() != null ? info.authType() : settings.authType();
        this.http = http;
        this.settings = settings;
        this.inFlight = new Semaphore(settings.maxConcurrent(), true);
        this.basic = "basic".equals(authType);
    }

    String password() {
        return password;
    }

    URI base() {
        return base;
    }

    /** The system a node names, or the BMC's only one when it names none (remembered per connection). */
    String systemPath(String systemId) {
        if (systemId != null) {
            return systemId;
        }
        return systemIds.computeIfAbsent("", k -> {
            JsonNode members = get("/redfish/v1/Systems").path("Members");
            if (members.size() != 1) {
                throw new RedfishError(400, "The BMC at " + base + " has " + members.size()
                        + " systems: set redfish_system_id in the node's driver_info to the one to manage.");
            }
            return members.get(0).path("@odata.id").asText();
        });
    }

    /** The value {@code read} gives, read once per connection under this key. */
    @SuppressWarnings("unchecked")
    <T> T memo(String key, java.util.function.Supplier<T> read) {
        Object v = memos.get(key);
        if (v == null) {
            v = read.get();
            memos.putIfAbsent(key, v);
        }
        return (T) v;
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    /** One request with authentication, retries on unreachable or 503, and the per-BMC concurrency bound. */
    private JsonNode send(String method, String path, Object body) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedfishError(0, "Interrupted while waiting to reach the BMC at " + base);
        }
        try {
            boolean reauthenticated = false;
            for (int attempt = 1; ; attempt++) {
                HttpResponse<byte[]> r;
                try {
                    r = http.send(request(method, path, body), HttpResponse.BodyHandlers.ofByteArray());
                } catch (IOException e) {
                    if (attempt < settings.attempts()) {
                        pause(method, path, attempt, describe(e));
                        continue;
                    }
                    throw new RedfishError(0, "Redfish " + method + " " + base + path + " failed after " + attempt
                            + " attempt(s): " + describe(e));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RedfishError(0, "Interrupted during Redfish " + method + " " + base + path);
                }
                int status = r.statusCode();
                if (status == 401 && token != null && !reauthenticated) {
                    token = null; // the session expired or the BMC dropped it: log in once more
                    reauthenticated = true;
                    attempt--;
                    continue;
                }
                if (status == 503 && attempt < settings.attempts()) {
                    pause(method, path, attempt, "HTTP 503");
                    continue;
                }
                if (status >= 400) {
                    throw failure(method, path, status, r.body());
                }
                LOG.debug("Redfish {} {}{}: {}", method, base, path, status);
                return r.body().length == 0 ? MissingNode.getInstance() : Json.MAPPER.readTree(r.body());
            }
        } catch (IOException e) {
            throw new RedfishError(502, "The BMC at " + base + " sent an unreadable answer to " + method + " " + path + ": "
                    + e.getMessage());
        } finally {
            inFlight.release();
        }
    }

    private HttpRequest request(String method, String path, Object body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(settings.requestTimeout())
                .header("Accept", "application/json").header("OData-Version", "4.0");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
        }
        String auth = authorization();
        if (auth != null) {
            b.header(auth.startsWith("Basic ") ? "Authorization" : "X-Auth-Token", auth);
        }
        return b.build();
    }

    /** The credential header value: a session token (logging in first if needed) or basic credentials. */
    private String authorization() throws IOException {
        if (username == null) {
            return null;
        }
        if (basic) {
            return basicCredentials();
        }
        String t = token;
        if (t != null) {
            return t;
        }
        login.lock(); // one login at a time per BMC: concurrent requests share the session it creates
        try {
            if (token == null && !basic) {
                logIn();
            }
            return basic ? basicCredentials() : token;
        } finally {
            login.unlock();
        }
    }

    private void logIn() throws IOException {
        HttpRequest req = HttpRequest.newBuilder(base.resolve(SESSIONS)).timeout(settings.requestTimeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(
                        Map.of("UserName", username, "Password", password == null ? "" : password))))
                .build();
        HttpResponse<byte[]> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        String t = r.headers().firstValue("X-Auth-Token").orElse(null);
        if (r.statusCode() < 300 && t != null) {
            token = t;
            session = r.headers().firstValue("Location").map(base::resolve).orElse(null);
            LOG.debug("Opened a Redfish session on {}", base);
            return;
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw failure("POST", SESSIONS, r.statusCode(), r.body());
        }
        if ("session".equals(authType)) {
            throw failure("POST", SESSIONS, r.statusCode(), r.body());
        }
        LOG.info("The BMC at {} offers no session ({}): using basic authentication", base, r.statusCode());
        basic = true;
    }

    private String basicCredentials() {
        String pair = username + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Ends the session (best effort): the BMC frees its slot instead of waiting for it to time out. */
    void logOut() {
        URI s = session;
        String t = token;
        token = null;
        session = null;
        if (s == null || t == null) {
            return;
        }
        HttpRequest req = HttpRequest.newBuilder(s).timeout(settings.requestTimeout()).header("X-Auth-Token", t).DELETE().build();
        http.sendAsync(req, HttpResponse.BodyHandlers.discarding())
                .exceptionally(e -> {
                    LOG.debug("Could not log out of {}: {}", base, e.toString());
                    return null;
                });
    }

    private RedfishError failure(String method, String path, int status, byte[] body) {
        String what = switch (status) {
            case 401, 403 -> "authentication failed: check redfish_username and redfish_password";
            case 404 -> "no such resource: check redfish_address and redfish_system_id";
            default -> "HTTP " + status;
        };
        String detail = bmcMessage(body);
        return new RedfishError(status, "Redfish " + method + " " + base + path + " failed: " + what
                + (detail.isEmpty() ? "" : " (" + detail + ")"));
    }

    /** The message of a Redfish error document ({"error": {"message", "@Message.ExtendedInfo"}}), if any. */
    private static String bmcMessage(byte[] body) {
        try {
            JsonNode err = Json.MAPPER.readTree(body).path("error");
            JsonNode info = err.path("@Message.ExtendedInfo");
            if (info.isArray() && !info.isEmpty() && info.get(0).hasNonNull("Message")) {
                return info.get(0).get("Message").asText();
            }
            return err.path("message").asText("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private void pause(String method, String path, int attempt, String why) {
        LOG.debug("Redfish {} {}{} attempt {} failed ({}); retrying", method, base, path, attempt, why);
        try {
            Thread.sleep(settings.retryInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedfishError(0, "Interrupted while retrying " + method + " " + base + path);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return "the BMC did not answer in time";
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "TLS with the BMC failed (" + e.getMessage() + "); if its certificate is self-signed, set "
                    + "redfish_verify_ca to a CA bundle that signs it, or to false";
        }
        if (e instanceof java.net.ConnectException) {
            return "cannot connect (" + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
