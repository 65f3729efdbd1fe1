package dev.ferrum.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;

/**
 * The volume API (1.32+): {@code /v1/volume} and {@code /v1/nodes/{node}/volume} link to the connector and
 * target collections, which {@link VolumeObjectsController} serves.
 */
final class VolumeController {
    static final int SINCE = 32;
    private final NodesController nodes;

    VolumeController(NodesController nodes) {
        this.nodes = nodes;
    }

    void routes(RoutesConfig r) {
        r.get("/v1/volume", ctx -> root(ctx, "volume/"));
        r.get("/v1/nodes/{node}/volume", this::ofNode);
    }

    private void ofNode(Context ctx) {
        requireVersion(ctx);
        String ident = ctx.pathParam("node");
        nodes.find(ctx, ident);
        // Links name the node as the client did (UUID or name), as Ironic's do.
        root(ctx, "nodes/" + ident + "/volume/");
    }

    private static void root(Context ctx, String path) {
        requireVersion(ctx);
        Listing.allowOnly(ctx, Set.of());
        String base = Requests.base(ctx);
        ObjectNode out = Json.object();
        out.set("links", Links.of(base, path));
        out.set("connectors", Links.of(base, path + "connectors"));
        out.set("targets", Links.of(base, path + "targets"));
        Requests.json(ctx, out);
    }

    /** Below 1.32 the volume roots answer a plain "not found" fault (not a routing error), as in Ironic. */
    private static void requireVersion(Context ctx) {
        if (Requests.version(ctx) < SINCE) {
            throw FerrumException.notFound("The volume API needs API version 1.%d or later.", SINCE);
        }
    }
}
