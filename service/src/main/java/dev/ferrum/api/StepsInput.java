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
    private static final Set<String> DEPLOY_KEYS = Set.of("interface", "step", "args", "priority");

    private StepsInput() {
    }

    /** @param kind "clean" or "deploy"; deploy steps also need args and priority */
    static List<Map<String, Object>> parse(JsonNode steps, String kind) {
        if (!steps.isArray()) {
            throw invalid(kind, steps + " is not of type 'array'");
        }
        boolean deploy = kind.equals("deploy");
        Set<String> allowed = deploy ? DEPLOY_KEYS : CLEAN_KEYS;
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode s : steps) {
            if (!s.isObject()) {
                throw invalid(kind, s + " is not of type 'object'");
            }
            for (String required : deploy ? List.of("interface", "step", "args", "priority") : List.of("interface", "step")) {
                if (!s.has(required)) {
                    throw invalid(kind, "'" + required + "' is a required property");
                }
            }
            s.fieldNames().forEachRemaining(k -> {
                if (!allowed.contains(k)) {
                    throw invalid(kind, "Additional properties are not allowed ('" + k + "' was unexpected)");
                }
            });
            JsonNode iface = s.get("interface");
            if (!iface.isTextual() || !Steps.INTERFACES.contains(iface.asText())) {
                throw invalid(kind, iface + " is not one of " + Steps.INTERFACES);
            }
            JsonNode step = s.get("step");
            if (!step.isTextual() || step.asText().isEmpty()) {
                throw invalid(kind, step + " is not a non-empty string");
            }
            if (s.has("args") && !s.get("args").isObject()) {
                throw invalid(kind, s.get("args") + " is not of type 'object'");
            }
            if (s.has("priority")) {
                JsonNode p = s.get("priority");
                boolean ok = (p.isInt() && p.asInt() >= 0) || (p.isTextual() && p.asText().matches("^[0-9]+$"));
                if (!ok) {
                    throw invalid(kind, p + " is not a non-negative integer");
                }
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = Json.MAPPER.convertValue(s, Map.class);
            if (m.get("priority") instanceof String p) {
                m.put("priority", Integer.parseInt(p));
            }
            out.add(m);
        }
        return out;
    }

    private static FerrumException invalid(String kind, String detail) {
        return FerrumException.invalid("Invalid %s_steps: %s", kind, detail);
    }
}
