package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import dev.ferrum.db.BiosStore;
import dev.ferrum.db.HistoryStore;
import dev.ferrum.db.Stores;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What the database holds about a node besides the node itself, read straight from the stores as Ironic's
 * API reads it: cached BIOS settings (/bios, API 1.40; registry attributes, detail and fields at 1.74),
 * the event history (/history, 1.78) and the inspection inventory (/inventory, 1.81).
 */
final class NodeRecordsController {
    private static final List<String> BIOS_DEFAULT = List.of("name", "value");
    private static final Map<String, Function<BiosStore.Setting, Object>> BIOS_FIELDS = biosFields();
    private static final List<String> HISTORY_STANDARD = List.of("uuid", "created_at", "severity", "event");
    private static final List<String> HISTORY_DETAIL = List.of("uuid", "created_at", "severity", "event_type", "event",
            "conductor", "user");
    private static final int EVENT_SHOWN = 255;
    private final NodesController nodes;
    private final Stores stores;
    private final int maxLimit;

    NodeRecordsController(NodesController nodes, Stores stores, int maxLimit) {
        this.nodes = nodes;
        this.stores = stores;
        this.maxLimit = maxLimit;
    }

    void routes(RoutesConfig r) {
        r.get("/v1/nodes/{node}/bios", this::biosList);
        r.get("/v1/nodes/{node}/bios/{setting}", this::biosSetting);
        r.get("/v1/nodes/{node}/history", this::historyList);
        r.get("/v1/nodes/{node}/history/{event}", this::historyEvent);
        r.get("/v1/nodes/{node}/inventory", this::inventory);
    }

    // ---- BIOS ----------------------------------------------------------------------------------

    private void biosList(Context ctx) {
        Requests.requireVersion(ctx, 40);
        Args args = Args.query(ctx, Set.of("detail", "fields"));
        Boolean detail = args.bool("detail", false);
        String fieldsParam = args.string("fields", false);
        String ident = ctx.pathParam("node");
        Map<String, Object> node = nodes.find(ctx, ident);
        int minor = Requests.version(ctx);
        if (detail != null && minor < 74) {
            throw FerrumException.invalid("Invalid query parameter ?detail=%s received.", detail ? "True" : "False");
        }
        List<String> fields = fieldsParam == null ? null
                : Arrays.stream(fieldsParam.split(",")).map(String::strip).filter(f -> !f.isEmpty()).toList();
        if (fields != null && minor < 74) {
            throw FerrumException.invalid("Invalid query parameter ?fields=[%s] received.",
                    String.join(", ", fields.stream().map(f -> "'" + f + "'").toList()));
        }
        if (fields != null && Boolean.TRUE.equals(detail)) {
            throw FerrumException.invalid("Can not specify ?detail=True and fields in the same request.");
        }
        if (fields != null) {
            List<String> bad = fields.stream().filter(f -> !BIOS_FIELDS.containsKey(f)).toList();
            if (!bad.isEmpty()) {
                throw FerrumException.invalid("Field(s) \"%s\" are not valid", String.join(", ", bad));
            }
        }
        List<String> shown = Boolean.TRUE.equals(detail) ? List.copyOf(BIOS_FIELDS.keySet()) : fields != null ? fields : BIOS_DEFAULT;
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("bios");
        for (BiosStore.Setting s : stores.bios.settings((String) node.get("uuid"))) {
            list.add(bios(ctx, s, ident, shown));
        }
        Requests.json(ctx, out);
    }

    private void biosSetting(Context ctx) {
        Requests.requireVersion(ctx, 40);
        Args.query(ctx, Set.of());
        String name = ctx.pathParam("setting");
        if (!Inputs.isLogicalName(name)) {
            throw FerrumException.invalid("Expected name for setting_name: %s", name);
        }
        String uuid = (String) nodes.find(ctx, ctx.pathParam("node")).get("uuid");
        BiosStore.Setting s = stores.bios.setting(uuid, name)
                .orElseThrow(() -> FerrumException.notFound("Node %s doesn't have a BIOS setting '%s'", uuid, name));
        List<String> shown = Requests.version(ctx) >= 74 ? List.copyOf(BIOS_FIELDS.keySet()) : BIOS_DEFAULT;
        ObjectNode out = Json.object();
        out.set(name, bios(ctx, s, uuid, shown));
        Requests.json(ctx, out);
    }

    /** created_at and updated_at always, then the shown fields, then links to /nodes/{node}/bios/{name}. */
    private static ObjectNode bios(Context ctx, BiosStore.Setting s, String node, List<String> fields) {
        ObjectNode n = Json.object();
        n.set("created_at", time(s.createdAt()));
        n.set("updated_at", time(s.updatedAt()));
        for (String f : fields) {
            n.set(f, Json.MAPPER.valueToTree(BIOS_FIELDS.get(f).apply(s)));
        }
        n.set("links", Links.of(Requests.base(ctx), "nodes/" + node + "/bios/" + s.name()));
        return n;
    }

