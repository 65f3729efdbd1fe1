package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** /v1/ports, and the port listings nested under a node or a port group. */
final class PortsController {
    private static final ObjectSpec SPEC = Objects.PORT;
    private static final Set<String> FILTERS = Set.of("node", "node_uuid", "address", "portgroup", "shard");
    private static final Set<String> LINK_KEYS = Set.of("switch_id", "port_id", "switch_info", "network_type", "hostname");
    private final Stores stores;
    private final ConductorApi conductor;
    private final NodesController nodes;
    private final int maxLimit;

    PortsController(Stores stores, ConductorApi conductor, NodesController nodes, int maxLimit) {
        this.stores = stores;
        this.conductor = conductor;
        this.nodes = nodes;
        this.maxLimit = maxLimit;
    }

    void routes(RoutesConfig r) {
        r.get("/v1/ports", ctx -> list(ctx, false, new Collections.Selection(filters(ctx), FILTERS, null), "ports"));
        r.get("/v1/ports/detail", ctx -> list(ctx, true, new Collections.Selection(filters(ctx), FILTERS, null), "ports/detail"));
        r.post("/v1/ports", this::create);
        r.get("/v1/ports/{port}", this::show);
        r.patch("/v1/ports/{port}", this::update);
        r.delete("/v1/ports/{port}", this::delete);
        r.get("/v1/nodes/{node}/ports", ctx -> ofNode(ctx, false));
        r.get("/v1/nodes/{node}/ports/detail", ctx -> ofNode(ctx, true));
        r.get("/v1/portgroups/{portgroup}/ports", ctx -> ofPortgroup(ctx, false));
        r.get("/v1/portgroups/{portgroup}/ports/detail", ctx -> ofPortgroup(ctx, true));
    }

    private void list(Context ctx, boolean detail, Collections.Selection sel, String path) {
        Collections.list(ctx, stores.ports, maxLimit, detail, sel, this::find, "ports", path,
                (c, rows, p) -> Collections.simple(c, SPEC, "ports", rows, p.shownFields(SPEC), p.detail(), List.of()));
    }

    private void ofNode(Context ctx, boolean detail) {
        Map<String, Object> node = nodes.find(ctx, ctx.pathParam("node"));
        String uuid = (String) node.get("uuid");
        list(ctx, detail, Collections.Selection.of(List.of(new Condition.Eq("node_uuid", uuid))), "nodes/" + uuid + "/ports" + (detail ? "/detail" : ""));
    }

    private void ofPortgroup(Context ctx, boolean detail) {
        Requests.requireVersion(ctx, 24);
        Map<String, Object> pg = NodeLookup.byIdent(stores.portgroups, ctx.pathParam("portgroup"), Requests.version(ctx), 23);
        String uuid = (String) pg.get("uuid");
        list(ctx, detail, Collections.Selection.of(List.of(new Condition.Eq("portgroup_uuid", uuid))), "portgroups/" + uuid + "/ports" + (detail ? "/detail" : ""));
    }

    private List<Condition> filters(Context ctx) {
        List<Condition> where = new ArrayList<>();
        String node = ctx.queryParam("node");
        String nodeUuid = ctx.queryParam("node_uuid");
        if (node != null && nodeUuid != null) {
            throw FerrumException.invalid("Only one of node and node_uuid may be given.");
        }
        if (node != null || nodeUuid != null) {
            String ident = node != null ? node : nodeUuid;
            where.add(new Condition.Eq("node_uuid", nodes.find(ctx, ident).get("uuid")));
        }
        String address = ctx.queryParam("address");
        if (address != null) {
            where.add(new Condition.Eq("address", Inputs.mac(address)));
        }
        String pg = Requests.queryParam(ctx, "portgroup", 24);
        if (pg != null) {
            Map<String, Object> row = NodeLookup.byIdent(stores.portgroups, pg, Requests.version(ctx), 23);
            where.add(new Condition.Eq("portgroup_uuid", row.get("uuid")));
        }
        String shard = Requests.queryParam(ctx, "shard", 82);
        if (shard != null) {
            List<String> shards = Arrays.stream(shard.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (shards.isEmpty()) {
                throw FerrumException.invalid("The shard filter needs at least one shard name.");
            }
            where.add(new Condition.Sql("node_uuid IN (SELECT uuid FROM nodes WHERE shard IN ("
                    + String.join(", ", shards.stream().map(s -> "?").toList()) + "))", shards));
        }
        return where;
    }

    private Map<String, Object> find(String ident) {
        return stores.ports.get("uuid", Inputs.uuid(ident))
                .orElseThrow(() -> FerrumException.notFound("Port %s could not be found.", ident));
    }

    private ObjectNode render(Context ctx, Map<String, Object> row, Set<String> fields) {
        return Collections.simple(ctx, SPEC, "ports", List.of(row), fields, true, List.of()).getFirst();
    }

    private void show(Context ctx) {
        Set<String> fields = Listing.showFields(ctx, SPEC);
        Requests.json(ctx, render(ctx, find(ctx.pathParam("port")), fields));
    }

    private void create(Context ctx) {
        int minor = Requests.version(ctx);
        JsonNode body = Requests.body(ctx);
        Map<String, Object> values = Inputs.forCreate(SPEC, body, minor);
        if (values.get("address") == null) {
            throw FerrumException.invalid("'address' is a required property");
        }
        if (values.get("node_uuid") == null) {
            throw FerrumException.invalid("'node_uuid' is a required property");
        }
        checkValues(values);
        Map<String, Object> port = conductor.createPort(SPEC.withDefaults(values));
        ctx.status(201).header("Location", Requests.base(ctx) + "/v1/ports/" + port.get("uuid"));
        Requests.json(ctx, render(ctx, port, null));
    }

    private void update(Context ctx) {
        int minor = Requests.version(ctx);
        Map<String, Object> port = find(ctx.pathParam("port"));
        ObjectNode doc = Views.render(SPEC, port, minor, null);
        Map<String, Object> changes = JsonPatches.apply(SPEC, doc, Requests.body(ctx), minor, Set.of("address", "node_uuid"));
        checkValues(changes);
        Map<String, Object> updated = changes.isEmpty() ? port : conductor.updatePort((String) port.get("uuid"), changes);
        Requests.json(ctx, render(ctx, updated, null));
    }

    private void delete(Context ctx) {
        Map<String, Object> port = find(ctx.pathParam("port"));
        conductor.destroyPort((String) port.get("uuid"));
        ctx.status(204);
    }

    private void checkValues(Map<String, Object> values) {
        if (values.get("address") != null) {
            values.put("address", Inputs.mac((String) values.get("address")));
        }
        if (values.get("local_link_connection") instanceof JsonNode llc && !llc.isEmpty()) {
            for (var it = llc.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!LINK_KEYS.contains(k)) {
                    throw FerrumException.invalid("Invalid local_link_connection: unknown key '%s'; allowed keys are %s.",
                            k, String.join(", ", LINK_KEYS.stream().sorted().toList()));
                }
            }
            boolean unmanaged = "unmanaged".equals(llc.path("network_type").asText());
            if (!unmanaged && (!llc.has("port_id") || !llc.has("switch_id"))) {
                throw FerrumException.invalid("Invalid local_link_connection: 'port_id' and 'switch_id' are required.");
            }
        }
    }
}
