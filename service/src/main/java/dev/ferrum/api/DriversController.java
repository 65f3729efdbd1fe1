package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import dev.ferrum.common.config.Options;
import dev.ferrum.drivers.DriverFactory;
import dev.ferrum.drivers.HardwareType;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** /v1/drivers: the hardware types that at least one alive conductor serves. */
final class DriversController {
    /** Microversion at which each interface type's default_/enabled_ fields appear in driver details. */
    private static final Map<String, Integer> INTERFACE_SINCE = Map.of("storage", 33, "rescue", 38, "bios", 40);
    /** Every field of a detailed driver document, for {@code fields=}. */
    private static final Set<String> FIELD_NAMES = fieldNames();
    private final DriverFactory drivers;
    private final Conductors conductors;

    DriversController(DriverFactory drivers, Conductors conductors) {
        this.drivers = drivers;
        this.conductors = conductors;
    }

    void routes(RoutesConfig r) {
        r.get("/v1/drivers", this::list);
        r.get("/v1/drivers/{driver}", this::show);
        r.get("/v1/drivers/{driver}/properties", this::properties);
    }

    /** hardware type → sorted hostnames of alive conductors serving it. */
    private Map<String, List<String>> hosts() {
        Map<String, TreeSet<String>> hosts = new TreeMap<>();
        for (Map<String, Object> c : conductors.list()) {
            if (Boolean.TRUE.equals(c.get("alive"))) {
                for (JsonNode d : (JsonNode) c.get("drivers")) {
                    hosts.computeIfAbsent(d.asText(), k -> new TreeSet<>()).add((String) c.get("hostname"));
                }
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        hosts.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    private void list(Context ctx) {
        int minor = Requests.version(ctx);
        String type = Requests.queryParam(ctx, "type", 30);
        if (type != null && !type.equals("classic") && !type.equals("dynamic")) {
            throw FerrumException.invalid("Invalid driver type '%s'; it must be 'classic' or 'dynamic'.", type);
        }
        Listing.allowOnly(ctx, Set.of("type", "detail", "fields"));
        String d = Requests.queryParam(ctx, "detail", 30);
        boolean detail = d != null && Inputs.boolParam("detail", d);
        Set<String> fields = fields(ctx);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("drivers");
        if (!"classic".equals(type)) {
            hosts().forEach((name, hosts) -> drivers.hardwareType(name)
                    .ifPresent(h -> items.add(select(render(ctx, h, hosts, minor, detail || fields != null), fields))));
        }
        Requests.json(ctx, out);
    }

    private HardwareType find(String name, Map<String, List<String>> hosts) {
        return drivers.hardwareType(name).filter(h -> hosts.containsKey(name))
                .orElseThrow(() -> FerrumException.notFound("Could not find the following driver(s) or hardware type(s): %s.", name));
    }

    private void show(Context ctx) {
        Map<String, List<String>> hosts = hosts();
        Listing.allowOnly(ctx, Set.of("fields"));
        HardwareType h = find(ctx.pathParam("driver"), hosts);
        Requests.json(ctx, select(render(ctx, h, hosts.get(h.name()), Requests.version(ctx), true), fields(ctx)));
    }

    private void properties(Context ctx) {
        HardwareType h = find(ctx.pathParam("driver"), hosts());
        Requests.json(ctx, new TreeMap<>(h.properties()));
    }

    /** {@code fields=} on drivers (API 1.77); the names are those of the detailed driver document. */
    private static Set<String> fields(Context ctx) {
        String fs = Requests.queryParam(ctx, "fields", 77);
        if (fs == null) {
            return null;
        }
        Set<String> fields = new java.util.LinkedHashSet<>(List.of(fs.split(",")));
        fields.removeIf(String::isBlank);
        List<String> bad = fields.stream().filter(f -> !FIELD_NAMES.contains(f)).toList();
        if (!bad.isEmpty()) {
            throw FerrumException.invalid("Field(s) \"%s\" are not valid", String.join(", ", bad));
        }
        return fields;
    }

    private static Set<String> fieldNames() {
        Set<String> names = new java.util.HashSet<>(Set.of("name", "hosts", "type", "links", "properties"));
        for (String t : Options.INTERFACE_TYPES) {
            names.add("default_" + t + "_interface");
            names.add("enabled_" + t + "_interfaces");
        }
        return Set.copyOf(names);
    }

    private static ObjectNode select(ObjectNode driver, Set<String> fields) {
        if (fields != null) {
            driver.retain(fields);
        }
        return driver;
    }

    private ObjectNode render(Context ctx, HardwareType h, List<String> hosts, int minor, boolean detail) {
        String base = Requests.base(ctx);
        ObjectNode n = Json.object();
        n.put("name", h.name());
        ArrayNode hs = n.putArray("hosts");
        hosts.forEach(hs::add);
        if (minor >= 30) {
            n.put("type", "dynamic");
        }
        n.set("links", Links.of(base, "drivers", h.name()));
        if (minor >= 14) {
            n.set("properties", Links.of(base, "drivers/" + h.name() + "/properties"));
        }
        if (minor >= 30 && detail) {
            List<String> types = new ArrayList<>(Options.INTERFACE_TYPES);
            for (String t : types) {
                if (minor >= INTERFACE_SINCE.getOrDefault(t, 30)) {
                    n.put("default_" + t + "_interface", drivers.defaultFor(h, t));
                }
            }
            for (String t : types) {
                if (minor >= INTERFACE_SINCE.getOrDefault(t, 30)) {
                    ArrayNode a = n.putArray("enabled_" + t + "_interfaces");
                    drivers.enabledFor(h, t).forEach(a::add);
                }
            }
        }
        return n;
    }
}
