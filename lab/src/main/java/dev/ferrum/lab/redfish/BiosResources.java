package dev.ferrum.lab.redfish;

import static dev.ferrum.lab.redfish.ServiceResources.requireGet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bios (attributes in effect), Bios/Settings (pending attributes, applied on the next power-on or restart),
 * Bios.ResetBios, and the Registries collection that serves the BIOS AttributeRegistry.
 */
final class BiosResources {
    static final String REGISTRIES = "/redfish/v1/Registries";
    private static final String REGISTRY_FILE = REGISTRIES + "/" + BiosRegistry.ID;
    private static final String REGISTRY_DOC = REGISTRY_FILE + "/BiosAttributeRegistry";

    private BiosResources() {
    }

    /** /redfish/v1/Systems/{id}/Bios[/Settings | /Actions/Bios.ResetBios]. */
    static Reply route(Request r, EmulatedSystem s) {
        String base = SystemResources.path(s.id()) + "/Bios";
        if (r.depth() == 3) {
            requireGet(r);
            synchronized (s) {
                return Reply.ok(bios(base, s)).etag(s.version());
            }
        }
        if (r.depth() == 4 && "Settings".equals(r.segment(3))) {
            if (r.is("PATCH")) {
                patchSettings(r, s);
            } else {
                requireGet(r);
            }
            synchronized (s) {
                ObjectNode n = Json.resource(base + "/Settings", "#Bios.v1_1_0.Bios");
                n.put("Id", "Settings");
                n.put("Name", "BIOS Configuration Pending Settings");
                n.put("AttributeRegistry", BiosRegistry.ID);
                n.set("Attributes", Json.attributes(s.pendingBiosView()));
                return Reply.ok(n).etag(s.version());
            }
        }
        if (r.depth() == 5 && "Actions".equals(r.segment(3)) && "Bios.ResetBios".equals(r.segment(4))) {
            if (!r.is("POST")) {
                throw RedfishError.methodNotAllowed(r.method(), r.path());
            }
            r.json(); // a body is optional (sushy posts none first) but must be JSON when sent
            s.resetBios();
            return Reply.noContent();
        }
        throw RedfishError.notFound(r.path());
    }

    private static ObjectNode bios(String base, EmulatedSystem s) {
        ObjectNode n = Json.resource(base, "#Bios.v1_1_0.Bios");
        n.put("Id", "Bios");
        n.put("Name", "BIOS Configuration Current Settings");
        n.put("AttributeRegistry", BiosRegistry.ID);
        n.set("Attributes", Json.attributes(s.biosView()));
        ObjectNode settings = Json.object();
        settings.put("@odata.type", "#Settings.v1_3_0.Settings");
        settings.set("SettingsObject", Json.ref(base + "/Settings"));
        settings.set("SupportedApplyTimes", Json.strings(List.of("OnReset")));
        n.set("@Redfish.Settings", settings);
        n.set("Actions", Json.object().set("#Bios.ResetBios",
                Json.object().put("target", base + "/Actions/Bios.ResetBios")));
        return n;
    }

    /** PATCH {Attributes: {...}}: every attribute checked against the registry before any is stored. */
    private static void patchSettings(Request r, EmulatedSystem s) {
        ObjectNode body = r.json();
        JsonNode attrs = body.get("Attributes");
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (!e.getKey().equals("Attributes") && !e.getKey().equals("@Redfish.SettingsApplyTime")) {
                throw RedfishError.propertyUnknown(e.getKey());
            }
        }
        if (attrs == null) {
            throw RedfishError.propertyMissing("Attributes");
        }
        if (!(attrs instanceof ObjectNode o)) {
            throw RedfishError.propertyValueTypeError("Attributes", attrs.toString());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            Object v = Json.MAPPER.convertValue(e.getValue(), Object.class);
            BiosRegistry.check(e.getKey(), v);
            values.put(e.getKey(), v);
        }
        synchronized (s) {
            r.checkIfMatch(Reply.etagOf(s.version()));
            s.setPendingBios(values);
        }
    }

    /** /redfish/v1/Registries[/BiosAttributeRegistry.v1_0_0[/BiosAttributeRegistry]]. */
    static Reply registries(Request r) {
        requireGet(r);
        if (r.depth() == 1) {
            return Reply.ok(Json.collection(REGISTRIES,
                    "#MessageRegistryFileCollection.MessageRegistryFileCollection", "Registry File Collection",
                    List.of(REGISTRY_FILE)));
        }
        if (!BiosRegistry.ID.equals(r.segment(1))) {
            throw RedfishError.notFound(r.path());
        }
        if (r.depth() == 2) {
            ObjectNode n = Json.resource(REGISTRY_FILE, "#MessageRegistryFile.v1_1_0.MessageRegistryFile");
            n.put("Id", BiosRegistry.ID);
            n.put("Name", "BIOS Attribute Registry File");
            n.put("Description", "Locations of the BIOS attribute registry");
            n.set("Languages", Json.strings(List.of("en")));
            n.put("Registry", BiosRegistry.REGISTRY);
            ArrayNode location = Json.array();
            location.add(Json.object().put("Language", "en").put("Uri", REGISTRY_DOC));
            n.set("Location", location);
            return Reply.ok(n);
        }
        if (r.depth() == 3 && "BiosAttributeRegistry".equals(r.segment(2))) {
            return Reply.ok(registry());
        }
        throw RedfishError.notFound(r.path());
    }

    private static ObjectNode registry() {
        ObjectNode n = Json.resource(REGISTRY_DOC, "#AttributeRegistry.v1_3_0.AttributeRegistry");
        n.put("Id", BiosRegistry.ID);
        n.put("Name", "BIOS Attribute Registry");
        n.put("Description", "The BIOS attributes of the Ferrum lab server");
        n.put("Language", "en");
        n.put("OwningEntity", "Ferrum Lab");
        n.put("RegistryVersion", "1.0.0");
        ArrayNode supported = Json.array();
        supported.add(Json.object().put("ProductName", "Lab Server").put("SystemId", "FLAB")
                .put("FirmwareVersion", "2.1.0"));
        n.set("SupportedSystems", supported);
        ArrayNode list = Json.array();
        for (BiosRegistry.Attribute a : BiosRegistry.ATTRIBUTES) {
            ObjectNode e = Json.object();
            e.put("AttributeName", a.name());
            e.put("DisplayName", a.displayName());
            e.put("Type", a.type().name());
            e.set("DefaultValue", Json.MAPPER.valueToTree(a.defaultValue()));
            e.put("ReadOnly", a.readOnly());
            e.put("Immutable", a.readOnly());
            e.put("ResetRequired", true);
            switch (a.type()) {
                case Enumeration -> {
                    ArrayNode values = Json.array();
                    a.values().forEach(v -> values.add(Json.object().put("ValueName", v)
                            .put("ValueDisplayName", v)));
                    e.set("Value", values);
                }
                case Integer -> e.put("LowerBound", a.lowerBound()).put("UpperBound", a.upperBound())
                        .put("ScalarIncrement", 1);
                case String -> e.put("MinLength", a.lowerBound()).put("MaxLength", a.upperBound());
                default -> {
                }
            }
            list.add(e);
        }
        n.set("RegistryEntries", Json.object().set("Attributes", list));
        return n;
    }
}
