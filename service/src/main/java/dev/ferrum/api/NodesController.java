package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.HashRing;
import dev.ferrum.common.States;
import dev.ferrum.common.objects.Objects;
import dev.ferrum.db.Condition;
import dev.ferrum.db.Stores;
import dev.ferrum.rpc.ConductorApi;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** /v1/nodes: create, list, detail, show (UUID or name), JSON Patch update, delete. */
final class NodesController {
    private static final Pattern GROUP = Pattern.compile("^[a-zA-Z0-9_\\-.:]*$");
    private static final Set<String> FILTERS = Set.of("chassis_uuid", "instance_uuid", "associated", "maintenance", "retired",
            "provision_state", "driver", "resource_class", "fault", "conductor_group", "conductor", "owner", "lessee", "project",
            "description_contains", "shard", "sharded");
    private final Stores stores;
    private final ConductorApi conductor;
    private final NodeViews views;
    private final Conductors conductors;
    private final int maxLimit;
    private final String defaultResourceClass;

    NodesController(Stores stores, ConductorApi conductor, NodeViews views, Conductors conductors, int maxLimit,
                    String defaultResourceClass) {
        this.conductors = conductors;
        this.stores = stores;
        this.conductor = conductor;
        this.views = views;
        this.maxLimit = maxLimit;
        this.defaultResourceClass = defaultResourceClass.isEmpty() ? null : defaultResourceClass;
    }

    void routes(RoutesConfig r) {
        r.get("/v1/nodes", ctx -> list(ctx, false));
        r.get("/v1/nodes/detail", ctx -> list(ctx, true));
        r.post("/v1/nodes", this::create);
        r.get("/v1/nodes/{node}", this::show);
        r.patch("/v1/nodes/{node}", this::update);
        r.delete("/v1/nodes/{node}", this::delete);
        r.get("/v1/nodes/{node}/states", this::states);
    }

    Map<String, Object> find(Context ctx, String ident) {
        return NodeLookup.byIdent(stores.nodes, ident, Requests.version(ctx), 5);
    }

    private void list(Context ctx, boolean detailEndpoint) {
        int minor = Requests.version(ctx);
        String conductorName = Requests.queryParam(ctx, "conductor", 49);
        Predicate<Map<String, Object>> keep = null;
        if (conductorName != null) {
            HashRing ring = conductors.ring();
            keep = row -> conductorName.equals(ring.owner((String) row.get("uuid"), (String) row.get("driver"),
                    (String) row.get("conductor_group")).orElse(null));
        }
        list(ctx, detailEndpoint, new Collections.Selection(filters(ctx, minor), FILTERS, keep),
                detailEndpoint ? "nodes/detail" : "nodes");
    }

    /** Lists the selected nodes; shared with the chassis' node listing. */
    void list(Context ctx, boolean detailEndpoint, Collections.Selection sel, String path) {
        Collections.list(ctx, stores.nodes, maxLimit, detailEndpoint, sel,
                m -> NodeLookup.viewByIdent(stores.nodes, m, Requests.version(ctx), 5), "nodes", path,
                (c, rows, p) -> views.render(c, rows, p.shownFields(Objects.NODE), p.detail()),
                p -> Objects.NODE.columnsFor(p.shownFields(Objects.NODE), "uuid"));
    }

