package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.objects.Field;
import dev.ferrum.common.objects.ObjectSpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks client-supplied values and converts them to stored Java values; bad input is always a 400. */
public final class Inputs {
    private static final Pattern MAC = Pattern.compile("^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$");
    /** RFC 3986 unreserved characters, which Ironic allows in logical names. */
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9\\-._~]+$");
    private static final Set<String> TRUE = Set.of("1", "t", "true", "on", "y", "yes");
    private static final Set<String> FALSE = Set.of("0", "f", "false", "off", "n", "no");
    private static final Map<String, Integer> MAX_LENGTH = Map.of(
            "resource_class", 80, "description", 4096, "name", 255, "conductor_group", 255, "owner", 255,
            "lessee", 255, "shard", 255, "physical_network", 64, "mode", 255, "maintenance_reason", 4096);

    private Inputs() {
    }

    /**
     * Checks a POST body against the object's creatable fields at this microversion: unknown or read-only
     * attributes are 400, attributes newer than the requested version 406 (as Ironic).
     */
    public static Map<String, Object> forCreate(ObjectSpec spec, JsonNode body, int minor) {
        if (body == null || !body.isObject()) {
            throw FerrumException.invalid("The request body must be a JSON object describing the %s.", spec.kind().toLowerCase(Locale.ROOT));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (var it = body.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            Field f = spec.field(e.getKey());
            if (f == null || !f.creatable()) {
                throw FerrumException.invalid("Additional properties are not allowed ('%s' was unexpected)", e.getKey());
            }
            if (f.writeSince() > minor) {
                throw FerrumException.notAcceptable("Request not acceptable. The minimal required API version should be 1.%d "
                        + "to set '%s'.", f.writeSince(), f.name());
            }
            values.put(f.name(), convert(f, e.getValue()));
        }
        return values;
    }

    /** Converts one JSON value for {@code field} to its stored form. */
    public static Object convert(Field field, JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        String name = field.name();
        return switch (field.type()) {
            case STRING -> {
                if (!v.isTextual()) {
                    throw typeError(name, v, "a string");
                }
                String s = v.textValue();
                Integer max = MAX_LENGTH.get(name);
                if (max != null && s.length() > max) {
                    throw FerrumException.invalid("Invalid input for field/attribute %s. Value: '%s'. It is longer than %d characters.",
                            name, s, max);
                }
                yield s;
            }
            case UUID -> {
                if (!v.isTextual()) {
                    throw typeError(name, v, "a UUID string");
                }
                yield uuid(v.textValue());
            }
            case BOOLEAN -> bool(name, v);
            case INTEGER -> {
                if (!v.canConvertToInt() || !v.isIntegralNumber()) {
                    throw typeError(name, v, "an integer");
                }
                yield v.intValue();
            }
            case OBJECT -> {
                if (!v.isObject()) {
                    throw typeError(name, v, "an object");
                }
                yield v;
            }
            case LIST -> {
                if (!v.isArray()) {
                    throw typeError(name, v, "a list");
                }
                yield v;
            }
            case DATETIME -> throw FerrumException.invalid("%s cannot be set.", name);
        };
    }

    static Boolean bool(String name, JsonNode v) {
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            String s = v.textValue().strip().toLowerCase(Locale.ROOT);
            if (TRUE.contains(s)) {
                return true;
            }
            if (FALSE.contains(s)) {
                return false;
            }
        }
        throw FerrumException.invalid("Invalid input for field/attribute %s. Value: %s. Unrecognized value, acceptable values are: "
                + "'0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'", name, v);
    }

    /** Parses a boolean query parameter the way Ironic does (strict). */
    public static boolean boolParam(String name, String value) {
        return bool(name, com.fasterxml.jackson.databind.node.TextNode.valueOf(value));
    }

    /** Whether lookups should treat this identifier as a UUID (it is on every node/port/port group GET). */
    public static boolean isUuid(String s) {
        return canonicalUuid(s) != null;
    }

    /** Canonical lower-case form; accepts the forms Python's uuid.UUID() accepts (braces, no dashes, urn). */
    public static String uuid(String s) {
        String u = canonicalUuid(s);
        if (u == null) {
            throw FerrumException.invalid("Expected a UUID but received %s.", s);
        }
        return u;
    }

    private static String canonicalUuid(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("urn:uuid:")) {
            t = t.substring(9);
        }
        if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1);
        }
        String hex = t.replace("-", "");
        if (hex.length() != 32 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /** MACs are stored lower-case so duplicates are found whatever case clients send. */
    public static String mac(String s) {
        String m = s.strip().toLowerCase(Locale.ROOT);
        if (!MAC.matcher(m).matches()) {
            throw FerrumException.invalid("Expected a MAC address but received %s.", s);
        }
        return m.replace('-', ':');
    }

    public static boolean isLogicalName(String s) {
        return s.length() <= 255 && NAME.matcher(s).matches();
    }

    public static String logicalName(String kind, String s) {
        if (!isLogicalName(s)) {
            throw FerrumException.invalid("Expected a logical name but received %s. A %s name may contain only letters, "
                    + "digits and the characters - . _ ~.", s, kind);
        }
        return s;
    }


    /** The offending value is echoed for the client, with credential-like keys masked as everywhere else. */
    private static FerrumException typeError(String name, JsonNode v, String expected) {
        return FerrumException.invalid("Invalid input for field/attribute %s. Value: %s. It must be %s.", name,
                Views.mask(v), expected);
    }
}
