package dev.ferrum.lab.redfish;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulated machine's BIOS attributes: their types, allowed values and defaults, served as a DMTF
 * AttributeRegistry and used to check Bios/Settings PATCHes the way real BMCs do (unknown, read-only, out of list).
 */
final class BiosRegistry {
    static final String ID = "BiosAttributeRegistry.v1_0_0";
    static final String REGISTRY = "BiosAttributeRegistry.1.0";

    enum Type { Enumeration, String, Integer, Boolean }

    record Attribute(String name, Type type, Object defaultValue, List<String> values, boolean readOnly,
                     int lowerBound, int upperBound, String displayName) {
    }

    static final List<Attribute> ATTRIBUTES = List.of(
            enumeration("BootMode", "Uefi", "Boot Mode", "Uefi", "Bios"),
            enumeration("ProcVirtualization", "Enabled", "Virtualization Technology", "Enabled", "Disabled"),
            enumeration("LogicalProc", "Enabled", "Logical Processor (Hyper-Threading)", "Enabled", "Disabled"),
            enumeration("ProcTurboMode", "Enabled", "Turbo Mode", "Enabled", "Disabled"),
            enumeration("SriovGlobalEnable", "Disabled", "SR-IOV Global Enable", "Enabled", "Disabled"),
            enumeration("EmbSata", "AhciMode", "Embedded SATA", "AhciMode", "RaidMode", "Off"),
            enumeration("SysProfile", "PerfPerWattOptimizedDapc", "System Profile", "PerfPerWattOptimizedDapc",
                    "PerfOptimized", "Custom"),
            new Attribute("PxeRetries", Type.Integer, 3, List.of(), false, 0, 10, "PXE Boot Retries"),
            new Attribute("NumLock", Type.Boolean, true, List.of(), false, 0, 0, "Keyboard NumLock"),
            new Attribute("AssetTag", Type.String, "", List.of(), false, 0, 63, "Asset Tag"),
            new Attribute("SystemModelName", Type.String, "Ferrum Lab Server", List.of(), true, 0, 63,
                    "System Model Name"));

    private static final Map<String, Attribute> BY_NAME = new LinkedHashMap<>();
    static {
        ATTRIBUTES.forEach(a -> BY_NAME.put(a.name(), a));
    }

    private BiosRegistry() {
    }

    private static Attribute enumeration(String name, String dflt, String display, String... values) {
        return new Attribute(name, Type.Enumeration, dflt, List.of(values), false, 0, 0, display);
    }

    static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        ATTRIBUTES.forEach(a -> d.put(a.name(), a.defaultValue()));
        return d;
    }

    /** Checks one requested attribute; throws the 400 a BMC would answer. */
    static void check(String name, Object value) {
        String property = "Attributes/" + name;
        Attribute a = BY_NAME.get(name);
        if (a == null) {
            throw RedfishError.propertyUnknown(property);
        }
        if (a.readOnly()) {
            throw RedfishError.propertyNotWritable(property);
        }
        switch (a.type()) {
            case Enumeration -> {
                if (!(value instanceof String s) || !a.values().contains(s)) {
                    throw RedfishError.propertyValueNotInList(property, value, a.values());
                }
            }
            case Integer -> {
                if (!(value instanceof Integer i)) {
                    throw RedfishError.propertyValueTypeError(property, value);
                }
                if (i < a.lowerBound() || i > a.upperBound()) {
                    throw RedfishError.propertyValueOutOfRange(property, value);
                }
            }
            case Boolean -> {
                if (!(value instanceof Boolean)) {
                    throw RedfishError.propertyValueTypeError(property, value);
                }
            }
            case String -> {
                if (!(value instanceof String s)) {
                    throw RedfishError.propertyValueTypeError(property, value);
                }
                if (s.length() > a.upperBound()) {
                    throw RedfishError.propertyValueOutOfRange(property, value);
                }
            }
        }
    }
}