    private List<Condition> filters(Context ctx, int minor) {
        List<Condition> where = new ArrayList<>();
        String v;
        if ((v = ctx.queryParam("chassis_uuid")) != null) {
            String chassis = Inputs.uuid(v);
            if (stores.chassis.get("uuid", chassis).isEmpty()) {
                throw FerrumException.notFound("Chassis %s could not be found.", v);
            }
            where.add(new Condition.Eq("chassis_uuid", chassis));
        }
        if ((v = ctx.queryParam("instance_uuid")) != null) {
            where.add(new Condition.Eq("instance_uuid", Inputs.uuid(v)));
        }
        if ((v = ctx.queryParam("associated")) != null) {
            where.add(new Condition.IsNull("instance_uuid", !Inputs.boolParam("associated", v)));
        }
        if ((v = ctx.queryParam("maintenance")) != null) {
            where.add(new Condition.Eq("maintenance", Inputs.boolParam("maintenance", v)));
        }
        if ((v = Requests.queryParam(ctx, "retired", 61)) != null) {
            where.add(new Condition.Eq("retired", Inputs.boolParam("retired", v)));
        }
        if ((v = Requests.queryParam(ctx, "provision_state", 9)) != null) {
            if (!States.ALL.contains(v)) {
                throw FerrumException.invalid("Provision state \"%s\" is not valid", v);
            }
            where.add(new Condition.Eq("provision_state", v));
        }
        eq(ctx, where, "driver", 16);
        eq(ctx, where, "resource_class", 21);
        if ((v = Requests.queryParam(ctx, "fault", 42)) != null) {
            if (!States.FAULTS.contains(v)) {
                throw FerrumException.invalid("Unrecognized fault \"%s\" is specified, allowed faults are: %s", v,
                        String.join(", ", States.FAULTS.stream().sorted().toList()));
            }
            where.add(new Condition.Eq("fault", v));
        }
        if ((v = Requests.queryParam(ctx, "conductor_group", 46)) != null) {
            where.add(new Condition.Eq("conductor_group", v.toLowerCase(Locale.ROOT)));
        }
        eq(ctx, where, "owner", 50);
        eq(ctx, where, "lessee", 65);
        if ((v = Requests.queryParam(ctx, "project", 65)) != null) {
            where.add(new Condition.Sql("owner = ? OR lessee = ?", List.of(v, v)));
        }
        if ((v = Requests.queryParam(ctx, "description_contains", 51)) != null) {
            where.add(new Condition.Contains("description", v));
        }
        if ((v = Requests.queryParam(ctx, "shard", 82)) != null) {
            where.add(new Condition.In("shard", Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()));
        }
        if ((v = Requests.queryParam(ctx, "sharded", 82)) != null) {
            where.add(new Condition.IsNull("shard", !Inputs.boolParam("sharded", v)));
        }
        return where;
    }

    private static void eq(Context ctx, List<Condition> where, String param, int since) {
        String v = Requests.queryParam(ctx, param, since);
        if (v != null) {
            where.add(new Condition.Eq(param, v));
        }
    }

    private void show(Context ctx) {
        Set<String> fields = Listing.showFields(ctx, Objects.NODE);
        Map<String, Object> node = NodeLookup.viewByIdent(stores.nodes, ctx.pathParam("node"), Requests.version(ctx), 5);
        Requests.json(ctx, views.render(ctx, List.of(node), fields, true).getFirst());
    }

    private void create(Context ctx) {
        int minor = Requests.version(ctx);
        JsonNode body = Requests.body(ctx);
        Map<String, Object> values = Inputs.forCreate(Objects.NODE, body, minor);
        if (values.get("driver") == null) {
            throw FerrumException.invalid("'driver' is a required property");
        }
        checkValues(values);
        values.putIfAbsent("resource_class", defaultResourceClass);
        Objects.NODE.withDefaults(values);
        requireConductor((String) values.get("driver"), (String) values.get("conductor_group"));
        values.put("provision_state", minor >= 11 ? States.ENROLL : States.AVAILABLE);
        values.put("power_state", null);
        Map<String, Object> node = conductor.createNode(values);
        ctx.status(201).header("Location", Requests.base(ctx) + "/v1/nodes/" + node.get("uuid"));
        Requests.json(ctx, views.render(ctx, List.of(node), null, true).getFirst());
    }

