package dev.ferrum.lab.redfish;

import static dev.ferrum.lab.redfish.ServiceResources.requireGet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ComputerSystem and what hangs off it: the Reset action, Processors, Memory, EthernetInterfaces, Storage with
 * Drives and Volumes, SimpleStorage. BIOS is in {@link BiosResources}.
 */
final class SystemResources {
    static final String SYSTEMS = "/redfish/v1/Systems";
    private static final String CPU_MODEL = "Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz";
    private static final Set<String> READ_ONLY = Set.of("Id", "Name", "UUID", "PowerState", "Status",
            "ProcessorSummary", "MemorySummary", "Manufacturer", "Model", "SerialNumber", "SystemType",
            "BiosVersion", "Actions", "Links", "Processors", "Memory", "EthernetInterfaces", "Storage",
            "SimpleStorage", "Bios");

    private SystemResources() {
    }

    static String path(String id) {
        return SYSTEMS + "/" + id;
    }

    static Reply collection(Request r, List<EmulatedSystem> systems) {
        requireGet(r);
        List<String> members = new ArrayList<>(systems.size());
        systems.forEach(s -> members.add(path(s.id())));
        return Reply.ok(Json.collection(SYSTEMS, "#ComputerSystemCollection.ComputerSystemCollection",
                "Computer System Collection", members));
    }

    /** /redfish/v1/Systems/{id}/...: segments from 2 on choose the sub-resource. */
    static Reply route(Request r, EmulatedSystem s) {
        String sub = r.segment(2);
        if (sub == null) {
            if (r.is("PATCH")) {
                patch(r, s);
            } else {
                requireGet(r);
            }
            synchronized (s) {
                return Reply.ok(system(s)).etag(s.version());
            }
        }
        return switch (sub) {
            case "Actions" -> reset(r, s);
            case "Processors" -> processors(r, s);
            case "Memory" -> memory(r, s);
            case "EthernetInterfaces" -> nics(r, s);
            case "Storage" -> StorageResources.storage(r, s);
            case "SimpleStorage" -> StorageResources.simpleStorage(r, s);
            case "Bios" -> BiosResources.route(r, s);
            default -> throw RedfishError.notFound(r.path());
        };
    }

    private static ObjectNode system(EmulatedSystem s) {
        String p = path(s.id());
        ObjectNode n = Json.resource(p, "#ComputerSystem.v1_13_0.ComputerSystem");
        n.put("Id", s.id());
        n.put("Name", "Lab System " + s.id());
        n.put("SystemType", "Physical");
        n.put("Manufacturer", "Ferrum Lab");
        n.put("Model", "Lab Server");
        n.put("SerialNumber", serial(s));
        n.put("UUID", s.uuid().toString());
        n.put("BiosVersion", "2.1.0");
        n.put("PowerState", s.powerState());
        n.put("IndicatorLED", s.indicatorLed());
        n.set("Status", Json.status("Enabled", "OK").put("HealthRollup", "OK"));
        ObjectNode boot = Json.object();
        boot.put("BootSourceOverrideTarget", s.bootSourceOverrideTarget());
        boot.put("BootSourceOverrideEnabled", s.bootSourceOverrideEnabled());
        boot.put("BootSourceOverrideMode", s.bootSourceOverrideMode());
        boot.set("BootSourceOverrideTarget@Redfish.AllowableValues", Json.strings(EmulatedSystem.BOOT_TARGETS));
        boot.set("BootSourceOverrideMode@Redfish.AllowableValues", Json.strings(EmulatedSystem.BOOT_MODES));
        n.set("Boot", boot);
        ObjectNode cpu = Json.object();
        cpu.put("Count", sockets(s));
        cpu.put("LogicalProcessorCount", s.cpus());
        cpu.put("Model", CPU_MODEL);
        cpu.set("Status", Json.status("Enabled", "OK").put("HealthRollup", "OK"));
        n.set("ProcessorSummary", cpu);
        ObjectNode mem = Json.object();
        if (s.memoryMib() % 1024 == 0) {
            mem.put("TotalSystemMemoryGiB", s.memoryMib() / 1024);
        } else {
            mem.put("TotalSystemMemoryGiB", s.memoryMib() / 1024.0);
        }
        mem.set("Status", Json.status("Enabled", "OK").put("HealthRollup", "OK"));
        n.set("MemorySummary", mem);
        n.set("Processors", Json.ref(p + "/Processors"));
        n.set("Memory", Json.ref(p + "/Memory"));
        n.set("EthernetInterfaces", Json.ref(p + "/EthernetInterfaces"));
        n.set("Storage", Json.ref(p + "/Storage"));
        n.set("SimpleStorage", Json.ref(p + "/SimpleStorage"));
        n.set("Bios", Json.ref(p + "/Bios"));
        ObjectNode links = Json.object();
        links.set("Chassis", Json.refs(List.of(ChassisResources.path(s.id()))));
        links.set("ManagedBy", Json.refs(List.of(ManagerResources.path(s.id()))));
        n.set("Links", links);
        ObjectNode reset = Json.object();
        reset.put("target", p + "/Actions/ComputerSystem.Reset");
        reset.set("ResetType@Redfish.AllowableValues", Json.strings(EmulatedSystem.RESET_TYPES));
        n.set("Actions", Json.object().set("#ComputerSystem.Reset", reset));
        return n;
    }

