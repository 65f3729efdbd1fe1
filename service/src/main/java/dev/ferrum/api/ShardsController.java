package dev.ferrum.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferrum.common.Json;
import dev.ferrum.db.Stores;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;

/** GET /v1/shards (API 1.82): each shard in use and how many nodes it holds; unsharded nodes count as "None". */
final class ShardsController {
    private final Stores stores;

    ShardsController(Stores stores) {
        this.stores = stores;
    }

    void routes(RoutesConfig r) {
        r.get("/v1/shards", this::list);
    }

    private void list(Context ctx) {
        Requests.requireVersion(ctx, 82);
        Listing.allowOnly(ctx, Set.of());
        ObjectNode out = Json.object();
        ArrayNode shards = out.putArray("shards");
        for (var e : stores.nodes.countBy("shard")) {
            shards.addObject().put("name", e.getKey().equals("null") ? "None" : e.getKey()).put("count", e.getValue());
        }
        Requests.json(ctx, out);
    }
}
