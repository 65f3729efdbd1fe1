package dev.ferrum.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.objects.ObjectSpec;
import dev.ferrum.common.objects.Objects;
import dev.ferrum.db.Condition;
import dev.ferrum.db.Stores;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** /v1/chassis and a chassis' nodes. Chassis have no conductor-side state, so writes go straight to the DB. */
final class ChassisController {
    private static final ObjectSpec SPEC = Objects.CHASSIS;
    private final Stores stores;
    private final NodesController nodes;
    private final int maxLimit;

    ChassisController(Stores stores, NodesController nodes, int maxLimit) {
        this.stores = stores;
        this.nodes = nodes;
        this.maxLimit = maxLimit;
    }

    void routes(RoutesConfig r) {
        r.get("/v1/chassis", ctx -> list(ctx, false));
        r.get("/v1/chassis/detail", ctx -> list(ctx, true));
        r.post("/v1/chassis", this::create);
        r.get("/v1/chassis/{chassis}", this::show);
        r.patch("/v1/chassis/{chassis}", this::update);
        r.delete("/v1/chassis/{chassis}", this::delete);
        r.get("/v1/chassis/{chassis}/nodes", ctx -> nodesOf(ctx, false));
        r.get("/v1/chassis/{chassis}/nodes/detail", ctx -> nodesOf(ctx, true));
    }

    private void list(Context ctx, boolean detail) {
        Collections.list(ctx, stores.chassis, maxLimit, detail, Collections.Selection.of(List.of()), this::find, "chassis",
                detail ? "chassis/detail" : "chassis",
                (c, rows, p) -> render(c, rows, p.shownFields(SPEC), p.detail()));
    }

    private void nodesOf(Context ctx, boolean detail) {
        String uuid = (String) find(ctx.pathParam("chassis")).get("uuid");
        nodes.list(ctx, detail, Collections.Selection.of(List.of(new Condition.Eq("chassis_uuid", uuid))), "chassis/" + uuid + "/nodes" + (detail ? "/detail" : ""));
    }

    private Map<String, Object> find(String ident) {
        return stores.chassis.get("uuid", Inputs.uuid(ident))
                .orElseThrow(() -> FerrumException.notFound("Chassis %s could not be found.", ident));
    }

    private ObjectNode render(Context ctx, Map<String, Object> row, Set<String> fields) {
        return render(ctx, List.of(row), fields, true).getFirst();
    }

    /** Ironic renders a chassis' nodes link as a list holding the link pair; clients expect that shape. */
    private static List<ObjectNode> render(Context ctx, List<Map<String, Object>> rows, Set<String> fields, boolean full) {
        List<ObjectNode> out = Collections.simple(ctx, SPEC, "chassis", rows, fields, full, List.of());
        if (full && fields == null) {
            out.forEach(n -> n.putArray("nodes").add(Links.of(Requests.base(ctx), "chassis/" + n.get("uuid").asText() + "/nodes")));
        }
        return out;
    }

    private void show(Context ctx) {
        Set<String> fields = Listing.showFields(ctx, SPEC);
        Requests.json(ctx, render(ctx, find(ctx.pathParam("chassis")), fields));
    }

    private void create(Context ctx) {
        Map<String, Object> values = Inputs.forCreate(SPEC, Requests.body(ctx), Requests.version(ctx));
        checkDescription(values);
        Map<String, Object> chassis = stores.chassis.insert(SPEC.withDefaults(values));
        ctx.status(201).header("Location", Requests.base(ctx) + "/v1/chassis/" + chassis.get("uuid"));
        Requests.json(ctx, render(ctx, chassis, null));
    }

    private void update(Context ctx) {
        int minor = Requests.version(ctx);
        Map<String, Object> chassis = find(ctx.pathParam("chassis"));
        ObjectNode doc = Views.render(SPEC, chassis, minor, null);
        Map<String, Object> changes = JsonPatches.apply(SPEC, doc, Requests.body(ctx), minor, Set.of());
        checkDescription(changes);
        String uuid = (String) chassis.get("uuid");
        Map<String, Object> updated = changes.isEmpty() ? chassis
                : stores.chassis.update(uuid, changes).orElseThrow(() -> FerrumException.notFound("Chassis %s could not be found.", uuid));
        Requests.json(ctx, render(ctx, updated, null));
    }

    private void delete(Context ctx) {
        String uuid = (String) find(ctx.pathParam("chassis")).get("uuid");
        if (stores.nodes.exists(List.of(new Condition.Eq("chassis_uuid", uuid)))) {
            throw FerrumException.invalid("Cannot complete the requested action because chassis %s contains nodes.", uuid);
        }
        stores.chassis.delete(uuid);
        ctx.status(204);
    }

    private static void checkDescription(Map<String, Object> values) {
        if (values.get("description") instanceof String d && d.length() > 255) {
            throw FerrumException.invalid("Invalid input for field/attribute description. It is longer than 255 characters.");
        }
    }
}
