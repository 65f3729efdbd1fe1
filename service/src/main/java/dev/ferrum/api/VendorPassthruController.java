package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import dev.ferrum.common.PyRepr;
import dev.ferrum.rpc.ConductorApi;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * /v1/nodes/{node}/vendor_passthru and /v1/drivers/{driver}/vendor_passthru: driver-specific methods named
 * by {@code ?method=}, reached with whichever HTTP methods they declare. The body is the method's data;
 * synchronous methods answer 200 with their value, asynchronous ones 202 with no body.
 */
final class VendorPassthruController {
    private final NodesController nodes;
    private final ConductorApi conductor;
    private final Conductors conductors;

    VendorPassthruController(NodesController nodes, ConductorApi conductor, Conductors conductors) {
        this.nodes = nodes;
        this.conductor = conductor;
        this.conductors = conductors;
    }

    /** The method is named by {@code ?method=} or, as ironicclient sends it, by the path: /vendor_passthru/{method}. */
    void routes(RoutesConfig r) {
        r.get("/v1/nodes/{node}/vendor_passthru/methods", this::nodeVendorMethods);
        r.get("/v1/drivers/{driver}/vendor_passthru/methods", this::driverVendorMethods);
        for (String path : List.of("/v1/nodes/{node}/vendor_passthru", "/v1/nodes/{node}/vendor_passthru/{method}")) {
            r.get(path, this::nodeVendorPassthru);
            r.post(path, this::nodeVendorPassthru);
            r.put(path, this::nodeVendorPassthru);
            r.patch(path, this::nodeVendorPassthru);
            r.delete(path, this::nodeVendorPassthru);
        }
        for (String path : List.of("/v1/drivers/{driver}/vendor_passthru", "/v1/drivers/{driver}/vendor_passthru/{method}")) {
            r.get(path, this::driverVendorPassthru);
            r.post(path, this::driverVendorPassthru);
            r.put(path, this::driverVendorPassthru);
            r.patch(path, this::driverVendorPassthru);
            r.delete(path, this::driverVendorPassthru);
        }
    }

    private String nodeUuid(Context ctx) {
        return (String) nodes.find(ctx, ctx.pathParam("node")).get("uuid");
    }

    private void nodeVendorMethods(Context ctx) {
        Args.of(ctx, Set.of());
        Requests.json(ctx, conductor.getNodeVendorPassthruMethods(nodeUuid(ctx)));
    }

    /** The method from the path, or else from the query (then the only query parameter allowed). */
    private static String method(Context ctx) {
        if (ctx.pathParamMap().containsKey("method")) {
            Args.query(ctx, Set.of());
            return ctx.pathParam("method");
        }
        return Args.query(ctx, Set.of("method")).string("method", true);
    }

    private void nodeVendorPassthru(Context ctx) {
        String method = method(ctx);
        Map<String, Object> data = passthruData(ctx);
        String uuid = nodeUuid(ctx);
        requireMethod(method);
        respond(ctx, conductor.vendorPassthru(uuid, method, ctx.method().name(), data));
    }

    private void driverVendorMethods(Context ctx) {
        Args.of(ctx, Set.of());
        Requests.json(ctx, conductor.getDriverVendorPassthruMethods(servedDriver(ctx, conductors)));
    }

    private void driverVendorPassthru(Context ctx) {
        String method = method(ctx);
        Map<String, Object> data = passthruData(ctx);
        String driver = servedDriver(ctx, conductors);
        requireMethod(method);
        respond(ctx, conductor.driverVendorPassthru(driver, method, ctx.method().name(), data));
    }

    private static void requireMethod(String method) {
        if (method == null || method.isEmpty()) {
            throw FerrumException.invalid("Method not specified");
        }
    }

    /** The body passed to a vendor method: a JSON object, or nothing. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> passthruData(Context ctx) {
        JsonNode body = ctx.body().isBlank() ? null : Requests.body(ctx);
        if (body == null || body.isNull()) {
            return new LinkedHashMap<>();
        }
        if (!body.isObject()) {
            throw FerrumException.invalid("The data passed to a vendor passthru method must be a JSON object, got %s",
                    PyRepr.of(body));
        }
        return Json.MAPPER.convertValue(body, LinkedHashMap.class);
    }

    /** 202 for asynchronous methods (their return value is always empty), 200 with the JSON return value otherwise. */
    private static void respond(Context ctx, Map<String, Object> result) {
        boolean async = Boolean.TRUE.equals(result.get("async"));
        Object value = result.get("return");
        if (async && value == null) {
            Requests.empty(ctx, 202);
        } else {
            ctx.status(async ? 202 : 200).contentType("application/json").result(Json.write(value));
        }
    }

    /** The path's driver when an alive conductor serves it (any conductor group), else Ironic's 404. */
    static String servedDriver(Context ctx, Conductors conductors) {
        String driver = ctx.pathParam("driver");
        boolean served = conductors.list().stream().filter(c -> Boolean.TRUE.equals(c.get("alive")))
                .anyMatch(c -> c.get("drivers") instanceof JsonNode d && d.isArray()
                        && StreamSupport.stream(d.spliterator(), false).anyMatch(x -> driver.equals(x.asText())));
        if (!served) {
            throw FerrumException.notFound("The driver '%s' is unknown.", driver);
        }
        return driver;
    }
}
