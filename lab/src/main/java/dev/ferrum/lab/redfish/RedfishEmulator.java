package dev.ferrum.lab.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Redfish BMC on 127.0.0.1 serving any number of ComputerSystems on one port, for tests and benchmarks:
 * ServiceRoot, SessionService (X-Auth-Token sessions, HTTP basic too), Systems with power, boot override, reset
 * actions, processors, memory, storage, NICs and BIOS (settings applied on the next boot, attribute registry),
 * a Manager with VirtualMedia, and Chassis. Faults can be injected for the whole BMC or one system.
 *
 * <p>Built on the JDK's HttpServer with a virtual thread per request, so 10,000 systems cost little more than
 * their state and a hung request costs one parked virtual thread.
 */
public final class RedfishEmulator implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, EmulatedSystem> systems = new LinkedHashMap<>();
    private final String username;
    private final String password;
    private final int maxSessions;
    private final Map<String, String> sessionsByToken = new ConcurrentHashMap<>();
    private final AtomicInteger sessionIds = new AtomicInteger();
    private final AtomicInteger peakSessions = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, String[]> media = new ConcurrentHashMap<>(); // id -> {image, inserted}
    private final Object faultChanged = new Object();
    private final String uuid = UUID.randomUUID().toString();
    private volatile Fault fault = Fault.NONE;
    private volatile boolean closed;

    private RedfishEmulator(Builder b) throws IOException {
        this.username = b.username;
        this.password = b.password;
        this.maxSessions = b.maxSessions;
        List<String> ids = b.systemIds != null ? b.systemIds : new ArrayList<>();
        if (b.systemIds == null) {
            for (int i = 1; i <= b.systems; i++) {
                ids.add(Integer.toString(i));
            }
        }
        int index = 0;
        for (String id : ids) {
            systems.put(id, new EmulatedSystem(id, index++, faultChanged));
        }
        media.put("Cd", new String[] {null, "false"});
        media.put("Floppy", new String[] {null, "false"});
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 1024);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How to start an emulator: systems "1".."n" (or the given ids), credentials, port 0 = any free port. */
    public static final class Builder {
        private int systems = 1;
        private List<String> systemIds;
        private String username = "admin";
        private String password = "password";
        private int port;
        private int maxSessions = 16;

        public Builder systems(int n) {
            systems = n;
            return this;
        }

        public Builder systemIds(List<String> ids) {
            systemIds = new ArrayList<>(ids);
            return this;
        }

        public Builder credentials(String user, String pass) {
            username = user;
            password = pass;
            return this;
        }

        public Builder port(int p) {
            port = p;
            return this;
        }

        /** Sessions the BMC holds at once; logging in beyond that answers 503, as small BMCs do. */
        public Builder maxSessions(int n) {
            maxSessions = n;
            return this;
        }

        public RedfishEmulator start() {
            try {
                return new RedfishEmulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String address() {
        return "http://127.0.0.1:" + port();
    }

    public String systemPath(String id) {
        return Resources.ROOT + "/Systems/" + id;
    }

    public EmulatedSystem system(String id) {
        EmulatedSystem s = systems.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no system " + id);
        }
        return s;
    }

    public Collection<EmulatedSystem> systems() {
        return systems.values();
    }

    /** Requests received so far. */
    public long requests() {
        return requests.get();
    }

    public int activeSessions() {
        return sessionsByToken.size();
    }

    /** The most sessions that were open at once. */
    public int peakSessions() {
        return peakSessions.get();
    }

    /** Makes the whole BMC misbehave (NONE heals it and releases hung requests). */
    public void fault(Fault f) {
        fault = f;
        synchronized (faultChanged) {
            faultChanged.notifyAll();
        }
    }

    /** The virtual media of the BMC's manager: id (Cd, Floppy) → inserted image, or null. */
    public String insertedMedia(String id) {
        String[] m = media.get(id);
        return m != null && "true".equals(m[1]) ? m[0] : null;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (faultChanged) {
            faultChanged.notifyAll();
        }
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            Reply r;
            try {
                r = route(ex, ex.getRequestMethod(), ex.getRequestURI().getPath().replaceAll("/+$", ""), body);
            } catch (BadRequest e) {
                r = new Reply(400, Resources.error("PropertyValueNotInList", e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (r == null) {
                r = new Reply(404, Resources.error("ResourceMissingAtURI", "The resource at the URI "
                        + ex.getRequestURI().getPath() + " was not found."));
            }
            byte[] out = r.body == null ? new byte[0] : Resources.JSON.writeValueAsBytes(r.body);
            ex.getResponseHeaders().add("OData-Version", "4.0");
            String connection = ex.getRequestHeaders().getFirst("Connection");
            if (connection != null && connection.equalsIgnoreCase("close")) {
                // HttpServer closes the connection but does not say so; a pooling client (sushy's urllib3)
                // would send its next request on the dead socket
                ex.getResponseHeaders().add("Connection", "close");
            }
            r.headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            if (out.length > 0) {
                ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            }
            ex.sendResponseHeaders(r.status, out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                ex.getResponseBody().write(out);
            }
        }
    }

    /** A response: status, JSON body (or null) and extra headers. */
    record Reply(int status, JsonNode body, Map<String, String> headers) {
        Reply(int status, JsonNode body) {
            this(status, body, Map.of());
        }
    }

    /** A request the BMC refuses as malformed or not allowed (400 with a Redfish error). */
    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    private Reply route(HttpExchange ex, String method, String path, byte[] body) throws InterruptedException {
        if (path.equals("/redfish")) {
            return new Reply(200, Resources.JSON.createObjectNode().put("v1", "/redfish/v1/"));
        }
        if (path.equals(Resources.ROOT)) {
            return new Reply(200, Resources.serviceRoot(uuid)); // unauthenticated, as the standard requires
        }
        String[] p = path.substring(Math.min(path.length(), Resources.ROOT.length() + 1)).split("/");
        EmulatedSystem sys = p.length >= 2 && p[0].equals("Systems") ? systems.get(p[1]) : null;
        Reply faulty = fault(sys == null ? fault : (sys.fault() != Fault.NONE ? sys.fault() : fault), sys);
        if (faulty != null) {
            return faulty;
        }
        if (path.equals(Resources.ROOT + "/SessionService/Sessions") && method.equals("POST")) {
            return logIn(body);
        }
        if (!authorized(ex)) {
            return unauthorized();
        }
        return switch (p[0]) {
            case "SessionService" -> sessions(method, p, ex);
            case "Systems" -> p.length == 1 ? get(method, Resources.collection("ComputerSystemCollection",
                    "Computer System Collection", Resources.ROOT + "/Systems", systems.keySet().stream().map(this::systemPath).toList()))
                    : sys == null ? null : Systems.route(this, sys, method, p, body);
            case "Managers" -> managers(method, p, body);
            case "Chassis" -> chassis(method, p);
            case "Registries" -> registries(method, p);
            default -> null;
        };
    }

    /** A fault's answer, or null to answer normally; HANG parks the request until the fault is cleared. */
    private Reply fault(Fault f, EmulatedSystem sys) throws InterruptedException {
        if (f == Fault.HANG) {
            synchronized (faultChanged) {
                while (!closed && (sys != null ? sys.fault() == Fault.HANG || fault == Fault.HANG : fault == Fault.HANG)) {
                    faultChanged.wait();
                }
            }
            if (closed) {
                throw new InterruptedException("closed");
            }
            return null;
        }
        return switch (f) {
            case SERVER_ERROR -> new Reply(500, Resources.error("InternalError", "The request failed due to an internal service error."));
            case UNAVAILABLE -> new Reply(503, Resources.error("ServiceTemporarilyUnavailable", "The service is temporarily unavailable."));
            case WRONG_CREDENTIALS -> unauthorized();
            default -> null;
        };
    }

    private Reply unauthorized() {
        return new Reply(401, Resources.error("NoValidSession", "There is no valid session established with the implementation."),
                Map.of("WWW-Authenticate", "Basic realm=\"redfish\""));
    }

    private boolean authorized(HttpExchange ex) {
        String token = ex.getRequestHeaders().getFirst("X-Auth-Token");
        if (token != null && sessionsByToken.containsKey(token)) {
            return true;
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.startsWith("Basic ")) {
            String pair = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            return pair.equals(username + ":" + password);
        }
        return false;
    }

    private Reply logIn(byte[] body) {
        JsonNode req = json(body);
        if (!username.equals(req.path("UserName").asText(null)) || !password.equals(req.path("Password").asText(null))) {
            return unauthorized();
        }
        synchronized (sessionsByToken) {
            if (sessionsByToken.size() >= maxSessions) {
                return new Reply(503, Resources.error("SessionLimitExceeded",
                        "The session establishment failed due to the number of simultaneous sessions exceeding the limit."));
            }
            String id = Integer.toString(sessionIds.incrementAndGet());
            String token = UUID.randomUUID().toString().replace("-", "");
            sessionsByToken.put(token, id);
            peakSessions.accumulateAndGet(sessionsByToken.size(), Math::max);
            String location = Resources.ROOT + "/SessionService/Sessions/" + id;
            return new Reply(201, Resources.session(id, username), Map.of("X-Auth-Token", token, "Location", location));
        }
    }

    private Reply sessions(String method, String[] p, HttpExchange ex) {
        if (p.length == 1) {
            return get(method, Resources.sessionService());
        }
        if (p.length == 2) {
            return get(method, Resources.collection("SessionCollection", "Session Collection", Resources.ROOT + "/SessionService/Sessions",
                    sessionsByToken.values().stream().sorted().map(id -> Resources.ROOT + "/SessionService/Sessions/" + id).toList()));
        }
        String id = p[2];
        String token = sessionsByToken.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        if (token == null) {
            return null;
        }
        if (method.equals("DELETE")) {
            sessionsByToken.remove(token);
            return new Reply(204, null);
        }
        return get(method, Resources.session(id, username));
    }

    private Reply managers(String method, String[] p, byte[] body) {
        if (p.length == 1) {
            return get(method, Resources.collection("ManagerCollection", "Manager Collection", Resources.ROOT + "/Managers",
                    List.of(Resources.ROOT + "/Managers/BMC")));
        }
        if (!p[1].equals("BMC")) {
            return null;
        }
        if (p.length == 2) {
            return get(method, Resources.manager(systems.keySet().stream().map(this::systemPath).toList()));
        }
        if (!p[2].equals("VirtualMedia")) {
            return null;
        }
        if (p.length == 3) {
            return get(method, Resources.collection("VirtualMediaCollection", "Virtual Media Services",
                    Resources.ROOT + "/Managers/BMC/VirtualMedia", media.keySet().stream().sorted()
                            .map(id -> Resources.ROOT + "/Managers/BMC/VirtualMedia/" + id).toList()));
        }
        String[] m = media.get(p[3]);
        if (m == null) {
            return null;
        }
        List<String> types = p[3].equals("Cd") ? List.of("CD", "DVD") : List.of("Floppy", "USBStick");
        if (p.length == 4) {
            return get(method, Resources.virtualMedia(p[3], types, m[0], "true".equals(m[1])));
        }
        if (p.length == 6 && p[4].equals("Actions") && method.equals("POST")) {
            switch (p[5]) {
                case "VirtualMedia.InsertMedia" -> {
                    String image = json(body).path("Image").asText(null);
                    if (image == null) {
                        throw new BadRequest("The action InsertMedia requires the parameter Image.");
                    }
                    media.put(p[3], new String[] {image, "true"});
                }
                case "VirtualMedia.EjectMedia" -> media.put(p[3], new String[] {null, "false"});
                default -> {
                    return null;
                }
            }
            return new Reply(204, null);
        }
        return null;
    }

    private Reply chassis(String method, String[] p) {
        if (p.length == 1) {
            return get(method, Resources.collection("ChassisCollection", "Chassis Collection", Resources.ROOT + "/Chassis",
                    systems.keySet().stream().map(id -> Resources.ROOT + "/Chassis/" + id).toList()));
        }
        EmulatedSystem s = systems.get(p[1]);
        return s == null || p.length > 2 ? null : get(method, Resources.chassis(s));
    }

    private Reply registries(String method, String[] p) {
        if (p.length == 1) {
            return get(method, Resources.collection("MessageRegistryFileCollection", "Registry File Collection",
                    Resources.ROOT + "/Registries", List.of(Resources.ROOT + "/Registries/" + Resources.REGISTRY)));
        }
        if (!p[1].equals(Resources.REGISTRY)) {
            return null;
        }
        return p.length == 2 ? get(method, Resources.registryFile())
                : p.length == 3 && p[2].equals("registry.json") ? get(method, Resources.registry()) : null;
    }

    static Reply get(String method, JsonNode doc) {
        return method.equals("GET") || method.equals("HEAD") ? new Reply(200, doc)
                : new Reply(405, Resources.error("ActionNotSupported", "The method " + method + " is not allowed here."));
    }

    static Reply ok(JsonNode doc) {
        return new Reply(200, doc);
    }

    static Reply noContent() {
        return new Reply(204, null);
    }

    static RuntimeException badRequest(String message) {
        return new BadRequest(message);
    }

    static JsonNode json(byte[] body) {
        if (body.length == 0) {
            return Resources.JSON.createObjectNode();
        }
        try {
            return Resources.JSON.readTree(body);
        } catch (IOException e) {
            throw new BadRequest("The request body submitted was malformed JSON: " + e.getMessage());
        }
    }

    static ObjectNode object() {
        return Resources.JSON.createObjectNode();
    }
}
