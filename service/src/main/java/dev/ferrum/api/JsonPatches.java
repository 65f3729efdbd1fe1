package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.CompatibilityFlags;
import com.flipkart.zjsonpatch.JsonPatch;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.objects.Field;
import dev.ferrum.common.objects.ObjectSpec;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Applies an RFC 6902 patch to an object the way Ironic does: only add/replace/remove, only on the
 * object's patchable attributes, never removing a path that is not there or a mandatory attribute.
 * The result is the set of changed fields, converted and checked like a create.
 */
public final class JsonPatches {
    private static final Set<String> OPS = Set.of("add", "replace", "remove");
    private static final Pattern PATH = Pattern.compile("^(/[\\w-]+)+$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final EnumSet<CompatibilityFlags> FLAGS = EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);

    private JsonPatches() {
    }

    /**
     * @param current   the object's stored values (unmasked) as a JSON document
     * @param mandatory attributes that cannot be removed
     * @return field name → new stored value, for the fields the patch changed
     */
    public static Map<String, Object> apply(ObjectSpec spec, ObjectNode current, JsonNode patch, int minor, Set<String> mandatory) {
        if (patch == null || !patch.isArray()) {
            throw new FerrumException(ErrorCode.PATCH_ERROR, "Invalid patch: a JSON Patch document must be a list of operations.");
        }
        for (JsonNode op : patch) {
            checkOperation(spec, op, minor, mandatory);
        }
        JsonNode patched;
        try {
            patched = JsonPatch.apply(patch, current, FLAGS);
        } catch (JsonPatchApplicationException e) {
            throw new FerrumException(ErrorCode.PATCH_ERROR, "Invalid patch: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new FerrumException(ErrorCode.PATCH_ERROR, "Invalid patch: " + e.getMessage(), e);
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        for (Field f : spec.fields().values()) {
            if (!f.patchable() || f.writeSince() > minor) {
                continue;
            }
            JsonNode before = current.get(f.name());
            JsonNode after = patched.get(f.name());
            if (Objects.equals(before, after)) {
                continue;
            }
            changes.put(f.name(), after == null || after.isNull() ? spec.defaultFor(f.name()) : Inputs.convert(f, after));
        }
        return changes;
    }

    private static void checkOperation(ObjectSpec spec, JsonNode op, int minor, Set<String> mandatory) {
        if (!op.isObject()) {
            throw new FerrumException(ErrorCode.PATCH_ERROR, "Invalid patch: each operation must be an object, got " + op + ".");
        }
        for (var it = op.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!Set.of("op", "path", "value").contains(k)) {
                throw new FerrumException(ErrorCode.PATCH_ERROR, "Invalid patch: unexpected key '" + k + "' in " + op + ".");
            }
        }
        String name = op.path("op").asText("");
        if (!op.path("op").isTextual() || !OPS.contains(name)) {
            throw new FerrumException(ErrorCode.PATCH_ERROR,
                    "Invalid patch: operation " + op.get("op") + " is not one of 'add', 'replace', 'remove'.");
        }
        JsonNode pathNode = op.get("path");
        if (pathNode == null || !pathNode.isTextual() || !PATH.matcher(pathNode.textValue()).matches()) {
            throw new FerrumException(ErrorCode.PATCH_ERROR, "Invalid patch: " + pathNode + " is not a valid path.");
        }
        if (!name.equals("remove") && !op.has("value")) {
            throw new FerrumException(ErrorCode.PATCH_ERROR, "Invalid patch: 'add' and 'replace' operations need a value.");
        }
        String path = pathNode.textValue();
        String top = path.substring(1).split("/", 2)[0];
        Field f = spec.field(top);
        if (f != null && f.patchable() && f.writeSince() > minor) {
            throw FerrumException.notAcceptable("Request not acceptable. The minimal required API version should be 1.%d "
                    + "to update '/%s'.", f.writeSince(), top);
        }
        if (f == null || !f.patchable()) {
            throw new FerrumException(ErrorCode.PATCH_ERROR, "Cannot patch /" + top + ". Only the following can be updated: "
                    + String.join(", ", spec.fields().values().stream().filter(x -> x.patchable() && x.writeSince() <= minor)
                    .map(Field::name).sorted().toList()));
        }
        if (name.equals("remove") && path.equals("/" + top) && mandatory.contains(top)) {
            throw new FerrumException(ErrorCode.PATCH_ERROR, "'/" + top + "' is a mandatory attribute and can not be removed");
        }
    }
}
