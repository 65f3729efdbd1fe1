package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import dev.ferrum.common.PyRepr;
import dev.ferrum.rpc.ConductorApi;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
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

    void routes(RoutesConfig r) {
        r.get("/v1/nodes/{node}/vendor_passthru/methods", this::nodeVendorMethods);
        r.get("/v1/nodes/{node}/vendor_passthru", this::nodeVendorPassthru);
        r.post("/v1/nodes/{node}/vendor_passthru", this::nodeVendorPassthru);
        r.put("/v1/nodes/{node}/vendor_passthru", this::nodeVendorPassthru);
        r.patch("/v1/nodes/{node}/vendor_passthru", this::nodeVendorPassthru);
        r.delete("/v1/nodes/{node}/vendor_passthru", this::nodeVendorPassthru);
        r.get("/v1/drivers/{driver}/vendor_passthru/methods", this::driverVendorMethods);
        r.get("/v1/drivers/{driver}/vendor_passthru", this::driverVendorPassthru);
        r.post("/v1/drivers/{driver}/vendor_passthru", this::driverVendorPassthru);
        r.put("/v1/drivers/{driver}/vendor_passthru", this::driverVendorPassthru);
        r.patch("/v1/drivers/{driver}/vendor_passthru", this::driverVendorPassthru);
        r.delete("/v1/drivers/{driver}/vendor_passthru", this::driverVendorPassthru);
    }

    private String nodeUuid(Context ctx) {
        return (String) nodes.find(ctx, ctx.pathParam("node")).get("uuid");
    }

    private void nodeVendorMethods(Context ctx) {
        Args.of(ctx, Set.of());
        ctx.json(conductor.getNodeVendorPassthruMethods(nodeUuid(ctx)));
    }

    private void nodeVendorPassthru(Context ctx) {
        String method = Args.query(ctx, Set.of("method")).string("method", true);
        Map<String, Object> data = passthruData(ctx);
        String uuid = nodeUuid(ctx);
        requireMethod(method);
        respond(ctx, conductor.vendorPassthru(uuid, method, ctx.method().name(), data));
    }

    private void driverVendorMethods(Context ctx) {
        Args.of(ctx, Set.of());
        ctx.json(conductor.getDriverVendorPassthruMethods(servedDriver(ctx, conductors)));
    }

    private void driverVendorPassthru(Context ctx) {
        String method = Args.query(ctx, Set.of("method")).string("method", true);
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
        ctx.status(async ? 202 : 200);
        if (!(async && value == null)) {
            ctx.contentType("application/json").result(Json.write(value));
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