    private void update(Context ctx) {
        Listing.allowOnly(ctx, Set.of("reset_interfaces"));
        int minor = Requests.version(ctx);
        String reset = Requests.queryParam(ctx, "reset_interfaces", 45);
        Map<String, Object> node = find(ctx, ctx.pathParam("node"));
        ObjectNode doc = Views.render(Objects.NODE, node, minor, null);
        node.forEach((k, val) -> {
            if (val instanceof JsonNode j && doc.has(k)) {
                doc.set(k, j); // unmasked, so patches of other keys keep secrets intact
            }
        });
        Map<String, Object> changes = JsonPatches.apply(Objects.NODE, doc, Requests.body(ctx), minor, Set.of("driver"));
        checkValues(changes);
        checkAllocationOwner(node, changes);
        if (changes.containsKey("driver") || changes.containsKey("conductor_group")) {
            requireConductor((String) changes.getOrDefault("driver", node.get("driver")),
                    (String) changes.getOrDefault("conductor_group", node.get("conductor_group")));
        }
        boolean resetInterfaces = reset != null && Inputs.boolParam("reset_interfaces", reset);
        if (resetInterfaces && !changes.containsKey("driver")) {
            throw FerrumException.invalid("The reset_interfaces parameter can only be used when changing the node's driver.");
        }
        Map<String, Object> updated = changes.isEmpty() ? node
                : conductor.updateNode((String) node.get("uuid"), changes, resetInterfaces);
        Requests.json(ctx, views.render(ctx, List.of(updated), null, true).getFirst());
    }

    private void delete(Context ctx) {
        Map<String, Object> node = find(ctx, ctx.pathParam("node"));
        conductor.destroyNode((String) node.get("uuid"));
        ctx.status(204);
    }

    private void states(Context ctx) {
        int minor = Requests.version(ctx);
        Map<String, Object> node = find(ctx, ctx.pathParam("node"));
        ObjectNode out = Views.render(Objects.NODE, node, minor, Set.of("power_state", "target_power_state",
                "provision_state", "target_provision_state", "provision_updated_at", "last_error",
                "console_enabled", "raid_config", "target_raid_config", "boot_mode", "secure_boot"));
        Requests.json(ctx, out);
    }

    /** Ironic's "No valid host": no alive conductor of the node's group serves its hardware type. */
    private void requireConductor(String driver, String group) {
        String g = group == null ? "" : group;
        if (!conductors.ring().serves(driver, g)) {
            throw FerrumException.invalid("No valid host was found. Reason: No conductor service registered which supports "
                    + "driver %s for conductor group \"%s\".", driver, g);
        }
    }

    /** As Ironic: a node given to an allocation of some project keeps its owner while the allocation lasts. */
    private void checkAllocationOwner(Map<String, Object> node, Map<String, Object> changes) {
        Object allocation = node.get("allocation_uuid");
        if (changes.containsKey("owner") && allocation != null
                && stores.allocations.get("uuid", allocation).map(a -> a.get("owner") != null).orElse(false)) {
            throw FerrumException.conflict("Cannot update owner of node \"%s\" while it is allocated to an allocation with an owner.",
                    node.get("uuid"));
        }
    }

    /** Checks the values of a create or patch beyond their JSON types. */
    private void checkValues(Map<String, Object> values) {
        Object name = values.get("name");
        if (name != null) {
            String n = Inputs.logicalName("node", (String) name);
            if (Inputs.isUuid(n)) {
                throw FerrumException.invalid("Cannot use a UUID-like value '%s' as a node name.", n);
            }
        }
        Object group = values.get("conductor_group");
        if (group != null) {
            if (!GROUP.matcher((String) group).matches()) {
                throw FerrumException.invalid("Invalid conductor group '%s': only letters, digits, '_', '-', '.' and ':' are allowed.", group);
            }
            values.put("conductor_group", ((String) group).toLowerCase(Locale.ROOT));
        }
        Object chassis = values.get("chassis_uuid");
        if (chassis != null && stores.chassis.get("uuid", chassis).isEmpty()) {
            throw FerrumException.invalid("Chassis %s could not be found.", chassis);
        }
    }
}
