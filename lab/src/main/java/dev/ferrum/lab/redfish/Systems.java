package dev.ferrum.lab.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Requests under /redfish/v1/Systems/{id}: the system, its reset action, hardware collections and BIOS. */
final class Systems {
    private static final List<String> BOOT_ENABLED = List.of("Disabled", "Once", "Continuous");
    private static final List<String> LED = List.of("Lit", "Blinking", "Off");

    private Systems() {
    }

    static RedfishEmulator.Reply route(RedfishEmulator bmc, EmulatedSystem s, String method, String[] p, byte[] body) {
        String path = bmc.systemPath(s.id());
        if (p.length == 2) {
            if (method.equals("PATCH")) {
                patch(s, RedfishEmulator.json(body));
                return RedfishEmulator.ok(Resources.system(s, path));
            }
            return RedfishEmulator.get(method, Resources.system(s, path));
        }
        String sub = p[2];
        return switch (sub) {
            case "Actions" -> p.length == 4 && p[3].equals("ComputerSystem.Reset") && method.equals("POST")
                    ? reset(s, RedfishEmulator.json(body)) : null;
            case "Processors" -> p.length == 3 ? collection(method, "ProcessorCollection", path + "/Processors", "CPU0", "CPU1")
                    : p.length == 4 && p[3].matches("CPU[01]")
                    ? RedfishEmulator.get(method, Resources.processor(s, path + "/Processors/" + p[3], p[3].charAt(3) - '0')) : null;
            case "Memory" -> p.length == 3 ? collection(method, "MemoryCollection", path + "/Memory", "DIMM0")
                    : p.length == 4 && p[3].equals("DIMM0") ? RedfishEmulator.get(method, Resources.memory(s, path + "/Memory/DIMM0")) : null;
            case "Storage" -> storage(s, method, p, path);
            case "SimpleStorage" -> p.length == 3 ? collection(method, "SimpleStorageCollection", path + "/SimpleStorage", "1")
                    : p.length == 4 && p[3].equals("1")
                    ? RedfishEmulator.get(method, Resources.simpleStorage(s, path + "/SimpleStorage/1")) : null;
            case "EthernetInterfaces" -> p.length == 3
                    ? collection(method, "EthernetInterfaceCollection", path + "/EthernetInterfaces", "NIC0", "NIC1")
                    : p.length == 4 && p[3].matches("NIC[01]")
                    ? RedfishEmulator.get(method, Resources.nic(s, path + "/EthernetInterfaces/" + p[3], p[3].charAt(3) - '0')) : null;
            case "Bios" -> bios(s, method, p, path + "/Bios", body);
            default -> null;
        };
    }

    private static RedfishEmulator.Reply collection(String method, String type, String path, String... ids) {
        return RedfishEmulator.get(method, Resources.collection(type, type.replace("Collection", " Collection"), path,
                java.util.Arrays.stream(ids).map(id -> path + "/" + id).toList()));
    }

    private static RedfishEmulator.Reply storage(EmulatedSystem s, String method, String[] p, String path) {
        String storage = path + "/Storage/1";
        if (p.length == 3) {
            return collection(method, "StorageCollection", path + "/Storage", "1");
        }
        if (!p[3].equals("1")) {
            return null;
        }
        if (p.length == 4) {
            return RedfishEmulator.get(method, Resources.storage(storage));
        }
        return p.length == 6 && p[4].equals("Drives") && p[5].equals("1")
                ? RedfishEmulator.get(method, Resources.drive(s, storage + "/Drives/1")) : null;
    }

    private static RedfishEmulator.Reply reset(EmulatedSystem s, JsonNode body) {
        String type = body.path("ResetType").asText("");
        if (!Resources.RESET_TYPES.contains(type)) {
            throw RedfishEmulator.badRequest("The value '" + type + "' for the parameter ResetType is not in the list of "
                    + "acceptable values " + Resources.RESET_TYPES + ".");
        }
        s.reset(type);
        return RedfishEmulator.noContent();
    }

