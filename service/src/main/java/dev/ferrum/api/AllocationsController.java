package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Traits;
import dev.ferrum.common.objects.ObjectSpec;
import dev.ferrum.common.objects.Objects;
import dev.ferrum.db.Condition;
import dev.ferrum.db.ListQuery;
import dev.ferrum.db.Stores;
import dev.ferrum.rpc.ConductorApi;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.MethodNotAllowedResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/** /v1/allocations (1.52; PATCH 1.57, backfilling 1.58, owner 1.60) and a node's allocation. */
final class AllocationsController {
    private static final ObjectSpec SPEC = Objects.ALLOCATION;
    private static final int SINCE = 52;
    private static final Set<String> FILTERS = Set.of("node", "resource_class", "state", "owner");
    private final Stores stores;
    private final ConductorApi conductor;
    private final NodesController nodes;
    private final int maxLimit;

    AllocationsController(Stores stores, ConductorApi conductor, NodesController nodes, int maxLimit) {
        this.stores = stores;
        this.conductor = conductor;
        this.nodes = nodes;
        this.maxLimit = maxLimit;
    }

    void routes(RoutesConfig r) {
        r.get("/v1/allocations", this::list);
        r.post("/v1/allocations", this::create);
        r.get("/v1/allocations/{allocation}", this::show);
        r.patch("/v1/allocations/{allocation}", this::update);
        r.delete("/v1/allocations/{allocation}", this::delete);
        r.get("/v1/nodes/{node}/allocation", this::showOfNode);
        r.delete("/v1/nodes/{node}/allocation", this::deleteOfNode);
    }

    /** Before 1.52 allocations do not exist: reads are 404, writes 405, as Ironic's router answers. */
    private static void requireAllocations(Context ctx, boolean write) {
        if (Requests.version(ctx) < SINCE) {
            if (write) {
                throw new MethodNotAllowedResponse();
            }
            Requests.requireVersion(ctx, SINCE);
        }
    }

    private void list(Context ctx) {
        requireAllocations(ctx, false);
        Set<String> allowed = new HashSet<>(Listing.PAGING);
        allowed.addAll(FILTERS);
        allowed.add("fields");
        Listing.allowOnly(ctx, allowed); // allocations take no detail parameter
        Collections.list(ctx, stores.allocations, maxLimit, false, new Collections.Selection(filters(ctx), FILTERS, null),
                this::byUuid, "allocations", "allocations",
                (c, rows, p) -> Collections.simple(c, SPEC, "allocations", rows, p.fields(), true, List.of()));
    }

    private List<Condition> filters(Context ctx) {
        List<Condition> where = new ArrayList<>();
        String v;
        if ((v = ctx.queryParam("node")) != null) {
            where.add(new Condition.Eq("node_uuid", nodeForRequest(ctx, v).get("uuid")));
        }
        if ((v = ctx.queryParam("resource_class")) != null) {
            where.add(new Condition.Eq("resource_class", v));
        }
        if ((v = ctx.queryParam("state")) != null) {
            where.add(new Condition.Eq("state", v));
        }
        if ((v = Requests.queryParam(ctx, "owner", 60)) != null) {
            where.add(new Condition.Eq("owner", v));
        }
        return where;
    }

    private Map<String, Object> byUuid(String marker) {
        return stores.allocations.get("uuid", Inputs.uuid(marker))
                .orElseThrow(() -> FerrumException.notFound("Allocation %s could not be found.", marker));
    }

    private Map<String, Object> find(Context ctx, String ident) {
        return NodeLookup.byIdent(stores.allocations, ident, Requests.version(ctx), SINCE);
    }