    private static Map<String, Function<BiosStore.Setting, Object>> biosFields() {
        Map<String, Function<BiosStore.Setting, Object>> m = new LinkedHashMap<>();
        m.put("name", BiosStore.Setting::name);
        m.put("value", BiosStore.Setting::value);
        m.put("attribute_type", BiosStore.Setting::attributeType);
        m.put("allowable_values", s -> s.allowableValues() == null || s.allowableValues().isNull() ? List.of() : s.allowableValues());
        m.put("lower_bound", BiosStore.Setting::lowerBound);
        m.put("max_length", BiosStore.Setting::maxLength);
        m.put("min_length", BiosStore.Setting::minLength);
        m.put("read_only", BiosStore.Setting::readOnly);
        m.put("reset_required", BiosStore.Setting::resetRequired);
        m.put("unique", BiosStore.Setting::unique);
        m.put("upper_bound", BiosStore.Setting::upperBound);
        return m;
    }

    // ---- history -------------------------------------------------------------------------------

    private void historyList(Context ctx) {
        Requests.requireVersion(ctx, 78);
        Args args = Args.query(ctx, Set.of("detail", "marker", "limit"));
        boolean detail = Boolean.TRUE.equals(args.bool("detail", false));
        String markerUuid = args.uuid("marker");
        Integer limitParam = args.integer("limit");
        String ident = ctx.pathParam("node");
        String uuid = (String) nodes.find(ctx, ident).get("uuid");
        Long after = null;
        if (markerUuid != null) {
            after = stores.history.get(markerUuid).map(HistoryStore.Entry::id).orElseThrow(() -> eventNotFound(markerUuid));
        }
        if (limitParam != null && limitParam <= 0) {
            throw FerrumException.invalid("Limit must be positive");
        }
        int limit = limitParam == null ? maxLimit : Math.min(limitParam, maxLimit);
        List<HistoryStore.Entry> events = stores.history.page(uuid, after, limit);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("history");
        events.forEach(e -> list.add(event(ctx, e, uuid, detail)));
        if (!events.isEmpty() && events.size() == limit) {
            out.put("next", Requests.base(ctx) + "/v1/nodes/" + ident + "/history?" + (detail ? "detail=True&" : "")
                    + "limit=" + limit + "&marker=" + events.getLast().uuid());
        }
        Requests.json(ctx, out);
    }

    private void historyEvent(Context ctx) {
        Requests.requireVersion(ctx, 78);
        Args.query(ctx, Set.of());
        String event = Args.uuidOrName("event", ctx.pathParam("event"));
        String uuid = (String) nodes.find(ctx, ctx.pathParam("node")).get("uuid");
        String wanted = Inputs.isUuid(event) ? Inputs.uuid(event) : event;
        HistoryStore.Entry e = stores.history.get(wanted).filter(x -> uuid.equals(x.nodeUuid()))
                .orElseThrow(() -> eventNotFound(event));
        Requests.json(ctx, event(ctx, e, uuid, true));
    }

    /** An event; the list's short form cuts long event texts to 255 characters. Links: self only, as Ironic. */
    private static ObjectNode event(Context ctx, HistoryStore.Entry e, String nodeUuid, boolean detail) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("uuid", e.uuid());
        values.put("created_at", e.createdAt());
        values.put("severity", e.severity());
        values.put("event_type", e.eventType());
        String text = e.event() == null ? "" : e.event();
        values.put("event", detail || text.length() <= EVENT_SHOWN ? text : text.substring(0, EVENT_SHOWN - 4) + "...");
        values.put("conductor", e.conductor());
        values.put("user", e.user());
        ObjectNode n = Json.object();
        for (String f : detail ? HISTORY_DETAIL : HISTORY_STANDARD) {
            Object v = values.get(f);
            n.set(f, v instanceof LocalDateTime t ? time(t) : Json.MAPPER.valueToTree(v));
        }
        ArrayNode links = n.putArray("links");
        links.addObject().put("href", Requests.base(ctx) + "/v1/nodes/" + nodeUuid + "/history/" + e.uuid()).put("rel", "self");
        return n;
    }

    private static FerrumException eventNotFound(String event) {
        return FerrumException.notFound("Node history record %s could not be found.", event);
    }

    // ---- inventory -----------------------------------------------------------------------------

    private void inventory(Context ctx) {
        Requests.requireVersion(ctx, 81);
        Args.query(ctx, Set.of());
        String uuid = (String) nodes.find(ctx, ctx.pathParam("node")).get("uuid");
        var inv = stores.inventory.get(uuid)
                .orElseThrow(() -> FerrumException.notFound("Node inventory record for node %s could not be found.", uuid));
        ObjectNode out = Json.object();
        out.set("inventory", orEmpty(inv.inventory()));
        out.set("plugin_data", orEmpty(inv.pluginData()));
        Requests.json(ctx, out);
    }

    private static JsonNode orEmpty(JsonNode v) {
        return v == null || v.isNull() ? Json.object() : v;
    }

    private static JsonNode time(LocalDateTime t) {
        return t == null ? Json.MAPPER.nullNode() : Json.MAPPER.getNodeFactory().textNode(Views.timestamp(t));
    }
}
