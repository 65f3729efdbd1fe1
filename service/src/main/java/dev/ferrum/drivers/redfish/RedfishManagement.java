package dev.ferrum.drivers.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.conductor.Task;
import dev.ferrum.drivers.base.ManagementInterface;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Boot device and boot mode through the system's Boot override (Once for a one-time device, Continuous for a
 * persistent one), NMI through ComputerSystem.Reset, and the system's and chassis' IndicatorLED.
 */
record RedfishManagement(RedfishClients clients) implements ManagementInterface, RedfishDriverInterface {
    /** Ironic's boot device names and Redfish's BootSourceOverrideTarget values. */
    private static final Map<String, String> DEVICES = orderedMap("pxe", "Pxe", "disk", "Hdd", "cdrom", "Cd",
            "bios", "BiosSetup", "floppy", "Floppy", "usb", "Usb", "uefi-http", "UefiHttp");
    private static final Map<String, String> MODES = orderedMap("uefi", "UEFI", "bios", "Legacy");
    private static final Map<String, String> LED = orderedMap("on", "Lit", "blinking", "Blinking", "off", "Off");

    @Override
    public void validate(Task task) {
        RedfishInfo.of(task);
        Object force = info(task).get("force_persistent_boot_device");
        if (force != null && !List.of("Default", "Always", "Never").contains(force.toString())) {
            throw FerrumException.invalid("Invalid force_persistent_boot_device '%s' in driver_info; valid values are "
                    + "Default, Always, Never.", force);
        }
    }

    @Override
    public List<String> supportedBootDevices(Task task) {
        List<String> allowed = RedfishSystem.strings(RedfishSystem.of(task, clients).read().path("Boot")
                .path("BootSourceOverrideTarget@Redfish.AllowableValues"));
        return DEVICES.entrySet().stream().filter(e -> allowed.isEmpty() || allowed.contains(e.getValue()))
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public void setBootDevice(Task task, String device, boolean persistent) {
        String target = DEVICES.get(device);
        if (target == null) {
            throw FerrumException.invalid("Invalid boot device %s specified; the redfish management interface supports %s.",
                    device, String.join(", ", DEVICES.keySet()));
        }
        Object force = info(task).get("force_persistent_boot_device");
        boolean continuous = "Always".equals(String.valueOf(force)) || (persistent && !"Never".equals(String.valueOf(force)));
        Map<String, Object> boot = new LinkedHashMap<>();
        boot.put("BootSourceOverrideTarget", target);
        boot.put("BootSourceOverrideEnabled", continuous ? "Continuous" : "Once");
        RedfishSystem.of(task, clients).patch(Map.of("Boot", boot));
    }

    @Override
    public Map<String, Object> getBootDevice(Task task) {
        JsonNode boot = RedfishSystem.of(task, clients).read().path("Boot");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("boot_device", key(DEVICES, boot.path("BootSourceOverrideTarget").asText(null)));
        m.put("persistent", "Continuous".equals(boot.path("BootSourceOverrideEnabled").asText()));
        return m;
    }

    @Override
    public List<String> supportedBootModes(Task task) {
        List<String> allowed = RedfishSystem.strings(RedfishSystem.of(task, clients).read().path("Boot")
                .path("BootSourceOverrideMode@Redfish.AllowableValues"));
        return MODES.entrySet().stream().filter(e -> allowed.isEmpty() || allowed.contains(e.getValue()))
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public void setBootMode(Task task, String mode) {
        String value = MODES.get(mode);
        if (value == null) {
            throw FerrumException.invalid("Invalid boot mode %s specified; valid boot modes are uefi, bios.", mode);
        }
        RedfishSystem.of(task, clients).patch(Map.of("Boot", Map.of("BootSourceOverrideMode", value)));
    }

    @Override
    public String getBootMode(Task task) {
        return key(MODES, RedfishSystem.of(task, clients).read().path("Boot").path("BootSourceOverrideMode").asText(null));
    }

    @Override
    public void injectNmi(Task task) {
        RedfishSystem sys = RedfishSystem.of(task, clients);
        sys.reset(sys.read(), "Nmi");
    }

    @Override
    public Map<String, Map<String, Object>> supportedIndicators(Task task) {
        RedfishSystem sys = RedfishSystem.of(task, clients);
        JsonNode system = sys.read();
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        Map<String, Object> led = Map.of("readonly", false, "states", List.of("blinking", "off", "on"));
        if (system.has("IndicatorLED")) {
            out.put("system", Map.of(indicatorId(system), led));
        }
        JsonNode chassis = chassis(sys, system);
        if (chassis != null && chassis.has("IndicatorLED")) {
            out.put("chassis", Map.of(indicatorId(chassis), led));
        }
        return out;
    }

    @Override
    public String getIndicatorState(Task task, String component, String indicator) {
        JsonNode resource = indicatorResource(task, component, indicator).getValue();
        String state = key(LED, resource.path("IndicatorLED").asText(null));
        return state == null ? "unknown" : state;
    }

    @Override
    public void setIndicatorState(Task task, String component, String indicator, String state) {
        String value = LED.get(state);
        if (value == null) {
            throw FerrumException.invalid("Invalid indicator state %s specified; valid states are on, off, blinking.", state);
        }
        var resource = indicatorResource(task, component, indicator);
        resource.getKey().bmc().patch(resource.getValue().path("@odata.id").asText(), Map.of("IndicatorLED", value));
    }

    /** The system or chassis whose LED an indicator names, as GET .../indicators lists them. */
    private Map.Entry<RedfishSystem, JsonNode> indicatorResource(Task task, String component, String indicator) {
        RedfishSystem sys = RedfishSystem.of(task, clients);
        JsonNode system = sys.read();
        JsonNode resource = switch (component) {
            case "system" -> system;
            case "chassis" -> chassis(sys, system);
            default -> null;
        };
        if (resource == null || !resource.has("IndicatorLED")) {
            throw FerrumException.invalid("Invalid component %s specified.", component);
        }
        if (!indicatorId(resource).equals(indicator)) {
            throw FerrumException.invalid("Invalid indicator %s specified.", indicator);
        }
        return Map.entry(sys, resource);
    }

    private static JsonNode chassis(RedfishSystem sys, JsonNode system) {
        JsonNode link = system.path("Links").path("Chassis");
        String id = link.isArray() && !link.isEmpty() ? link.get(0).path("@odata.id").asText(null) : null;
        return id == null ? null : sys.bmc().get(id);
    }

    private static String indicatorId(JsonNode resource) {
        return resource.path("UUID").asText(resource.path("Id").asText("led"));
    }

    private static Map<String, Object> info(Task task) {
        return task.jsonField("driver_info");
    }

    private static String key(Map<String, String> map, String value) {
        return map.entrySet().stream().filter(e -> e.getValue().equals(value)).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
