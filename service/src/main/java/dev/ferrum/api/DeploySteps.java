package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.conductor.Steps;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the steps of a deploy template as Ironic's deploy step schema does, and brings them to their stored
 * form: {@code {interface, step, args, priority}} with an integer priority.
 */
final class DeploySteps {
    private static final List<String> KEYS = List.of("interface", "step", "args", "priority");
    private static final Pattern DIGITS = Pattern.compile("^[0-9]+$");

    private DeploySteps() {
    }

    /** The validated, normalized steps; any problem is a 400 naming the step (values echoed with secrets masked). */
    static ArrayNode check(JsonNode steps) {
        if (steps == null || !steps.isArray()) {
            throw FerrumException.invalid("Invalid input for field/attribute steps. Value: %s. It must be a list of deploy steps.",
                    steps == null ? "null" : Views.mask(steps));
        }
        if (steps.isEmpty()) {
            throw FerrumException.invalid("Schema error for template: [] is too short");
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode(steps.size());
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            ObjectNode step = checkStep(i, steps.get(i));
            String iface = step.get("interface").textValue();
            String name = step.get("step").textValue();
            if (!seen.add(iface + "\u0000" + name)) {
                duplicates.add("interface: " + iface + ", step: " + name);
            }
            out.add(step);
        }
        if (!duplicates.isEmpty()) {
            throw FerrumException.invalid("Duplicate deploy steps: a deploy template cannot have two steps with the same "
                    + "interface and step. Duplicates: %s", String.join("; ", duplicates));
        }
        return out;
    }

    /** One deploy step (of a template or a deploy request) in its stored form. */
    static ObjectNode checkStep(int i, JsonNode step) {
        if (!step.isObject()) {
            throw FerrumException.invalid("Deploy step %d is %s; each step must be an object with interface, step, args "
                    + "and priority.", i, Views.mask(step));
        }
        for (var it = step.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw FerrumException.invalid("Deploy step %d has an unexpected key '%s'; a step has only interface, step, "
                        + "args and priority.", i, k);
            }
        }
        for (String k : KEYS) {
            if (!step.has(k)) {
                throw FerrumException.invalid("Deploy step %d lacks '%s'; interface, step, args and priority are all required.", i, k);
            }
        }
        JsonNode iface = step.get("interface");
        if (!iface.isTextual() || !Steps.INTERFACES.contains(iface.textValue())) {
            throw FerrumException.invalid("Deploy step %d has interface %s; it must be one of %s.", i, iface,
                    String.join(", ", Steps.INTERFACES));
        }
        JsonNode name = step.get("step");
        if (!name.isTextual() || name.textValue().isEmpty()) {
            throw FerrumException.invalid("Deploy step %d has step %s; it must be a non-empty string.", i, name);
        }
        JsonNode args = step.get("args");
        if (!args.isObject()) {
            throw FerrumException.invalid("Deploy step %d has args %s; they must be an object.", i, Views.mask(args));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("interface", iface);
        out.set("step", name);
        out.set("args", args);
        out.put("priority", priority(i, step.get("priority")));
        return out;
    }

    /** An integer of 0 or more, or a string of digits (Ironic accepts both). */
    private static int priority(int i, JsonNode p) {
        long value = -1;
        if (p.isIntegralNumber()) {
            value = p.canConvertToLong() ? p.longValue() : Long.MAX_VALUE;
        } else if (p.isTextual() && DIGITS.matcher(p.textValue()).matches()) {
            value = p.textValue().length() > 10 ? Long.MAX_VALUE : Long.parseLong(p.textValue());
        }
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw FerrumException.invalid("Deploy step %d has priority %s; it must be an integer from 0 to %d.", i, p,
                    Integer.MAX_VALUE);
        }
        return (int) value;
    }
}
