package dev.ferrum.lab.redfish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The Redfish documents the emulator serves, shaped after DMTF's schemas as sushy and redfishtool read them. */
final class Resources {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROOT = "/redfish/v1";
    static final String REGISTRY = "BiosAttributeRegistry.v1_0_0";
    static final List<String> RESET_TYPES = List.of("On", "ForceOff", "GracefulShutdown", "GracefulRestart", "ForceRestart",
            "Nmi", "ForceOn", "PushPowerButton", "PowerCycle");
    static final List<String> BOOT_TARGETS = List.of("None", "Pxe", "Floppy", "Cd", "Usb", "Hdd", "BiosSetup", "UefiHttp");

    private Resources() {
    }

    static ObjectNode resource(String type, String id, String name, String path) {
        ObjectNode n = JSON.createObjectNode();
        n.put("@odata.type", "#" + type);
        n.put("@odata.id", path);
        String schema = type.substring(0, type.indexOf('.'));
        n.put("@odata.context", ROOT + "/$metadata#" + schema + "." + schema);
        n.put("Id", id);
        n.put("Name", name);
        return n;
    }

    static ObjectNode collection(String type, String name, String path, Collection<String> members) {
        ObjectNode n = JSON.createObjectNode();
        n.put("@odata.type", "#" + type + "." + type);
        n.put("@odata.id", path);
        n.put("Name", name);
        n.put("Members@odata.count", members.size());
        ArrayNode a = n.putArray("Members");
        members.forEach(m -> a.addObject().put("@odata.id", m));
        return n;
    }

    static ObjectNode link(ObjectNode parent, String field, String path) {
        parent.putObject(field).put("@odata.id", path);
        return parent;
    }

    static ObjectNode serviceRoot(String uuid) {
        ObjectNode n = resource("ServiceRoot.v1_5_0.ServiceRoot", "RootService", "Root Service", ROOT + "/");
        n.put("RedfishVersion", "1.8.0");
        n.put("UUID", uuid);
        link(n, "Systems", ROOT + "/Systems");
        link(n, "Managers", ROOT + "/Managers");
        link(n, "Chassis", ROOT + "/Chassis");
        link(n, "SessionService", ROOT + "/SessionService");
        link(n, "Registries", ROOT + "/Registries");
        n.putObject("Links").putObject("Sessions").put("@odata.id", ROOT + "/SessionService/Sessions");
        return n;
    }

    static ObjectNode sessionService() {
        ObjectNode n = resource("SessionService.v1_1_3.SessionService", "SessionService", "Session Service",
                ROOT + "/SessionService");
        n.put("ServiceEnabled", true);
        n.put("SessionTimeout", 1800);
        link(n, "Sessions", ROOT + "/SessionService/Sessions");
        return n;
    }

    static ObjectNode session(String id, String user) {
        ObjectNode n = resource("Session.v1_1_0.Session", id, "Session " + id, ROOT + "/SessionService/Sessions/" + id);
        n.put("UserName", user);
        return n;
    }

