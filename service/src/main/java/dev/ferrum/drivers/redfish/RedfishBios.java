package dev.ferrum.drivers.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.conductor.Task;
import dev.ferrum.db.BiosStore;
import dev.ferrum.drivers.base.BiosInterface;
import dev.ferrum.drivers.base.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BIOS settings through the system's Bios resource. Changes go to its Settings object (@Redfish.Settings) and
 * take effect when the system restarts, so the steps reboot the node and then check what the BIOS reports.
 * They work through the BMC alone: a manual cleaning with disable_ramdisk can run them.
 */
record RedfishBios(RedfishClients clients) implements BiosInterface, RedfishDriverInterface {
    @Override
    public List<Step> steps() {
        return List.of(
                Step.clean("bios", "apply_configuration", 0, false, Map.of("settings", new Step.ArgInfo(
                        "A list of BIOS settings to be applied, each a dictionary with the setting's name and value", true)),
                        this::applyConfiguration).outOfBand(),
                Step.clean("bios", "factory_reset", 0, false, null, this::factoryReset).outOfBand());
    }

    @Override
    public void cacheSettings(Task task) {
        RedfishSystem sys = RedfishSystem.of(task, clients);
        JsonNode bios = bios(sys);
        cache(task, bios.path("Attributes"));
        task.stores().bios.describe(task.uuid(), registry(sys, bios));
    }

