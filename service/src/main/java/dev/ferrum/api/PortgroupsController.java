package dev.ferrum.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.objects.ObjectSpec;
import dev.ferrum.common.objects.Objects;
import dev.ferrum.db.Condition;
import dev.ferrum.db.Stores;
import dev.ferrum.rpc.ConductorApi;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** /v1/portgroups (API 1.23+), and a node's port groups (1.24+). */
final class PortgroupsController {
    private static final ObjectSpec SPEC = Objects.PORTGROUP;
    private static final Set<String> FILTERS = Set.of("node", "address");
    private final Stores stores;
    private final ConductorApi conductor;
    private final NodesController nodes;
    private final int maxLimit;

    private final String defaultMode;

    PortgroupsController(Stores stores, ConductorApi conductor, NodesController nodes, int maxLimit, String defaultMode) {
        this.defaultMode = defaultMode;
        this.stores = stores;
        this.conductor = conductor;
        this.nodes = nodes;
        this.maxLimit = maxLimit;
    }

    void routes(RoutesConfig r) {
        r.get("/v1/portgroups", ctx -> list(ctx, false, new Collections.Selection(filters(ctx), FILTERS, null), "portgroups"));
        r.get("/v1/portgroups/detail", ctx -> list(ctx, true, new Collections.Selection(filters(ctx), FILTERS, null), "portgroups/detail"));
        r.post("/v1/portgroups", this::create);
        r.get("/v1/portgroups/{portgroup}", this::show);
        r.patch("/v1/portgroups/{portgroup}", this::update);
        r.delete("/v1/portgroups/{portgroup}", this::delete);
        r.get("/v1/nodes/{node}/portgroups", ctx -> ofNode(ctx, false));
        r.get("/v1/nodes/{node}/portgroups/detail", ctx -> ofNode(ctx, true));
    }

    private void list(Context ctx, boolean detail, Collections.Selection sel, String path) {
        Requests.requireVersion(ctx, 23);
        Collections.list(ctx, stores.portgroups, maxLimit, detail, sel, m -> find(ctx, m), "portgroups", path,
                (c, rows, p) -> Collections.simple(c, SPEC, "portgroups", rows, p.shownFields(SPEC), p.detail(), List.of("ports")));
    }

    private void ofNode(Context ctx, boolean detail) {
        Requests.requireVersion(ctx, 24);
        String uuid = (String) nodes.find(ctx, ctx.pathParam("node")).get("uuid");
        list(ctx, detail, Collections.Selection.of(List.of(new Condition.Eq("node_uuid", uuid))), "nodes/" + uuid + "/portgroups" + (detail ? "/detail" : ""));
    }

    private List<Condition> filters(Context ctx) {
        List<Condition> where = new ArrayList<>();
        String node = ctx.queryParam("node");
        if (node != null) {
            where.add(new Condition.Eq("node_uuid", nodes.find(ctx, node).get("uuid")));
        }
        String address = ctx.queryParam("address");
        if (address != null) {
            where.add(new Condition.Eq("address", Inputs.mac(address)));
        }
        return where;
    }

    private Map<String, Object> find(Context ctx, String ident) {
        return NodeLookup.byIdent(stores.portgroups, ident, Requests.version(ctx), 23);
    }

    private ObjectNode render(Context ctx, Map<String, Object> row, Set<String> fields) {
        return Collections.simple(ctx, SPEC, "portgroups", List.of(row), fields, true, List.of("ports")).getFirst();
    }

    private void show(Context ctx) {
        Requests.requireVersion(ctx, 23);
        Set<String> fields = Listing.showFields(ctx, SPEC);
        Requests.json(ctx, render(ctx, find(ctx, ctx.pathParam("portgroup")), fields));
    }

    private void create(Context ctx) {
        Requests.requireVersion(ctx, 23);
        Map<String, Object> values = Inputs.forCreate(SPEC, Requests.body(ctx), Requests.version(ctx));
        if (values.get("node_uuid") == null) {
            throw FerrumException.invalid("'node_uuid' is a required property");
        }
        checkValues(values);
        values.putIfAbsent("mode", defaultMode);
        Map<String, Object> pg = conductor.createPortgroup(SPEC.withDefaults(values));
        ctx.status(201).header("Location", Requests.base(ctx) + "/v1/portgroups/" + pg.get("uuid"));
        Requests.json(ctx, render(ctx, pg, null));
    }

    private void update(Context ctx) {
        Requests.requireVersion(ctx, 23);
        int minor = Requests.version(ctx);
        Map<String, Object> pg = find(ctx, ctx.pathParam("portgroup"));
        ObjectNode doc = Views.render(SPEC, pg, minor, null);
        Map<String, Object> changes = JsonPatches.apply(SPEC, doc, Requests.body(ctx), minor, Set.of("node_uuid"));
        checkValues(changes);
        Map<String, Object> updated = changes.isEmpty() ? pg : conductor.updatePortgroup((String) pg.get("uuid"), changes);
        Requests.json(ctx, render(ctx, updated, null));
    }

    private void delete(Context ctx) {
        Requests.requireVersion(ctx, 23);
        Map<String, Object> pg = find(ctx, ctx.pathParam("portgroup"));
        conductor.destroyPortgroup((String) pg.get("uuid"));
        ctx.status(204);
    }

    private static void checkValues(Map<String, Object> values) {
        if (values.get("address") != null) {
            values.put("address", Inputs.mac((String) values.get("address")));
        }
        if (values.get("name") != null) {
            String n = Inputs.logicalName("port group", (String) values.get("name"));
            if (Inputs.isUuid(n)) {
                throw FerrumException.invalid("Cannot use a UUID-like value '%s' as a port group name.", n);
            }
        }
    }
}