    static ObjectNode system(EmulatedSystem s, String path) {
        ObjectNode n = resource("ComputerSystem.v1_10_0.ComputerSystem", s.id(), "System " + s.id(), path);
        n.put("UUID", String.format("8f0d3c2a-0000-4000-8000-%012d", s.index()));
        n.put("SystemType", "Physical");
        n.put("Manufacturer", "Ferrum Lab");
        n.put("Model", "Emulated Redfish Server");
        n.put("SerialNumber", s.biosAttributes().get("SerialNumber").toString());
        n.put("PowerState", s.powerState());
        n.put("IndicatorLED", s.indicatorLed());
        n.putObject("Status").put("State", "Enabled").put("Health", "OK");
        ObjectNode boot = n.putObject("Boot");
        boot.put("BootSourceOverrideTarget", s.bootSourceOverrideTarget());
        boot.put("BootSourceOverrideEnabled", s.bootSourceOverrideEnabled());
        boot.put("BootSourceOverrideMode", s.bootSourceOverrideMode());
        boot.set("BootSourceOverrideTarget@Redfish.AllowableValues", JSON.valueToTree(BOOT_TARGETS));
        boot.set("BootSourceOverrideMode@Redfish.AllowableValues", JSON.valueToTree(List.of("Legacy", "UEFI")));
        n.putObject("ProcessorSummary").put("Count", s.cpus()).put("Model", "Emulated x86-64 CPU")
                .putObject("Status").put("State", "Enabled").put("Health", "OK");
        n.putObject("MemorySummary").put("TotalSystemMemoryGiB", s.memoryMib() / 1024.0)
                .putObject("Status").put("State", "Enabled").put("Health", "OK");
        link(n, "Processors", path + "/Processors");
        link(n, "Memory", path + "/Memory");
        link(n, "Storage", path + "/Storage");
        link(n, "SimpleStorage", path + "/SimpleStorage");
        link(n, "EthernetInterfaces", path + "/EthernetInterfaces");
        link(n, "Bios", path + "/Bios");
        ObjectNode links = n.putObject("Links");
        links.putArray("Chassis").addObject().put("@odata.id", ROOT + "/Chassis/" + s.id());
        links.putArray("ManagedBy").addObject().put("@odata.id", ROOT + "/Managers/BMC");
        ObjectNode reset = n.putObject("Actions").putObject("#ComputerSystem.Reset");
        reset.put("target", path + "/Actions/ComputerSystem.Reset");
        reset.set("ResetType@Redfish.AllowableValues", JSON.valueToTree(RESET_TYPES));
        return n;
    }

    static ObjectNode processor(EmulatedSystem s, String path, int i) {
        ObjectNode n = resource("Processor.v1_0_0.Processor", "CPU" + i, "Processor " + i, path);
        n.put("Socket", "CPU " + i);
        n.put("ProcessorType", "CPU");
        n.put("ProcessorArchitecture", "x86");
        n.put("InstructionSet", "x86-64");
        n.put("Manufacturer", "Ferrum Lab");
        n.put("Model", "Emulated x86-64 CPU");
        n.put("MaxSpeedMHz", 3000);
        n.put("TotalCores", s.cpus() / 4);
        n.put("TotalThreads", s.cpus() / 2);
        n.putObject("Status").put("State", "Enabled").put("Health", "OK");
        return n;
    }

    static ObjectNode memory(EmulatedSystem s, String path) {
        ObjectNode n = resource("Memory.v1_2_0.Memory", "DIMM0", "DIMM 0", path);
        n.put("CapacityMiB", s.memoryMib());
        n.put("MemoryDeviceType", "DDR4");
        n.put("OperatingSpeedMhz", 3200);
        n.putObject("Status").put("State", "Enabled").put("Health", "OK");
        return n;
    }

    static ObjectNode storage(String path) {
        ObjectNode n = resource("Storage.v1_4_0.Storage", "1", "Local Storage Controller", path);
        n.putArray("Drives").addObject().put("@odata.id", path + "/Drives/1");
        n.putObject("Status").put("State", "Enabled").put("Health", "OK");
        return n;
    }

    static ObjectNode drive(EmulatedSystem s, String path) {
        ObjectNode n = resource("Drive.v1_4_0.Drive", "1", "Drive 1", path);
        n.put("CapacityBytes", (long) s.localDiskGib() << 30);
        n.put("MediaType", "SSD");
        n.put("Protocol", "SATA");
        n.putObject("Status").put("State", "Enabled").put("Health", "OK");
        return n;
    }

    static ObjectNode simpleStorage(EmulatedSystem s, String path) {
        ObjectNode n = resource("SimpleStorage.v1_2_0.SimpleStorage", "1", "Simple Storage Controller", path);
        n.putArray("Devices").addObject().put("Name", "Drive 1").put("CapacityBytes", (long) s.localDiskGib() << 30)
                .putObject("Status").put("State", "Enabled").put("Health", "OK");
        return n;
    }

