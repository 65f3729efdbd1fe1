package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.objects.ObjectSpec;
import dev.ferrum.db.Condition;
import dev.ferrum.db.ObjectStore;
import dev.ferrum.db.Stores;
import dev.ferrum.rpc.ConductorApi;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * {@code /v1/volume/connectors} or {@code /v1/volume/targets} (API 1.32+), and their listing under a node.
 * The two collections behave alike; {@link #connectors} and {@link #targets} say how they differ. Under a
 * node only the listing is allowed: anything else there is 403, as in Ironic.
 */
final class VolumeObjectsController {
    private static final Set<String> FILTERS = Set.of("node");
    private final String name;
    private final ObjectStore store;
    private final ObjectSpec spec;
    /** Fields a create must give; together with node_uuid they cannot be removed by a patch either. */
    private final List<String> required;
    private final Map<String, Integer> maxLength;
    /** Whether {@code properties} may hold credentials (a target's connection details do). */
    private final boolean maskProperties;
    private final UnaryOperator<Map<String, Object>> create;
    private final BiFunction<String, Map<String, Object>, Map<String, Object>> update;
    private final Consumer<String> destroy;
    private final Stores stores;
    private final NodesController nodes;
    private final int maxLimit;

    private VolumeObjectsController(String name, ObjectStore store, List<String> required, Map<String, Integer> maxLength,
                                   boolean maskProperties, UnaryOperator<Map<String, Object>> create,
                                   BiFunction<String, Map<String, Object>, Map<String, Object>> update, Consumer<String> destroy,
                                   Stores stores, NodesController nodes, int maxLimit) {
        this.name = name;
        this.store = store;
        this.spec = store.spec();
        this.required = required;
        this.maxLength = maxLength;
        this.maskProperties = maskProperties;
        this.create = create;
        this.update = update;
        this.destroy = destroy;
        this.stores = stores;
        this.nodes = nodes;
        this.maxLimit = maxLimit;
    }

    /** Column sizes are Ironic's; a longer value is a 400, never a database error. */
    static VolumeObjectsController connectors(Stores stores, ConductorApi conductor, NodesController nodes, int maxLimit) {
        return new VolumeObjectsController("connectors", stores.volumeConnectors, List.of("node_uuid", "type", "connector_id"),
                Map.of("type", 32, "connector_id", 255), false, conductor::createVolumeConnector,
                conductor::updateVolumeConnector, conductor::destroyVolumeConnector, stores, nodes, maxLimit);
    }

    static VolumeObjectsController targets(Stores stores, ConductorApi conductor, NodesController nodes, int maxLimit) {
        return new VolumeObjectsController("targets", stores.volumeTargets,
                List.of("node_uuid", "volume_type", "boot_index", "volume_id"), Map.of("volume_type", 64, "volume_id", 36), true,
                conductor::createVolumeTarget, conductor::updateVolumeTarget, conductor::destroyVolumeTarget, stores, nodes, maxLimit);
    }

    void routes(RoutesConfig r) {
        String top = "/v1/volume/" + name;
        r.get(top, ctx -> {
            Requests.requireVersion(ctx, VolumeController.SINCE);
            list(ctx, new Collections.Selection(filters(ctx), FILTERS, null), "volume/" + name);
        });
        r.post(top, ctx -> create(ctx, false));
        r.get(top + "/{ident}", ctx -> show(ctx, false));
        r.patch(top + "/{ident}", ctx -> update(ctx, false));
        r.delete(top + "/{ident}", ctx -> delete(ctx, false));
        String nested = "/v1/nodes/{node}/volume/" + name;
        r.get(nested, this::ofNode);
        r.post(nested, ctx -> create(ctx, true));
        r.get(nested + "/{ident}", ctx -> show(ctx, true));
        r.patch(nested + "/{ident}", ctx -> update(ctx, true));
        r.delete(nested + "/{ident}", ctx -> delete(ctx, true));
    }

    private void list(Context ctx, Collections.Selection sel, String path) {
        Collections.list(ctx, store, maxLimit, false, sel, this::find, name, path,
                (c, rows, p) -> render(c, rows, p.shownFields(spec)));
    }

    /**
     * A node's connectors or targets. The {@code node} parameter is accepted and, as in Ironic, the node in the
     * path wins. Unlike Ironic's, the next link stays under the node.
     */
    private void ofNode(Context ctx) {
        Requests.requireVersion(ctx, VolumeController.SINCE);
        String uuid = (String) nodes.find(ctx, ctx.pathParam("node")).get("uuid");
        list(ctx, new Collections.Selection(List.of(new Condition.Eq("node_uuid", uuid)), FILTERS, null),
                "nodes/" + uuid + "/volume/" + name);
    }

    private List<Condition> filters(Context ctx) {
        List<Condition> where = new ArrayList<>();
        String node = ctx.queryParam("node");
        if (node != null) {
            where.add(new Condition.Eq("node_uuid", nodes.find(ctx, node).get("uuid")));
        }
        return where;
    }

    private Map<String, Object> find(String ident) {
        return store.get("uuid", Inputs.uuid(ident))
                .orElseThrow(() -> FerrumException.notFound("%s %s could not be found.", spec.kind(), ident));
    }

    private List<ObjectNode> render(Context ctx, List<Map<String, Object>> rows, Set<String> fields) {
        List<ObjectNode> out = Collections.simple(ctx, spec, "volume/" + name, rows, fields, true, List.of());
        if (maskProperties) {
            out.stream().filter(n -> n.has("properties")).forEach(n -> n.set("properties", Views.mask(n.get("properties"))));
        }
        return out;
    }

    private ObjectNode render(Context ctx, Map<String, Object> row, Set<String> fields) {
        return render(ctx, List.of(row), fields).getFirst();
    }

    private void show(Context ctx, boolean underNode) {
        Requests.requireVersion(ctx, VolumeController.SINCE);
        Set<String> fields = Listing.showFields(ctx, spec);
        Map<String, Object> row = find(ctx.pathParam("ident"));
        refuseUnderNode(underNode);
        Requests.json(ctx, render(ctx, row, fields));
    }

    private void create(Context ctx, boolean underNode) {
        Requests.requireVersion(ctx, VolumeController.SINCE);
        Map<String, Object> values = Inputs.forCreate(spec, Requests.body(ctx), Requests.version(ctx));
        for (String field : required) {
            if (values.get(field) == null) {
                throw FerrumException.invalid("'%s' is a required property", field);
            }
        }
        checkLengths(values);
        if (underNode) {
            if (stores.nodes.get("uuid", values.get("node_uuid")).isEmpty()) {
                throw FerrumException.invalid("Node %s could not be found.", values.get("node_uuid"));
            }
            refuseUnderNode(true);
        }
        Map<String, Object> created = create.apply(spec.withDefaults(values));
        ctx.status(201).header("Location", Requests.base(ctx) + "/v1/volume/" + name + "/" + created.get("uuid"));
        Requests.json(ctx, render(ctx, created, null));
    }

    /** Every patch reaches the conductor, even an empty one: as in Ironic, it is refused unless the node is off. */
    private void update(Context ctx, boolean underNode) {
        Requests.requireVersion(ctx, VolumeController.SINCE);
        int minor = Requests.version(ctx);
        Map<String, Object> row = find(ctx.pathParam("ident"));
        refuseUnderNode(underNode);
        JsonNode patch = Requests.body(ctx);
        ObjectNode doc = Views.render(spec, row, minor, null);
        Map<String, Object> changes = JsonPatches.apply(spec, doc, patch, minor, new LinkedHashSet<>(required));
        refuseNulls(patch);
        checkLengths(changes);
        Requests.json(ctx, render(ctx, update.apply((String) row.get("uuid"), changes), null));
    }

    private void delete(Context ctx, boolean underNode) {
        Requests.requireVersion(ctx, VolumeController.SINCE);
        Map<String, Object> row = find(ctx.pathParam("ident"));
        refuseUnderNode(underNode);
        destroy.accept((String) row.get("uuid"));
        ctx.status(204);
    }

    private static void refuseUnderNode(boolean underNode) {
        if (underNode) {
            throw new FerrumException(ErrorCode.FORBIDDEN, "Operation not permitted: under a node, volume connectors and "
                    + "targets can only be listed; use /v1/volume/ instead.");
        }
    }

    /** A patch may not set a required attribute to null (JsonPatches would store its default instead). */
    private void refuseNulls(JsonNode patch) {
        for (JsonNode op : patch) {
            String path = op.path("path").asText("");
            if (op.path("value").isNull() && path.lastIndexOf('/') == 0 && required.contains(path.substring(1))) {
                throw FerrumException.invalid("'%s' is a required property", path.substring(1));
            }
        }
    }

    private void checkLengths(Map<String, Object> values) {
        maxLength.forEach((field, max) -> {
            if (values.get(field) instanceof String s && s.length() > max) {
                throw FerrumException.invalid("Invalid input for field/attribute %s. Value: '%s'. It is longer than %d characters.",
                        field, s, max);
            }
        });
    }
}
