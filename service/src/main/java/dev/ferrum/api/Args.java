package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.PyRepr;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A request's arguments as Ironic's action endpoints take them: the keys of a JSON object body and the
 * query parameters together, checked before anything else (unknown names, mandatory ones, types), with
 * Ironic's argument errors.
 */
final class Args {
    private static final Set<String> TRUE = Set.of("1", "t", "true", "on", "y", "yes");
    private static final Set<String> FALSE = Set.of("0", "f", "false", "off", "n", "no");
    private static final String ACCEPTABLE = "acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', "
            + "'true', 'y', 'yes'";
    private final Map<String, JsonNode> values;

    private Args(Map<String, JsonNode> values) {
        this.values = values;
    }

    /** Body keys (an empty body is no keys) plus query parameters; any name outside {@code allowed} is a 400. */
    static Args of(Context ctx, Set<String> allowed) {
        Map<String, JsonNode> v = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, list) -> v.put(k, TextNode.valueOf(list.getLast())));
        JsonNode body = ctx.body().isBlank() ? null : Requests.body(ctx);
        if (body != null && !body.isNull()) {
            if (!body.isObject()) {
                throw FerrumException.invalid("The request body must be a JSON object.");
            }
            body.properties().forEach(e -> v.put(e.getKey(), e.getValue()));
        }
        return checked(v, allowed);
    }

    /** Only the query parameters (for endpoints whose body is data, not arguments). */
    static Args query(Context ctx, Set<String> allowed) {
        Map<String, JsonNode> v = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, list) -> v.put(k, TextNode.valueOf(list.getLast())));
        return checked(v, allowed);
    }

    private static Args checked(Map<String, JsonNode> v, Set<String> allowed) {
        List<String> unexpected = v.keySet().stream().filter(k -> !allowed.contains(k)).sorted().toList();
        if (!unexpected.isEmpty()) {
            throw FerrumException.invalid("Unexpected arguments: %s", String.join(", ", unexpected));
        }
        return new Args(v);
    }

    /** An argument as given (JSON), null when absent or JSON null; for values checked by their own schema. */
    JsonNode raw(String name) {
        JsonNode v = values.get(name);
        return v == null || v.isNull() ? null : v;
    }

    /** Whether the argument was given at all (even as JSON null). */
    boolean has(String name) {
        return values.containsKey(name);
    }

    /** Missing and mandatory is a 400; present as JSON null gives null. */
    String string(String name, boolean mandatory) {
        JsonNode v = present(name, mandatory);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw FerrumException.invalid("Expected string for %s: %s", name, PyRepr.of(v));
        }
        return v.asText();
    }

    /** Booleans or their usual spellings ("true", "yes", "1", ...); null when absent or JSON null. */
    Boolean bool(String name, boolean mandatory) {
        JsonNode v = present(name, mandatory);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        String s = v.isTextual() ? v.asText() : v.isIntegralNumber() ? v.asText() : null;
        if (s != null) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            if (TRUE.contains(t)) {
                return true;
            }
            if (FALSE.contains(t)) {
                return false;
            }
        }
        throw FerrumException.invalid("Invalid %s: Unrecognized value %s, %s", name, s == null ? PyRepr.of(v) : PyRepr.string(s), ACCEPTABLE);
    }

    Integer integer(String name) {
        JsonNode v = present(name, false);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.asInt();
        }
        try {
            return Integer.parseInt(v.asText().strip());
        } catch (NumberFormatException e) {
            throw FerrumException.invalid("Expected an integer for %s: %s", name, v.isTextual() ? v.asText() : PyRepr.of(v));
        }
    }

    /** A UUID (canonical form) or null. */
    String uuid(String name) {
        String s = string(name, false);
        if (s != null && !Inputs.isUuid(s)) {
            throw FerrumException.invalid("Expected UUID for %s: %s", name, s);
        }
        return s == null ? null : Inputs.uuid(s);
    }

    private JsonNode present(String name, boolean mandatory) {
        JsonNode v = values.get(name);
        if (v == null && mandatory) {
            throw missing(name);
        }
        return v;
    }

    static FerrumException missing(String name) {
        return FerrumException.invalid("Missing mandatory parameter: %s", name);
    }

    /** Ironic's uuid_or_name check of a path or body value. */
    static String uuidOrName(String name, String value) {
        if (!Inputs.isUuid(value) && !Inputs.isLogicalName(value)) {
            throw FerrumException.invalid("Expected UUID or name for %s: %s", name, value);
        }
        return value;
    }
}