    static ObjectNode nic(EmulatedSystem s, String path, int i) {
        ObjectNode n = resource("EthernetInterface.v1_4_0.EthernetInterface", "NIC" + i, "NIC " + i, path);
        n.put("MACAddress", s.macAddresses().get(i));
        n.put("PermanentMACAddress", s.macAddresses().get(i));
        n.put("SpeedMbps", 10000);
        n.put("LinkStatus", "LinkUp");
        n.putObject("Status").put("State", "Enabled").put("Health", "OK");
        return n;
    }

    static ObjectNode bios(EmulatedSystem s, String path) {
        ObjectNode n = resource("Bios.v1_0_0.Bios", "BIOS", "BIOS Configuration Current Settings", path);
        n.put("AttributeRegistry", REGISTRY);
        n.set("Attributes", JSON.valueToTree(s.biosAttributes()));
        n.putObject("@Redfish.Settings").put("@odata.type", "#Settings.v1_0_0.Settings")
                .putObject("SettingsObject").put("@odata.id", path + "/Settings");
        ObjectNode actions = n.putObject("Actions");
        actions.putObject("#Bios.ResetBios").put("target", path + "/Actions/Bios.ResetBios");
        actions.putObject("#Bios.ChangePassword").put("target", path + "/Actions/Bios.ChangePassword");
        return n;
    }

    static ObjectNode biosSettings(EmulatedSystem s, String path) {
        ObjectNode n = resource("Bios.v1_0_0.Bios", "Settings", "BIOS Configuration Pending Settings", path);
        n.put("AttributeRegistry", REGISTRY);
        n.set("Attributes", JSON.valueToTree(s.pendingBiosAttributes()));
        return n;
    }

    /** The registry's attribute entries: what each BIOS setting accepts. */
    static final Map<String, ObjectNode> BIOS_REGISTRY = registryEntries();

    private static Map<String, ObjectNode> registryEntries() {
        Map<String, ObjectNode> m = new java.util.LinkedHashMap<>();
        m.put("BootMode", enumeration("BootMode", List.of("Uefi", "Bios"), true));
        m.put("ProcTurboMode", enumeration("ProcTurboMode", List.of("Enabled", "Disabled"), false));
        m.put("ProcVirtualization", enumeration("ProcVirtualization", List.of("Enabled", "Disabled"), true));
        ObjectNode numa = attribute("NumaNodesPerSocket", "Integer", false, true);
        numa.put("LowerBound", 1).put("UpperBound", 4).put("ScalarIncrement", 1);
        m.put("NumaNodesPerSocket", numa);
        m.put("SerialNumber", attribute("SerialNumber", "String", true, false).put("MaxLength", 16).put("MinLength", 0));
        m.put("AssetTag", attribute("AssetTag", "String", false, false).put("MaxLength", 32).put("MinLength", 0));
        return m;
    }

    private static ObjectNode attribute(String name, String type, boolean readOnly, boolean resetRequired) {
        ObjectNode a = JSON.createObjectNode();
        a.put("AttributeName", name).put("Type", type).put("DisplayName", name).put("ReadOnly", readOnly)
                .put("ResetRequired", resetRequired).put("IsSystemUniqueProperty", name.equals("SerialNumber"));
        return a;
    }

    private static ObjectNode enumeration(String name, List<String> values, boolean resetRequired) {
        ObjectNode a = attribute(name, "Enumeration", false, resetRequired);
        ArrayNode v = a.putArray("Value");
        values.forEach(x -> v.addObject().put("ValueName", x).put("ValueDisplayName", x));
        return a;
    }

