package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import dev.ferrum.conductor.Steps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks clean_steps and deploy_steps of a provision request against Ironic's step schemas. */
final class StepsInput {
    private static final Set<String> CLEAN_KEYS = Set.of("interface", "step", "args");

    private StepsInput() {
    }

    /** Clean steps: {interface, step, args?} each, nothing else. */
    static List<Map<String, Object>> clean(JsonNode steps) {
        if (!steps.isArray()) {
            throw invalid("clean", steps + " is not of type 'array'");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode s : steps) {
            if (!s.isObject()) {
                throw invalid("clean", s + " is not of type 'object'");
            }
            for (String required : List.of("interface", "step")) {
                if (!s.has(required)) {
                    throw invalid("clean", "'" + required + "' is a required property");
                }
            }
            s.fieldNames().forEachRemaining(k -> {
                if (!CLEAN_KEYS.contains(k)) {
                    throw invalid("clean", "Additional properties are not allowed ('" + k + "' was unexpected)");
                }
            });
            JsonNode iface = s.get("interface");
            if (!iface.isTextual() || !Steps.INTERFACES.contains(iface.asText())) {
                throw invalid("clean", iface + " is not one of " + Steps.INTERFACES);
            }
            JsonNode step = s.get("step");
            if (!step.isTextual() || step.asText().isEmpty()) {
                throw invalid("clean", step + " is not a non-empty string");
            }
            if (s.has("args") && !s.get("args").isObject()) {
                throw invalid("clean", s.get("args") + " is not of type 'object'");
            }
            out.add(toMap(s));
        }
        return out;
    }

    /** Deploy steps of a deploy request: the same schema as a deploy template's steps (an empty list is allowed). */
    static List<Map<String, Object>> deploy(JsonNode steps) {
        if (!steps.isArray()) {
            throw invalid("deploy", steps + " is not of type 'array'");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            try {
                out.add(toMap(DeploySteps.checkStep(i, steps.get(i))));
            } catch (FerrumException e) {
                throw invalid("deploy", e.getMessage());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(JsonNode step) {
        return Json.MAPPER.convertValue(step, Map.class);
    }

    private static FerrumException invalid(String kind, String detail) {
        return FerrumException.invalid("Invalid %s_steps: %s", kind, detail);
    }
}
