package dev.ferrum.drivers.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import dev.ferrum.common.States;
import dev.ferrum.conductor.Task;
import dev.ferrum.db.Condition;
import dev.ferrum.drivers.base.InspectInterface;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Out-of-band inspection: reads the system, its processors, storage and network interfaces from the BMC,
 * fills the node's properties (cpus, cpu_arch, memory_mb, local_gb, the boot_mode capability), creates a
 * port for every NIC MAC the node does not have yet, and stores what it read as the node's inventory.
 */
record RedfishInspect(RedfishClients clients) implements InspectInterface, RedfishDriverInterface {
    private static final Logger LOG = LoggerFactory.getLogger(RedfishInspect.class);
    private static final long GIB = 1L << 30;

    @Override
    public String inspectHardware(Task task) {
        RedfishSystem sys = RedfishSystem.of(task, clients);
        JsonNode system = sys.read();
        Map<String, Object> props = task.jsonField("properties");
        List<String> missing = new ArrayList<>();

        // logical CPUs, as Ironic counts them: the processors' threads, else what the summary says
        List<JsonNode> processors = sys.members(system, "Processors");
        int cpus = processors.stream().mapToInt(p -> p.path("TotalThreads").asInt(0)).sum();
        if (cpus == 0) {
            JsonNode summary = system.path("ProcessorSummary");
            cpus = summary.path("LogicalProcessorCount").asInt(summary.path("Count").asInt(0));
        }
        putOrMiss(props, missing, "cpus", cpus > 0 ? cpus : null);
        putOrMiss(props, missing, "cpu_arch", processors.stream().map(RedfishInspect::arch).filter(a -> a != null)
                .findFirst().orElse(null));
        double memGib = system.path("MemorySummary").path("TotalSystemMemoryGiB").asDouble(0);
        putOrMiss(props, missing, "memory_mb", memGib > 0 ? Math.round(memGib * 1024) : null);
        if (!missing.isEmpty()) {
            throw FerrumException.invalid("Failed to inspect node %s: the BMC %s does not report %s.", task.uuid(),
                    sys.bmc().base(), String.join(", ", missing));
        }
        List<Long> disks = diskSizes(sys, system);
        // the smallest disk big enough to deploy on, less 1 GiB for the partition table, as Ironic reports it
        long root = disks.stream().filter(b -> b >= 4 * GIB).min(Long::compare).orElse(0L);
        props.put("local_gb", Math.max(0, root / GIB - 1));
        String mode = system.path("Boot").path("BootSourceOverrideMode").asText("");
        if (!mode.isEmpty()) {
            props.put("capabilities", withCapability(props.get("capabilities"), "boot_mode",
                    mode.equals("UEFI") ? "uefi" : "bios"));
        }
        List<JsonNode> nics = sys.members(system, "EthernetInterfaces");
        task.save("properties", Json.MAPPER.valueToTree(props));
        createPorts(task, nics);
        task.stores().inventory.put(task.uuid(), inventory(system, props, processors, disks, nics, mode), null);
        LOG.info("Inspected node {} through {}: {} CPUs, {} MiB, {} GiB disk, {} NICs", task.uuid(), sys.bmc().base(),
                props.get("cpus"), props.get("memory_mb"), props.get("local_gb"), nics.size());
        return States.MANAGEABLE;
    }

    private static void putOrMiss(Map<String, Object> props, List<String> missing, String key, Object value) {
        if (value == null) {
            missing.add(key);
        } else {
            props.put(key, value);
        }
    }

    /** Ironic's cpu_arch from a Processor's InstructionSet, else its ProcessorArchitecture. */
    private static String arch(JsonNode processor) {
        return switch (processor.path("InstructionSet").asText("")) {
            case "x86-64" -> "x86_64";
            case "x86" -> "i686";
            case "ARM-A64" -> "aarch64";
            case "ARM-A32" -> "arm";
            case "PowerISA" -> "ppc64le";
            case "IA-64" -> "ia64";
            default -> switch (processor.path("ProcessorArchitecture").asText("")) {
                case "x86" -> "x86_64";
                case "ARM" -> "aarch64";
                case "IA-64" -> "ia64";
                case "Power" -> "ppc64le";
                case "MIPS" -> "mips";
                default -> null;
            };
        };
    }

