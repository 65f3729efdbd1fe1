package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import io.javalin.http.Context;

/** Per-request facts the version filter puts on the context, and body parsing. */
public final class Requests {
    static final String VERSION = "ferrum.version";
    static final String BASE = "ferrum.base";

    private Requests() {
    }

    public static int version(Context ctx) {
        Integer v = ctx.attribute(VERSION);
        return v == null ? ApiVersion.MIN : v;
    }

    /** Public base URL for links: [api]public_endpoint, else the scheme and Host the client used. */
    public static String base(Context ctx) {
        return ctx.attribute(BASE);
    }

    /**
     * Answers with a JSON body written straight to UTF-8 bytes; Javalin's {@code ctx.json} builds a String first
     * and encodes it again, which for a page of 1,000 nodes was a third of the request.
     */
    public static void json(Context ctx, Object value) {
        try {
            ctx.contentType("application/json").result(Json.MAPPER.writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode body(Context ctx) {
        return Json.parse(ctx.body());
    }

    /** 404 for endpoints that do not exist at the requested microversion, as Ironic answers. */
    public static void requireVersion(Context ctx, int since) {
        if (version(ctx) < since) {
            throw new FerrumException(ErrorCode.RESOURCE_NOT_FOUND, "The API version does not allow this resource.");
        }
    }

    /**
     * A response without a body carries no Content-Type, as Ironic's: clients (ironicclient) try to decode
     * a body announced as JSON and complain when there is none.
     */
    public static void empty(Context ctx, int status) {
        ctx.status(status);
        ctx.res().setContentType(null);
    }

    /** 406 for an action or argument newer than the requested microversion. */
    public static void requireMicroversion(int minor, int since) {
        if (minor < since) {
            throw FerrumException.notAcceptable("Request not acceptable. The minimal required API version should be 1.%d", since);
        }
    }

    public static String queryParam(Context ctx, String name, int since) {
        String v = ctx.queryParam(name);
        if (v != null) {
            Listing.requireVersion(version(ctx), since, name);
        }
        return v;
    }
}
