package dev.ferrum.drivers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The hardware types Ferrum ships, with the interfaces each supports (as in Ironic 21.4). */
public final class HardwareTypes {
    /** Interfaces every generic hardware type supports, in preference order. */
    private static final Map<String, List<String>> GENERIC = Map.ofEntries(
            Map.entry("bios", List.of("no-bios")),
            Map.entry("boot", List.of("ipxe", "pxe")),
            Map.entry("console", List.of("no-console")),
            Map.entry("deploy", List.of("direct", "ramdisk")),
            Map.entry("inspect", List.of("no-inspect")),
            // Without Neutron there is no network to attach, so noop is the default (as Ironic standalone).
            Map.entry("network", List.of("noop", "flat")),
            Map.entry("raid", List.of("no-raid", "agent")),
            Map.entry("rescue", List.of("no-rescue")),
            Map.entry("storage", List.of("noop")),
            Map.entry("vendor", List.of("no-vendor")));

    public static final HardwareType FAKE_HARDWARE = new HardwareType("fake-hardware", merge(Map.of(
            "bios", List.of("fake", "no-bios"),
            "boot", List.of("fake", "ipxe", "pxe"),
            "console", List.of("fake", "no-console"),
            "deploy", List.of("fake", "direct", "ramdisk"),
            "inspect", List.of("fake", "no-inspect"),
            "management", List.of("fake"),
            "power", List.of("fake"),
            "raid", List.of("fake", "no-raid", "agent"),
            "rescue", List.of("fake", "no-rescue"),
            "storage", List.of("noop", "fake")), Map.of("vendor", List.of("fake", "no-vendor"))), Map.of());

    public static final HardwareType MANUAL_MANAGEMENT = new HardwareType("manual-management", merge(Map.of(
            "management", List.of("noop", "fake"),
            "power", List.of("fake")), Map.of()), Map.of());

    public static final HardwareType IPMI = new HardwareType("ipmi", merge(Map.of(
            "console", List.of("no-console"),
            "management", List.of("ipmitool", "noop"),
            "power", List.of("ipmitool"),
            "vendor", List.of("ipmitool", "no-vendor")), Map.of()), DriverProperties.IPMITOOL);

    public static final HardwareType REDFISH = new HardwareType("redfish", merge(Map.of(
            "bios", List.of("redfish", "no-bios"),
            "console", List.of("no-console"),
            "inspect", List.of("redfish", "no-inspect"),
            "management", List.of("redfish", "noop"),
            "power", List.of("redfish"),
            "vendor", List.of("redfish", "no-vendor")), Map.of()), DriverProperties.REDFISH);

    public static final List<HardwareType> ALL = List.of(FAKE_HARDWARE, MANUAL_MANAGEMENT, IPMI, REDFISH);

    private HardwareTypes() {
    }

    private static Map<String, List<String>> merge(Map<String, List<String>> own, Map<String, List<String>> more) {
        Map<String, List<String>> m = new LinkedHashMap<>(GENERIC);
        m.putAll(own);
        m.putAll(more);
        return m;
    }
}