    static String serial(EmulatedSystem s) {
        return "FLAB" + s.uuid().toString().substring(0, 8).toUpperCase();
    }

    /** PATCH {Boot: {...}, IndicatorLED}: all values checked before any is applied. */
    private static void patch(Request r, EmulatedSystem s) {
        ObjectNode body = r.json();
        String target = null;
        String enabled = null;
        String mode = null;
        String led = null;
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            switch (e.getKey()) {
                case "Boot" -> {
                    if (!(e.getValue() instanceof ObjectNode boot)) {
                        throw RedfishError.propertyValueTypeError("Boot", e.getValue().toString());
                    }
                    for (Map.Entry<String, JsonNode> b : boot.properties()) {
                        String name = b.getKey();
                        if (!Set.of("BootSourceOverrideTarget", "BootSourceOverrideEnabled",
                                "BootSourceOverrideMode").contains(name)) {
                            throw RedfishError.propertyUnknown("Boot/" + name);
                        }
                    }
                    target = allowed(boot, "BootSourceOverrideTarget", "Boot/", EmulatedSystem.BOOT_TARGETS);
                    enabled = allowed(boot, "BootSourceOverrideEnabled", "Boot/", EmulatedSystem.BOOT_ENABLED);
                    mode = allowed(boot, "BootSourceOverrideMode", "Boot/", EmulatedSystem.BOOT_MODES);
                }
                case "IndicatorLED" -> led = allowed(body, "IndicatorLED", "", EmulatedSystem.LED_STATES);
                default -> throw READ_ONLY.contains(e.getKey())
                        ? RedfishError.propertyNotWritable(e.getKey())
                        : RedfishError.propertyUnknown(e.getKey());
            }
        }
        synchronized (s) {
            r.checkIfMatch(Reply.etagOf(s.version()));
            if (target != null || enabled != null || mode != null) {
                s.setBoot(target, enabled, mode);
            }
            if (led != null) {
                s.setIndicatorLed(led);
            }
        }
    }

    private static String allowed(ObjectNode o, String field, String prefix, List<String> values) {
        String v = Request.text(o, field, prefix + field);
        if (v != null && !values.contains(v)) {
            throw RedfishError.propertyValueNotInList(prefix + field, v, values);
        }
        return v;
    }

    private static Reply reset(Request r, EmulatedSystem s) {
        if (r.depth() != 4 || !"ComputerSystem.Reset".equals(r.segment(3))) {
            throw RedfishError.notFound(r.path());
        }
        if (!r.is("POST")) {
            throw RedfishError.methodNotAllowed(r.method(), r.path());
        }
        String action = "ComputerSystem.Reset";
        String type = Request.text(r.json(), "ResetType", "ResetType");
        if (type == null) {
            throw RedfishError.actionParameterMissing(action, "ResetType");
        }
        if (!EmulatedSystem.RESET_TYPES.contains(type)) {
            throw RedfishError.actionParameterNotSupported(action, "ResetType", type);
        }
        s.reset(type);
        return Reply.noContent();
    }

    static int sockets(EmulatedSystem s) {
        return s.cpus() >= 2 && s.cpus() % 2 == 0 ? 2 : 1;
    }

    private static Reply processors(Request r, EmulatedSystem s) {
        requireGet(r);
        String base = path(s.id()) + "/Processors";
        int sockets = sockets(s);
        if (r.depth() == 3) {
            List<String> members = new ArrayList<>();
            for (int i = 1; i <= sockets; i++) {
                members.add(base + "/CPU" + i);
            }
            return Reply.ok(Json.collection(base, "#ProcessorCollection.ProcessorCollection",
                    "Processors Collection", members));
        }
        int socket = member(r, "CPU", sockets);
        int threads = s.cpus() / sockets;
        ObjectNode n = Json.resource(base + "/CPU" + socket, "#Processor.v1_10_0.Processor");
        n.put("Id", "CPU" + socket);
        n.put("Name", "Processor " + socket);
        n.put("Socket", "CPU " + socket);
        n.put("ProcessorType", "CPU");
        n.put("ProcessorArchitecture", "x86");
        n.put("InstructionSet", "x86-64");
        n.put("Manufacturer", "Intel(R) Corporation");
        n.put("Model", CPU_MODEL);
        n.put("MaxSpeedMHz", 3900);
        n.put("TotalCores", threads % 2 == 0 ? threads / 2 : threads);
        n.put("TotalThreads", threads);
        n.set("Status", Json.status("Enabled", "OK"));
        return Reply.ok(n);
    }

    static int dimms(EmulatedSystem s) {
        return s.memoryMib() % 4 == 0 ? 4 : 1;
    }

    private static Reply memory(Request r, EmulatedSystem s) {
        requireGet(r);
        String base = path(s.id()) + "/Memory";
        int dimms = dimms(s);
        if (r.depth() == 3) {
            List<String> members = new ArrayList<>();
            for (int i = 1; i <= dimms; i++) {
                members.add(base + "/DIMM" + i);
            }
            return Reply.ok(Json.collection(base, "#MemoryCollection.MemoryCollection", "Memory Collection",
                    members));
        }
        int dimm = member(r, "DIMM", dimms);
        ObjectNode n = Json.resource(base + "/DIMM" + dimm, "#Memory.v1_9_0.Memory");
        n.put("Id", "DIMM" + dimm);
        n.put("Name", "DIMM " + dimm);
        n.put("MemoryType", "DRAM");
        n.put("MemoryDeviceType", "DDR4");
        n.put("CapacityMiB", s.memoryMib() / dimms);
        n.put("OperatingSpeedMhz", 2933);
        n.put("Manufacturer", "Ferrum Lab");
        n.set("Status", Json.status("Enabled", "OK"));
        return Reply.ok(n);
    }

    private static Reply nics(Request r, EmulatedSystem s) {
        requireGet(r);
        String base = path(s.id()) + "/EthernetInterfaces";
        List<String> macs = s.macAddresses();
        if (r.depth() == 3) {
            List<String> members = new ArrayList<>();
            for (int i = 1; i <= macs.size(); i++) {
                members.add(base + "/NIC" + i);
            }
            return Reply.ok(Json.collection(base, "#EthernetInterfaceCollection.EthernetInterfaceCollection",
                    "Ethernet Interface Collection", members));
        }
        int nic = member(r, "NIC", macs.size());
        ObjectNode n = Json.resource(base + "/NIC" + nic, "#EthernetInterface.v1_6_0.EthernetInterface");
        n.put("Id", "NIC" + nic);
        n.put("Name", "Ethernet Interface " + nic);
        n.put("MACAddress", macs.get(nic - 1));
        n.put("PermanentMACAddress", macs.get(nic - 1));
        n.put("SpeedMbps", 10000);
        n.put("FullDuplex", true);
        n.put("AutoNeg", true);
        n.put("LinkStatus", "LinkUp");
        n.put("InterfaceEnabled", true);
        n.set("Status", Json.status("Enabled", "OK"));
        return Reply.ok(n);
    }

    /** The member number in ".../{prefix}{n}" (1..count), or a 404. */
    static int member(Request r, String prefix, int count) {
        String id = r.segment(3);
        if (r.depth() != 4 || !id.startsWith(prefix)) {
            throw RedfishError.notFound(r.path());
        }
        try {
            int n = Integer.parseInt(id.substring(prefix.length()));
            if (n >= 1 && n <= count) {
                return n;
            }
        } catch (NumberFormatException e) {
            // a 404 below
        }
        throw RedfishError.notFound(r.path());
    }
}