    static ObjectNode registryFile() {
        ObjectNode n = resource("MessageRegistryFile.v1_1_0.MessageRegistryFile", REGISTRY, "BIOS Attribute Registry",
                ROOT + "/Registries/" + REGISTRY);
        n.put("Registry", REGISTRY);
        n.putArray("Languages").add("en");
        n.putArray("Location").addObject().put("Language", "en").put("Uri", ROOT + "/Registries/" + REGISTRY + "/registry.json");
        return n;
    }

    static ObjectNode registry() {
        ObjectNode n = JSON.createObjectNode();
        n.put("@odata.type", "#AttributeRegistry.v1_1_0.AttributeRegistry");
        n.put("Id", REGISTRY);
        n.put("Name", "BIOS Attribute Registry");
        n.put("Language", "en");
        n.put("OwningEntity", "Ferrum Lab");
        n.put("RegistryVersion", "1.0.0");
        ArrayNode attrs = n.putObject("RegistryEntries").putArray("Attributes");
        BIOS_REGISTRY.values().forEach(attrs::add);
        return n;
    }

    static ObjectNode manager(Collection<String> systemPaths) {
        ObjectNode n = resource("Manager.v1_5_0.Manager", "BMC", "Manager", ROOT + "/Managers/BMC");
        n.put("ManagerType", "BMC");
        n.put("FirmwareVersion", "1.0.0");
        n.put("UUID", "8f0d3c2a-0000-4000-8000-ffffffffffff");
        n.putObject("Status").put("State", "Enabled").put("Health", "OK");
        link(n, "VirtualMedia", ROOT + "/Managers/BMC/VirtualMedia");
        ArrayNode servers = n.putObject("Links").putArray("ManagerForServers");
        systemPaths.stream().limit(100).forEach(p -> servers.addObject().put("@odata.id", p));
        return n;
    }

    static ObjectNode virtualMedia(String id, List<String> types, String image, boolean inserted) {
        String path = ROOT + "/Managers/BMC/VirtualMedia/" + id;
        ObjectNode n = resource("VirtualMedia.v1_3_0.VirtualMedia", id, "Virtual " + id, path);
        n.set("MediaTypes", JSON.valueToTree(types));
        n.put("Image", image);
        n.put("ImageName", image == null ? null : image.replaceAll(".*/", ""));
        n.put("Inserted", inserted);
        n.put("WriteProtected", true);
        n.put("ConnectedVia", inserted ? "URI" : "NotConnected");
        ObjectNode actions = n.putObject("Actions");
        actions.putObject("#VirtualMedia.InsertMedia").put("target", path + "/Actions/VirtualMedia.InsertMedia");
        actions.putObject("#VirtualMedia.EjectMedia").put("target", path + "/Actions/VirtualMedia.EjectMedia");
        return n;
    }

    static ObjectNode chassis(EmulatedSystem s) {
        String path = ROOT + "/Chassis/" + s.id();
        ObjectNode n = resource("Chassis.v1_5_0.Chassis", s.id(), "Chassis " + s.id(), path);
        n.put("ChassisType", "RackMount");
        n.put("PowerState", s.powerState());
        n.put("UUID", String.format("8f0d3c2a-0000-4000-9000-%012d", s.index()));
        n.putObject("Status").put("State", "Enabled").put("Health", "OK");
        ObjectNode links = n.putObject("Links");
        links.putArray("ComputerSystems").addObject().put("@odata.id", ROOT + "/Systems/" + s.id());
        links.putArray("ManagedBy").addObject().put("@odata.id", ROOT + "/Managers/BMC");
        return n;
    }

    /** A Redfish error document with one Base message, as BMCs send with 4xx/5xx. */
    static ObjectNode error(String messageId, String message) {
        ObjectNode n = JSON.createObjectNode();
        ObjectNode e = n.putObject("error");
        e.put("code", "Base.1.8." + messageId);
        e.put("message", message);
        e.putArray("@Message.ExtendedInfo").addObject().put("@odata.type", "#Message.v1_0_0.Message")
                .put("MessageId", "Base.1.8." + messageId).put("Message", message).put("Severity", "Warning");
        return n;
    }
}