    /** A node named in a request body or filter: a missing node is the request's fault (400), as in Ironic. */
    private Map<String, Object> nodeForRequest(Context ctx, String ident) {
        try {
            return nodes.find(ctx, ident);
        } catch (FerrumException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw FerrumException.invalid(e.getMessage());
            }
            throw e;
        }
    }

    private ObjectNode render(Context ctx, Map<String, Object> row, Set<String> fields) {
        return Collections.simple(ctx, SPEC, "allocations", List.of(row), fields, true, List.of()).getFirst();
    }

    private void show(Context ctx) {
        requireAllocations(ctx, false);
        Set<String> fields = Listing.showFields(ctx, SPEC);
        Requests.json(ctx, render(ctx, find(ctx, ctx.pathParam("allocation")), fields));
    }

    private void create(Context ctx) {
        requireAllocations(ctx, true);
        int minor = Requests.version(ctx);
        JsonNode body = Requests.body(ctx);
        JsonNode nodeIdent = null;
        if (body instanceof ObjectNode o) {
            body = o.deepCopy();
            nodeIdent = ((ObjectNode) body).remove("node");
        }
        Map<String, Object> values = Inputs.forCreate(SPEC, body, minor);
        for (String listOrObject : List.of("traits", "candidate_nodes", "extra")) {
            values.remove(listOrObject, null); // null means empty, as in Ironic
        }
        checkTraits(values.get("traits"));
        List<String> candidates = strings("candidate_nodes", values.get("candidate_nodes"));
        if (values.get("name") instanceof String name && !name.isEmpty() && !Inputs.isLogicalName(name)) {
            throw FerrumException.invalid("Cannot create allocation with invalid name '%s'", name);
        }
        Map<String, Object> node = null;
        if (nodeIdent != null && !nodeIdent.isNull()) {
            if (!nodeIdent.isTextual()) {
                throw FerrumException.invalid("Invalid input for field/attribute node. Value: %s. It must be a string.", nodeIdent);
            }
            if (minor < 58) {
                throw FerrumException.invalid("Cannot set node when creating an allocation in this API version");
            }
            node = nodeForRequest(ctx, nodeIdent.textValue());
        }
        if (values.get("resource_class") == null || "".equals(values.get("resource_class"))) {
            if (node == null) {
                throw FerrumException.invalid("The resource_class field is mandatory when not backfilling");
            }
            values.put("resource_class", node.get("resource_class"));
        }
        if (!candidates.isEmpty()) {
            values.put("candidate_nodes", JsonNodeFactory.instance.arrayNode()
                    .addAll(resolveNodes(candidates).stream().map(TextNode::valueOf).toList()));
        }
        if (values.get("uuid") == null) {
            // A backfill without a UUID takes the instance UUID the node already has.
            values.put("uuid", node != null && node.get("instance_uuid") != null ? node.get("instance_uuid") : UUID.randomUUID().toString());
        }
        values.put("node_uuid", node == null ? null : node.get("uuid"));
        Map<String, Object> allocation = conductor.createAllocation(SPEC.withDefaults(values));
        ctx.status(201).header("Location", Requests.base(ctx) + "/v1/allocations/" + allocation.get("uuid"));
        Requests.json(ctx, render(ctx, allocation, null));
    }

    private void update(Context ctx) {
        requireAllocations(ctx, true);
        int minor = Requests.version(ctx);
        if (minor < 57) {
            throw new FerrumException(ErrorCode.METHOD_NOT_ALLOWED, "The API version does not allow updating allocations");
        }
        Map<String, Object> allocation = find(ctx, ctx.pathParam("allocation"));
        ObjectNode doc = Views.render(SPEC, allocation, minor, null);
        Map<String, Object> changes = JsonPatches.apply(SPEC, doc, Requests.body(ctx), minor, Set.of());
        if (changes.get("name") instanceof String name && !name.isEmpty() && !Inputs.isLogicalName(name)) {
            throw FerrumException.invalid("Cannot update allocation with invalid name '%s'", name);
        }
        String uuid = (String) allocation.get("uuid");
        Map<String, Object> updated = changes.isEmpty() ? allocation : stores.allocations.update(uuid, changes)
                .orElseThrow(() -> FerrumException.notFound("Allocation %s could not be found.", uuid));
        Requests.json(ctx, render(ctx, updated, null));
    }

    private void delete(Context ctx) {
        requireAllocations(ctx, true);
        conductor.destroyAllocation((String) find(ctx, ctx.pathParam("allocation")).get("uuid"));
        ctx.status(204);
    }

    private void showOfNode(Context ctx) {
        Requests.requireVersion(ctx, SINCE);
        Set<String> fields = Listing.showFields(ctx, SPEC);
        String ident = ctx.pathParam("node");
        Requests.json(ctx, render(ctx, allocationOf(ident, nodeForRequest(ctx, ident)), fields));
    }

    private void deleteOfNode(Context ctx) {
        Requests.requireVersion(ctx, SINCE);
        String ident = ctx.pathParam("node");
        conductor.destroyAllocation((String) allocationOf(ident, nodes.find(ctx, ident)).get("uuid"));
        ctx.status(204);
    }

    private Map<String, Object> allocationOf(String ident, Map<String, Object> node) {
        return stores.allocations.list(new ListQuery(List.of(new Condition.Eq("node_uuid", node.get("uuid"))), "id", false, 1, null))
                .stream().findFirst()
                .orElseThrow(() -> FerrumException.notFound("Allocation for node %s was not found", ident));
    }

    /** Candidate node names and UUIDs → UUIDs, in the order given; every one must exist. */
    private List<String> resolveNodes(List<String> idents) {
        Set<String> invalid = new TreeSet<>();
        List<String> uuids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String i : idents) {
            if (Inputs.isUuid(i)) {
                uuids.add(Inputs.uuid(i));
            } else if (Inputs.isLogicalName(i)) {
                names.add(i);
            } else {
                invalid.add(i);
            }
        }
        if (!invalid.isEmpty()) {
            throw FerrumException.invalid("Nodes cannot be found: %s", String.join(", ", invalid));
        }
        List<Condition> where = List.of(new Condition.Sql(
                (uuids.isEmpty() ? "1 = 0" : "uuid IN (" + String.join(", ", uuids.stream().map(u -> "?").toList()) + ")")
                        + (names.isEmpty() ? "" : " OR name IN (" + String.join(", ", names.stream().map(u -> "?").toList()) + ")"),
                Stream.concat(uuids.stream(), names.stream()).toList()));
        Map<String, String> found = new HashMap<>();
        for (Map<String, Object> n : stores.nodes.list(new ListQuery(where, "id", false, 0, null))) {
            found.put((String) n.get("uuid"), (String) n.get("uuid"));
            if (n.get("name") != null) {
                found.put((String) n.get("name"), (String) n.get("uuid"));
            }
        }
        List<String> out = new ArrayList<>();
        Set<String> missing = new TreeSet<>();
        for (String i : idents) {
            String key = Inputs.isUuid(i) ? Inputs.uuid(i) : i;
            if (found.containsKey(key)) {
                out.add(found.get(key));
            } else {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw FerrumException.invalid("Nodes cannot be found: %s", String.join(", ", missing));
        }
        return out;
    }

    private static void checkTraits(Object traits) {
        for (String t : strings("traits", traits)) {
            if (!Traits.isValid(t)) {
                throw FerrumException.invalid("Invalid trait '%s': a trait must be a standard trait or match %s.", t,
                        Traits.CUSTOM_PATTERN);
            }
        }
    }

    private static List<String> strings(String field, Object list) {
        List<String> out = new ArrayList<>();
        if (list instanceof JsonNode a) {
            for (JsonNode item : a) {
                if (!item.isTextual()) {
                    throw FerrumException.invalid("Invalid input for field/attribute %s. Value: %s. Every item must be a string.",
                            field, a);
                }
                out.add(item.textValue());
            }
        }
        return out;
    }
}
