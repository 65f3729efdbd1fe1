package dev.ferrum.lab.redfish;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every request: count it, play the fault of the emulator or of the system it addresses, check credentials
 * (a session token or basic auth; the service root, OData documents and session login are open, as Redfish
 * requires), route it to a resource, and write the reply with the Redfish error body on failure.
 */
final class RedfishHandler implements HttpHandler {
    private static final String V1 = "/redfish/v1";

    private final RedfishEmulator emulator;
    private final ServiceResources service;

    RedfishHandler(RedfishEmulator emulator, ServiceResources service) {
        this.emulator = emulator;
        this.service = service;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            emulator.countRequest();
            serve(ex);
        } catch (IOException e) {
            // the client went away (or the emulator closed under a hung request): nothing to answer
        } finally {
            ex.close();
        }
    }

    private void serve(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (path == null) {
            path = "/";
        }
        String method = ex.getRequestMethod();
        List<String> segments = new ArrayList<>();
        boolean versions = path.equals("/redfish") || path.equals("/redfish/");
        boolean v1 = path.equals(V1) || path.startsWith(V1 + "/");
        if (v1) {
            for (String s : path.substring(V1.length()).split("/")) {
                if (!s.isEmpty()) {
                    segments.add(s);
                }
            }
        }
        EmulatedSystem system = null;
        if (segments.size() >= 2 && List.of("Systems", "Managers", "Chassis").contains(segments.get(0))) {
            system = emulator.lookup(segments.get(1));
            if (system != null) {
                system.countRequest();
            }
        }
        Fault fault = emulator.effectiveFault(system);
        if (fault == Fault.HANG) {
            fault = emulator.awaitNotHung(system);
            if (fault == null) {
                return; // closed while hanging: drop the connection unanswered
            }
        }
        Request r = new Request(method, path, List.copyOf(segments), ex.getRequestHeaders(),
                ex.getRequestBody().readAllBytes());
        Reply reply;
        try {
            reply = switch (fault) {
                case SERVER_ERROR -> throw RedfishError.internalError();
                case UNAVAILABLE -> throw RedfishError.serviceTemporarilyUnavailable();
                case WRONG_CREDENTIALS -> throw RedfishError.noValidSession();
                default -> {
                    if (!versions && !v1) {
                        throw RedfishError.notFound(path);
                    }
                    if (!versions && !open(r) && !emulator.sessions().authorized(
                            r.headers().getFirst("X-Auth-Token"), r.headers().getFirst("Authorization"))) {
                        throw RedfishError.noValidSession();
                    }
                    yield versions ? versions(r) : route(r, system);
                }
            };
        } catch (RedfishError e) {
            reply = error(e);
        } catch (RuntimeException e) {
            // an emulator bug must not look like a hang or a dropped connection
            reply = error(RedfishError.internalError());
        }
        send(ex, r, reply);
    }

    private static Reply versions(Request r) {
        ServiceResources.requireGet(r);
        return ServiceResources.versions();
    }

    /** Resources Redfish serves without credentials: the service root, the OData documents, session login. */
    private static boolean open(Request r) {
        String first = r.segment(0);
        if (first == null || (r.depth() == 1 && (first.equals("odata") || first.equals("$metadata")))) {
            return true;
        }
        return r.is("POST") && r.depth() == 2 && first.equals("SessionService") && "Sessions".equals(r.segment(1));
    }

    private Reply route(Request r, EmulatedSystem system) {
        String first = r.segment(0);
        if (first == null) {
            ServiceResources.requireGet(r);
            return service.root();
        }
        return switch (first) {
            case "odata" -> {
                ServiceResources.requireGet(r);
                yield ServiceResources.odata();
            }
            case "$metadata" -> {
                ServiceResources.requireGet(r);
                yield ServiceResources.metadata();
            }
            case "SessionService" -> service.sessionService(r);
            case "Registries" -> BiosResources.registries(r);
            case "Systems" -> r.depth() == 1 ? SystemResources.collection(r, emulator.systems())
                    : SystemResources.route(r, existing(r, system));
            case "Managers" -> r.depth() == 1 ? ManagerResources.collection(r, emulator.systems())
                    : ManagerResources.route(r, existing(r, system));
            case "Chassis" -> r.depth() == 1 ? ChassisResources.collection(r, emulator.systems())
                    : ChassisResources.route(r, existing(r, system));
            default -> throw RedfishError.notFound(r.path());
        };
    }

    private static EmulatedSystem existing(Request r, EmulatedSystem system) {
        if (system == null) {
            throw RedfishError.notFound(r.path());
        }
        return system;
    }

    static Reply error(RedfishError e) {
        ObjectNode info = Json.object();
        info.put("@odata.type", "#Message.v1_1_1.Message");
        info.put("MessageId", e.messageId);
        info.put("Message", e.getMessage());
        info.set("MessageArgs", Json.strings(e.args));
        if (e.property != null) {
            info.set("RelatedProperties", Json.strings(List.of("#/" + e.property)));
        }
        info.put("Severity", e.status >= 500 ? "Critical" : "Warning");
        info.put("Resolution", e.status == 401 ? "Log in with valid credentials and resubmit the request."
                : "Correct the request and resubmit it.");
        ArrayNode extended = Json.array().add(info);
        ObjectNode error = Json.object();
        error.put("code", e.messageId);
        error.put("message", e.getMessage());
        error.set("@Message.ExtendedInfo", extended);
        Reply reply = Reply.status(e.status, Json.object().set("error", error));
        if (e.status == 401) {
            reply.header("WWW-Authenticate", "Basic realm=\"Redfish\"");
        }
        if (e.status == 503) {
            reply.header("Retry-After", "30");
        }
        return reply;
    }

    private static void send(HttpExchange ex, Request r, Reply reply) throws IOException {
        var h = ex.getResponseHeaders();
        h.set("Content-Type", "application/json; charset=utf-8");
        h.set("OData-Version", "4.0");
        h.set("Cache-Control", "no-cache");
        for (Map.Entry<String, String> e : reply.headers.entrySet()) {
            h.set(e.getKey(), e.getValue());
        }
        String connection = r.headers().getFirst("Connection");
        if (connection != null && connection.equalsIgnoreCase("close")) {
            h.set("Connection", "close");
        }
        byte[] body = reply.raw != null ? reply.raw
                : reply.body != null ? Json.MAPPER.writeValueAsBytes(reply.body) : null;
        if (body == null || reply.status == 204 || r.is("HEAD")) {
            h.remove("Content-Type");
            ex.sendResponseHeaders(reply.status, -1);
            return;
        }
        ex.sendResponseHeaders(reply.status, body.length);
        ex.getResponseBody().write(body);
    }
}
