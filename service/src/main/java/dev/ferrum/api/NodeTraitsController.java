package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import dev.ferrum.common.Traits;
import dev.ferrum.db.Stores;
import dev.ferrum.rpc.ConductorApi;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** /v1/nodes/{node}/traits (API 1.37): list, replace all, add one, remove one or all. */
final class NodeTraitsController {
    private static final int SINCE = 37;
    private static final String ONE_OR_ALL = "Add a single trait with PUT /v1/nodes/<node>/traits/<trait> and no body, "
            + "or replace all of a node's traits with PUT /v1/nodes/<node>/traits and {\"traits\": [...]} as the body.";
    private final Stores stores;
    private final ConductorApi conductor;
    private final NodesController nodes;

    NodeTraitsController(Stores stores, ConductorApi conductor, NodesController nodes) {
        this.stores = stores;
        this.conductor = conductor;
        this.nodes = nodes;
    }

    void routes(RoutesConfig r) {
        r.get("/v1/nodes/{node}/traits", this::list);
        r.put("/v1/nodes/{node}/traits", ctx -> put(ctx, null));
        r.delete("/v1/nodes/{node}/traits", ctx -> delete(ctx, null));
        r.put("/v1/nodes/{node}/traits/{trait}", ctx -> put(ctx, ctx.pathParam("trait")));
        r.delete("/v1/nodes/{node}/traits/{trait}", ctx -> delete(ctx, ctx.pathParam("trait")));
    }

    private void list(Context ctx) {
        requireVersion(ctx);
        Listing.allowOnly(ctx, Set.of());
        String uuid = nodeUuid(ctx);
        Requests.json(ctx, Map.of("traits", stores.traits.forNode(uuid)));
    }

    private void put(Context ctx, String trait) {
        requireVersion(ctx);
        Listing.allowOnly(ctx, Set.of());
        List<String> traits = replacement(ctx);
        if (trait != null) {
            Traits.check("trait", trait);
        }
        String uuid = nodeUuid(ctx);
        if ((trait == null) == (traits == null)) {
            throw FerrumException.invalid(ONE_OR_ALL);
        }
        if (trait != null) {
            conductor.addNodeTraits(uuid, List.of(trait), false);
            ctx.header("Location", Requests.base(ctx) + "/v1/nodes/" + ctx.pathParam("node") + "/traits/" + trait);
        } else {
            conductor.addNodeTraits(uuid, traits, true);
        }
        ctx.status(204);
    }

    private void delete(Context ctx, String trait) {
        requireVersion(ctx);
        Listing.allowOnly(ctx, Set.of());
        String uuid = nodeUuid(ctx);
        conductor.removeNodeTraits(uuid, trait == null ? null : List.of(trait));
        ctx.status(204);
    }

    private String nodeUuid(Context ctx) {
        return (String) nodes.find(ctx, ctx.pathParam("node")).get("uuid");
    }

    /**
     * The list of a {@code {"traits": [...]}} body, or null when there is no body, an empty one, or an
     * empty object (Ironic treats all three as "no body").
     */
    private static List<String> replacement(Context ctx) {
        if (ctx.body().isBlank()) {
            return null;
        }
        JsonNode body = Json.parse(ctx.body());
        if (body.isNull()) {
            return null;
        }
        if (!body.isObject()) {
            throw FerrumException.invalid("The request body must be a JSON object, {\"traits\": [...]}.");
        }
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("traits")) {
                throw FerrumException.invalid("Additional properties are not allowed ('%s' was unexpected)", k);
            }
        }
        JsonNode list = body.get("traits");
        if (list == null) {
            return null;
        }
        if (!list.isArray()) {
            throw FerrumException.invalid("Invalid input for field/attribute traits. Value: %s. It must be a list.", list);
        }
        List<String> traits = new ArrayList<>(list.size());
        for (JsonNode t : list) {
            if (!t.isTextual()) {
                throw FerrumException.invalid("Invalid trait %s: a trait must be a string.", t);
            }
            traits.add(Traits.check("trait", t.textValue()));
        }
        return traits;
    }

    /** Before 1.37 Ironic has no traits sub-resource; these are the answers it gives instead. */
    private static void requireVersion(Context ctx) {
        if (Requests.version(ctx) >= SINCE) {
            return;
        }
        switch (ctx.method().name()) {
            case "GET" -> throw FerrumException.notAcceptable("Request not acceptable.");
            case "PUT" -> throw new FerrumException(ErrorCode.RESOURCE_METHOD_NOT_ALLOWED, "");
            default -> throw FerrumException.notFound("Resource could not be found.");
        }
    }
}
