package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.ferrum.common.Json;
import dev.ferrum.common.objects.Field;
import dev.ferrum.common.objects.ObjectSpec;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Renders stored rows as API objects for one microversion and field selection, secrets masked. */
public final class Views {
    public static final String MASK = "******";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    /** Fields whose nested keys may hold credentials. */
    private static final Set<String> SECRET_BEARING = Set.of("driver_info", "instance_info", "driver_internal_info");

    private Views() {
    }

    /**
     * @param fields the fields to show, or null for every field visible at {@code minor}
     */
    public static ObjectNode render(ObjectSpec spec, Map<String, Object> row, int minor, Set<String> fields) {
        return render(shown(spec, minor, fields), row);
    }

    /** The fields of {@code spec} shown at {@code minor} for this selection (null: all), in order: once per page. */
    static List<Field> shown(ObjectSpec spec, int minor, Set<String> fields) {
        List<Field> out = new ArrayList<>();
        for (Field f : spec.fields().values()) {
            if (f.since() <= minor && (fields == null || fields.contains(f.name()))) {
                out.add(f);
            }
        }
        return out;
    }

    /** Renders the {@link #shown} fields that {@code row} has. */
    static ObjectNode render(List<Field> shown, Map<String, Object> row) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Field f : shown) {
            Object v = row.get(f.name());
            if (v != null || row.containsKey(f.name())) {
                out.set(f.name(), value(f.name(), v));
            }
        }
        return out;
    }

    static JsonNode value(String field, Object v) {
        JsonNodeFactory n = JsonNodeFactory.instance;
        return switch (v) {
            case null -> n.nullNode();
            case String s -> n.textNode(s);
            case Boolean b -> n.booleanNode(b);
            case Integer i -> n.numberNode(i);
            case Long l -> n.numberNode(l);
            case LocalDateTime t -> n.textNode(timestamp(t));
            case JsonNode j -> SECRET_BEARING.contains(field) ? mask(j) : j;
            case Json.Stored st -> SECRET_BEARING.contains(field) && mayHoldSecret(st.text())
                    ? mask(Json.parseStored(st.text())) : n.rawValueNode(new RawValue(st.text()));
            case Collection<?> c -> {
                ArrayNode a = n.arrayNode(c.size());
                c.forEach(x -> a.add(value(field, x)));
                yield a;
            }
            default -> n.textNode(v.toString());
        };
    }

    /** Python's isoformat() with the UTC offset, as Ironic prints timestamps. */
    public static String timestamp(LocalDateTime t) {
        return (t.getNano() == 0 ? SECONDS : MICROS).format(t) + "+00:00";
    }

    /** Replaces the values of credential-like keys, at any depth, with {@value #MASK}. */
    public static JsonNode mask(JsonNode node) {
        if (node == null || !node.isContainerNode()) {
            return node;
        }
        JsonNode copy = null;
        if (node.isObject()) {
            var it = node.properties().iterator();
            while (it.hasNext()) {
                var e = it.next();
                JsonNode masked = isSecret(e.getKey()) && !e.getValue().isNull()
                        ? JsonNodeFactory.instance.textNode(MASK) : mask(e.getValue());
                if (masked != e.getValue()) {
                    if (copy == null) {
                        copy = node.deepCopy();
                    }
                    ((ObjectNode) copy).set(e.getKey(), masked);
                }
            }
        } else {
            for (int i = 0; i < node.size(); i++) {
                JsonNode masked = mask(node.get(i));
                if (masked != node.get(i)) {
                    if (copy == null) {
                        copy = node.deepCopy();
                    }
                    ((ArrayNode) copy).set(i, masked);
                }
            }
        }
        return copy == null ? node : copy;
    }

    /** False only when no key of the JSON text can be a secret ({@link #isSecret}); true may be a false alarm. */
    static boolean mayHoldSecret(String json) {
        String t = json.toLowerCase(Locale.ROOT);
        return t.contains("pass") || t.contains("secret") || t.contains("token") || t.contains("_key")
                || t.contains("configdrive");
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("passwd") || k.contains("secret") || k.contains("token")
                || k.contains("passphrase") || k.endsWith("_key") || k.equals("configdrive");
    }
}