    /** PATCH of the system: Boot override (target, enabled, mode) and IndicatorLED, checked before any change. */
    private static void patch(EmulatedSystem s, JsonNode body) {
        JsonNode boot = body.path("Boot");
        String target = text(boot, "BootSourceOverrideTarget", Resources.BOOT_TARGETS);
        String enabled = text(boot, "BootSourceOverrideEnabled", BOOT_ENABLED);
        String mode = text(boot, "BootSourceOverrideMode", List.of("Legacy", "UEFI"));
        String led = text(body, "IndicatorLED", LED);
        java.util.Iterator<String> fields = body.fieldNames();
        while (fields.hasNext()) {
            String f = fields.next();
            if (!f.equals("Boot") && !f.equals("IndicatorLED")) {
                throw RedfishEmulator.badRequest("The property " + f + " is a read only property and cannot be assigned a value.");
            }
        }
        s.boot(target, enabled, mode);
        if (led != null) {
            s.indicatorLed(led);
        }
    }

    private static String text(JsonNode parent, String field, List<String> allowed) {
        JsonNode v = parent.get(field);
        if (v == null) {
            return null;
        }
        if (!allowed.contains(v.asText())) {
            throw RedfishEmulator.badRequest("The value '" + v.asText() + "' for the property " + field
                    + " is not in the list of acceptable values " + allowed + ".");
        }
        return v.asText();
    }

    private static RedfishEmulator.Reply bios(EmulatedSystem s, String method, String[] p, String path, byte[] body) {
        if (p.length == 3) {
            return RedfishEmulator.get(method, Resources.bios(s, path));
        }
        if (p.length == 4 && p[3].equals("Settings")) {
            if (method.equals("PATCH")) {
                s.stageBios(checked(RedfishEmulator.json(body).path("Attributes")));
                return RedfishEmulator.noContent();
            }
            return RedfishEmulator.get(method, Resources.biosSettings(s, path + "/Settings"));
        }
        if (p.length == 5 && p[3].equals("Actions") && method.equals("POST")) {
            if (p[4].equals("Bios.ResetBios")) {
                s.resetBios();
                return RedfishEmulator.noContent();
            }
            if (p[4].equals("Bios.ChangePassword")) {
                return RedfishEmulator.noContent();
            }
        }
        return null;
    }

    /** BIOS settings as the registry allows them: known, writable, of the right type and in range. */
    private static Map<String, Object> checked(JsonNode attributes) {
        if (!attributes.isObject() || attributes.isEmpty()) {
            throw RedfishEmulator.badRequest("The request body must contain a non-empty Attributes object.");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        attributes.fields().forEachRemaining(e -> {
            ObjectNode reg = Resources.BIOS_REGISTRY.get(e.getKey());
            if (reg == null) {
                throw RedfishEmulator.badRequest("The property " + e.getKey() + " is not in the list of valid properties for the resource.");
            }
            if (reg.path("ReadOnly").asBoolean()) {
                throw RedfishEmulator.badRequest("The property " + e.getKey() + " is a read only property and cannot be assigned a value.");
            }
            JsonNode v = e.getValue();
            switch (reg.path("Type").asText()) {
                case "Integer" -> {
                    if (!v.isIntegralNumber() || v.asInt() < reg.path("LowerBound").asInt() || v.asInt() > reg.path("UpperBound").asInt()) {
                        throw RedfishEmulator.badRequest("The value " + v + " for the property " + e.getKey()
                                + " is not an integer between " + reg.path("LowerBound") + " and " + reg.path("UpperBound") + ".");
                    }
                    out.put(e.getKey(), v.asInt());
                }
                case "Enumeration" -> {
                    List<String> allowed = new java.util.ArrayList<>();
                    reg.path("Value").forEach(x -> allowed.add(x.path("ValueName").asText()));
                    if (!allowed.contains(v.asText())) {
                        throw RedfishEmulator.badRequest("The value '" + v.asText() + "' for the property " + e.getKey()
                                + " is not in the list of acceptable values " + allowed + ".");
                    }
                    out.put(e.getKey(), v.asText());
                }
                default -> {
                    if (!v.isTextual() || v.asText().length() > reg.path("MaxLength").asInt(Integer.MAX_VALUE)) {
                        throw RedfishEmulator.badRequest("The value " + v + " for the property " + e.getKey() + " is not a valid string.");
                    }
                    out.put(e.getKey(), v.asText());
                }
            }
        });
        return out;
    }
}