    /** Sizes in bytes of the system's drives (Storage) or, for older BMCs, its SimpleStorage devices. */
    private static List<Long> diskSizes(RedfishSystem sys, JsonNode system) {
        List<Long> sizes = new ArrayList<>();
        for (JsonNode storage : sys.members(system, "Storage")) {
            for (JsonNode link : storage.path("Drives")) {
                String id = link.path("@odata.id").asText(null);
                if (id != null) {
                    long b = sys.bmc().get(id).path("CapacityBytes").asLong(0);
                    if (b > 0) {
                        sizes.add(b);
                    }
                }
            }
        }
        if (sizes.isEmpty()) {
            for (JsonNode simple : sys.members(system, "SimpleStorage")) {
                simple.path("Devices").forEach(d -> {
                    if (d.path("CapacityBytes").asLong(0) > 0) {
                        sizes.add(d.path("CapacityBytes").asLong());
                    }
                });
            }
        }
        return sizes;
    }

    /** Ironic's create_ports_if_not_exist: a port per MAC; a MAC another node already has is left alone. */
    private static void createPorts(Task task, List<JsonNode> nics) {
        for (JsonNode nic : nics) {
            String mac = nic.path("MACAddress").asText("").toLowerCase(Locale.ROOT);
            if (mac.isEmpty()) {
                continue;
            }
            if (task.stores().ports.exists(List.of(new Condition.Eq("address", mac)))) {
                LOG.info("Port {} already exists; inspection of node {} does not create it", mac, task.uuid());
                continue;
            }
            Map<String, Object> port = new LinkedHashMap<>();
            port.put("address", mac);
            port.put("node_uuid", task.uuid());
            port.put("pxe_enabled", true);
            task.stores().ports.insert(task.stores().ports.spec().withDefaults(port));
            LOG.info("Port created for MAC address {} of node {} during inspection", mac, task.uuid());
        }
    }

    /** properties.capabilities is "k1:v1,k2:v2": set one key, keeping the others. */
    static String withCapability(Object current, String key, String value) {
        Map<String, String> caps = new LinkedHashMap<>();
        if (current != null && !current.toString().isBlank()) {
            for (String kv : current.toString().split(",")) {
                String[] p = kv.split(":", 2);
                caps.put(p[0].trim(), p.length > 1 ? p[1].trim() : "");
            }
        }
        caps.put(key, value);
        return String.join(",", caps.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toList());
    }

    /** What the BMC reported, in the shape of the agent's inventory (GET /v1/nodes/{node}/inventory). */
    private static ObjectNode inventory(JsonNode system, Map<String, Object> props, List<JsonNode> processors, List<Long> disks, List<JsonNode> nics,
                                        String mode) {
        ObjectNode inv = Json.MAPPER.createObjectNode();
        JsonNode first = processors.isEmpty() ? Json.MAPPER.createObjectNode() : processors.getFirst();
        inv.putObject("cpu").put("count", ((Number) props.get("cpus")).intValue())
                .put("architecture", arch(first)).put("model_name", first.path("Model").asText(null));
        inv.putObject("memory").put("physical_mb", Math.round(system.path("MemorySummary").path("TotalSystemMemoryGiB").asDouble() * 1024));
        ArrayNode d = inv.putArray("disks");
        disks.forEach(b -> d.addObject().put("size", b));
        ArrayNode n = inv.putArray("interfaces");
        nics.forEach(nic -> n.addObject().put("name", nic.path("Id").asText()).put("mac_address",
                nic.path("MACAddress").asText("").toLowerCase(Locale.ROOT)));
        inv.putObject("system_vendor").put("manufacturer", system.path("Manufacturer").asText(null))
                .put("product_name", system.path("Model").asText(null)).put("serial_number", system.path("SerialNumber").asText(null));
        if (!mode.isEmpty()) {
            inv.putObject("boot").put("current_boot_mode", mode.equals("UEFI") ? "uefi" : "bios");
        }
        return inv;
    }
}