    private Step.Result applyConfiguration(Task task, Map<String, Object> args) {
        if (!(args.get("settings") instanceof List<?> settings) || settings.isEmpty()) {
            throw FerrumException.invalid("The 'settings' argument of bios.apply_configuration must be a non-empty list of "
                    + "{name, value}.");
        }
        RedfishSystem sys = RedfishSystem.of(task, clients);
        JsonNode bios = bios(sys);
        JsonNode current = bios.path("Attributes");
        Map<String, Object> wanted = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Object o : settings) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("name") instanceof String name) || !m.containsKey("value")) {
                throw FerrumException.invalid("Each BIOS setting must be an object with a 'name' and a 'value'; got %s.", o);
            }
            if (!current.has(name)) {
                unknown.add(name);
                continue;
            }
            wanted.put(name, typed(current.get(name), m.get("value")));
        }
        if (!unknown.isEmpty()) {
            throw FerrumException.invalid("The BIOS of node %s has no setting(s) %s.", task.uuid(), String.join(", ", unknown));
        }
        Map<String, BiosStore.Registry> registry = registry(sys, bios);
        List<String> readOnly = wanted.keySet().stream()
                .filter(n -> registry.containsKey(n) && Boolean.TRUE.equals(registry.get(n).readOnly())).toList();
        if (!readOnly.isEmpty()) {
            throw FerrumException.invalid("The BIOS setting(s) %s of node %s are read-only.", String.join(", ", readOnly), task.uuid());
        }
        String settingsPath = bios.path("@Redfish.Settings").path("SettingsObject").path("@odata.id")
                .asText(bios.path("@odata.id").asText() + "/Settings");
        sys.bmc().patch(settingsPath, Map.of("Attributes", wanted));
        task.driver().power().reboot(task, null); // pending BIOS settings apply on the next boot
        JsonNode after = bios(sys).path("Attributes");
        List<String> notApplied = new ArrayList<>();
        wanted.forEach((name, value) -> {
            if (!after.path(name).asText().equals(String.valueOf(value))) {
                notApplied.add(name + " (wanted " + value + ", is " + after.path(name).asText() + ")");
            }
        });
        cache(task, after);
        task.stores().bios.describe(task.uuid(), registry);
        if (!notApplied.isEmpty()) {
            throw FerrumException.invalid("The BIOS of node %s did not apply: %s.", task.uuid(), String.join("; ", notApplied));
        }
        return Step.Result.DONE;
    }

    private Step.Result factoryReset(Task task, Map<String, Object> args) {
        RedfishSystem sys = RedfishSystem.of(task, clients);
        JsonNode bios = bios(sys);
        String target = bios.path("Actions").path("#Bios.ResetBios").path("target")
                .asText(bios.path("@odata.id").asText() + "/Actions/Bios.ResetBios");
        sys.bmc().post(target, Map.of());
        task.driver().power().reboot(task, null);
        cache(task, bios(sys).path("Attributes"));
        return Step.Result.DONE;
    }

    /**
     * The BIOS attribute registry the Bios resource names (AttributeRegistry), found among the BMC's Registries
     * (the member named like it first, as BMCs name them, else by each file's Id) and read from its Location;
     * empty when the BMC publishes none. A registry does not change while the BMC runs, so each connection reads
     * it once, not on every node's verify.
     */
    private static Map<String, BiosStore.Registry> registry(RedfishSystem sys, JsonNode bios) {
        String name = bios.path("AttributeRegistry").asText("");
        if (name.isEmpty()) {
            return Map.of();
        }
        return sys.bmc().memo("bios-registry:" + name, () -> {
            try {
                return parseRegistry(registryEntries(sys.bmc(), name));
            } catch (RedfishError e) { // the registry only describes settings; without it they still apply
                return Map.<String, BiosStore.Registry>of();
            }
        });
    }

    private static JsonNode registryEntries(RedfishConnection bmc, String name) {
        List<String> files = new ArrayList<>();
        for (JsonNode m : bmc.get("/redfish/v1/Registries").path("Members")) {
            String id = m.path("@odata.id").asText();
            if (id.endsWith("/" + name)) {
                files.addFirst(id);
            } else {
                files.add(id);
            }
        }
        for (String id : files) {
            JsonNode file = bmc.get(id);
            if (name.equals(file.path("Id").asText()) || name.equals(file.path("Registry").asText())) {
                JsonNode loc = file.path("Location");
                String uri = loc.isArray() && !loc.isEmpty() ? loc.get(0).path("Uri").asText(null) : null;
                return uri == null ? null : bmc.get(uri).path("RegistryEntries").path("Attributes");
            }
        }
        return null;
    }

    private static Map<String, BiosStore.Registry> parseRegistry(JsonNode entries) {
        Map<String, BiosStore.Registry> out = new LinkedHashMap<>();
        if (entries == null) {
            return out;
        }
        for (JsonNode a : entries) {
            com.fasterxml.jackson.databind.node.ArrayNode values = null;
            if (a.path("Value").isArray()) {
                values = dev.ferrum.common.Json.MAPPER.createArrayNode();
                for (JsonNode v : a.path("Value")) {
                    values.add(v.path("ValueName").asText());
                }
            }
            out.put(a.path("AttributeName").asText(), new BiosStore.Registry(a.path("Type").asText(null), values,
                    intOrNull(a, "LowerBound"), intOrNull(a, "MaxLength"), intOrNull(a, "MinLength"), boolOrNull(a, "ReadOnly"),
                    boolOrNull(a, "ResetRequired"), boolOrNull(a, "IsSystemUniqueProperty"), intOrNull(a, "UpperBound")));
        }
        return out;
    }

    private static Integer intOrNull(JsonNode n, String field) {
        return n.path(field).isNumber() ? n.path(field).intValue() : null;
    }

    private static Boolean boolOrNull(JsonNode n, String field) {
        return n.path(field).isBoolean() ? n.path(field).booleanValue() : null;
    }

    private static JsonNode bios(RedfishSystem sys) {
        String path = sys.read().path("Bios").path("@odata.id").asText(null);
        if (path == null) {
            throw FerrumException.invalid("The system %s on %s has no BIOS resource.", sys.path(), sys.bmc().base());
        }
        return sys.bmc().get(path);
    }

    /** The operator's value in the attribute's own JSON type (the CLI sends strings; BMCs type-check). */
    private static Object typed(JsonNode current, Object value) {
        String s = String.valueOf(value);
        if (current.isIntegralNumber() && s.matches("-?\\d+")) {
            return Long.parseLong(s);
        }
        if (current.isBoolean() && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        return value;
    }

    private static void cache(Task task, JsonNode attributes) {
        List<Map<String, Object>> settings = new ArrayList<>();
        attributes.fields().forEachRemaining(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.getKey());
            m.put("value", e.getValue().isNull() ? null : e.getValue().asText());
            settings.add(m);
        });
        task.stores().bios.sync(task.uuid(), settings);
    }
}
