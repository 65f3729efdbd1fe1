package dev.ferrum.drivers.base;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import dev.ferrum.common.PyRepr;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RAID configuration contract every RAID interface shares: the JSON schema of a target RAID
 * configuration ({@code schemas/raid_config.json}, draft 4) and the logical disk properties it documents.
 * Errors are worded as Python's jsonschema words them, which is what Ironic's clients show.
 */
public final class RaidConfig {
    private static final JsonNode DOCUMENT = load();
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(DOCUMENT);

    private RaidConfig() {
    }

    private static JsonNode load() {
        try (InputStream in = RaidConfig.class.getResourceAsStream("/schemas/raid_config.json")) {
            if (in == null) {
                throw new IllegalStateException("schemas/raid_config.json is missing from the classpath");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Logical disk property → description, in the schema's order (GET /v1/drivers/{d}/raid/logical_disk_properties). */
    public static Map<String, String> logicalDiskProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        DOCUMENT.at("/properties/logical_disks/items/properties").properties()
                .forEach(e -> out.put(e.getKey(), e.getValue().path("description").asText()));
        return out;
    }

    /** Checks a target RAID configuration against the schema; at most one logical disk may be the root volume. */
    public static void validate(JsonNode config) {
        List<Error> errors = SCHEMA.validate(config);
        if (!errors.isEmpty()) {
            throw FerrumException.invalid("RAID config validation error: %s", bestMatch(config, errors));
        }
        long roots = 0;
        for (JsonNode disk : config.path("logical_disks")) {
            if (disk.path("is_root_volume").asBoolean(false)) {
                roots++;
            }
        }
        if (roots > 1) {
            throw FerrumException.invalid("Raid config cannot have more than one root volume. %d root volumes were specified", roots);
        }
    }

    /**
     * The one error to report, chosen as jsonschema's best_match chooses: the shallowest problem in the
     * document; when that is an anyOf that no branch satisfies, the deepest branch error, preferring branches
     * whose type the value has, or the anyOf itself when that leaves a tie.
     */
    static String bestMatch(JsonNode config, List<Error> errors) {
        Map<String, List<Error>> anyOfGroups = new LinkedHashMap<>();
        List<Object> candidates = new ArrayList<>();
        for (Error e : errors) {
            String eval = e.getEvaluationPath().toString();
            int at = eval.indexOf("/anyOf/");
            if (at < 0) {
                candidates.add(e);
            } else {
                List<Error> group = anyOfGroups.computeIfAbsent(eval.substring(0, at), k -> new ArrayList<>());
                if (group.isEmpty()) {
                    candidates.add(group);
                }
                group.add(e);
            }
        }
        Object best = null;
        int bestDepth = Integer.MAX_VALUE;
        for (Object c : candidates) {
            int d = depth(c instanceof Error e ? location(e) : commonLocation(cast(c)));
            if (d < bestDepth) {
                best = c;
                bestDepth = d;
            }
        }
        if (best instanceof Error e) {
            return describe(e);
        }
        List<Error> group = cast(best);
        String where = commonLocation(group);
        List<Error> ranked = new ArrayList<>(group);
        java.util.Comparator<Error> relevance = java.util.Comparator.comparingInt((Error x) -> -depth(location(x)))
                .thenComparing(x -> !matchesType(x));
        ranked.sort(relevance);
        if (ranked.size() > 1 && relevance.compare(ranked.get(0), ranked.get(1)) == 0) {
            return repr(config.at(where)) + " is not valid under any of the given schemas";
        }
        return describe(ranked.getFirst());
    }

    @SuppressWarnings("unchecked")
    private static List<Error> cast(Object o) {
        return (List<Error>) o;
    }

    private static String location(Error e) {
        return e.getInstanceLocation().toString();
    }

    private static int depth(String pointer) {
        return pointer.isEmpty() || pointer.equals("/") ? 0 : pointer.split("/", -1).length - 1;
    }

    /** Where an anyOf applies: the longest common prefix of its branch errors' locations. */
    private static String commonLocation(List<Error> group) {
        String[] common = null;
        for (Error e : group) {
            String[] parts = location(e).split("/", -1);
            if (common == null) {
                common = parts;
            } else {
                int n = 0;
                while (n < common.length && n < parts.length && common[n].equals(parts[n])) {
                    n++;
                }
                common = java.util.Arrays.copyOf(common, n);
            }
        }
        return common == null ? "" : String.join("/", common);
    }

    /** The schema object holding the failed keyword. */
    private static JsonNode parent(Error e) {
        String eval = e.getEvaluationPath().toString();
        int slash = eval.lastIndexOf('/');
        return slash <= 0 ? DOCUMENT : DOCUMENT.at(eval.substring(0, slash));
    }

    /** Whether the value has the type its (branch) schema asks for: such errors are the relevant ones. */
    private static boolean matchesType(Error e) {
        JsonNode type = parent(e).get("type");
        JsonNode v = e.getInstanceNode();
        if (type == null || !type.isTextual() || v == null) {
            return false;
        }
        return switch (type.asText()) {
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "array" -> v.isArray();
            case "object" -> v.isObject();
            case "null" -> v.isNull();
            default -> false;
        };
    }

    /** One schema violation in jsonschema's words. */
    static String describe(Error e) {
        JsonNode instance = e.getInstanceNode();
        JsonNode schema = parent(e);
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        return switch (keyword) {
            case "required" -> repr(text(e.getProperty())) + " is a required property";
            case "additionalProperties" -> "Additional properties are not allowed (" + repr(text(e.getProperty())) + " was unexpected)";
            case "enum" -> repr(instance) + " is not one of " + repr(schema.get("enum"));
            case "type" -> repr(instance) + " is not of type " + types(schema.get("type"));
            case "minItems" -> repr(instance) + " is too short";
            case "minimum", "exclusiveMinimum" -> repr(instance) + " is less than "
                    + (schema.path("exclusiveMinimum").asBoolean(false) ? "or equal to " : "") + "the minimum of "
                    + schema.path("minimum").asText();
            case "dependencies" -> dependency(e, schema, instance);
            default -> e.getMessage();
        };
    }

    private static JsonNode text(String s) {
        return Json.MAPPER.getNodeFactory().textNode(s == null ? "" : s);
    }

    private static String dependency(Error e, JsonNode schema, JsonNode instance) {
        String having = e.getProperty() == null ? "" : e.getProperty();
        String missing = "";
        for (JsonNode dep : schema.path("dependencies").path(having)) {
            if (instance == null || !instance.has(dep.asText())) {
                missing = dep.asText();
                break;
            }
        }
        return repr(text(missing)) + " is a dependency of " + repr(text(having));
    }

    private static String types(JsonNode type) {
        if (type != null && type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(t -> names.add(repr(t)));
            return String.join(", ", names);
        }
        return repr(type);
    }

    private static String repr(JsonNode v) {
        return PyRepr.of(v);
    }
}
