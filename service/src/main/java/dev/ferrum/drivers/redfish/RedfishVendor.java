package dev.ferrum.drivers.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.conductor.Task;
import dev.ferrum.drivers.base.VendorInterface;
import java.util.List;
import java.util.Map;

/** Ironic's redfish vendor passthru: {@code eject_vmedia} ejects the virtual media of the system's managers. */
record RedfishVendor(RedfishClients clients) implements VendorInterface, RedfishDriverInterface {
    private static final Map<String, String> DEVICES = Map.of("cdrom", "CD", "floppy", "Floppy", "usb", "USBStick",
            "dvd", "DVD");
    private static final Map<String, Method> METHODS = Map.of("eject_vmedia", new Method("eject_vmedia", List.of("POST"),
            true, "Eject a virtual media device. If no device is provided, eject all virtual media.", false, true));

    @Override
    public Map<String, Method> methods() {
        return METHODS;
    }

    @Override
    public void validateCall(Task task, String method, String httpMethod, Map<String, Object> args) {
        Object device = args.get("boot_device");
        if (device != null && !DEVICES.containsKey(device.toString())) {
            throw FerrumException.invalid("Invalid boot_device '%s' for eject_vmedia; valid devices are %s.", device,
                    String.join(", ", DEVICES.keySet().stream().sorted().toList()));
        }
    }

    @Override
    public Object call(Task task, String method, String httpMethod, Map<String, Object> args) {
        validateCall(task, method, httpMethod, args);
        Object device = args.get("boot_device");
        RedfishSystem sys = RedfishSystem.of(task, clients);
        for (JsonNode manager : sys.read().path("Links").path("ManagedBy")) {
            JsonNode m = sys.bmc().get(manager.path("@odata.id").asText());
            for (JsonNode media : sys.members(m, "VirtualMedia")) {
                boolean matches = device == null || RedfishSystem.strings(media.path("MediaTypes"))
                        .contains(DEVICES.get(device.toString()));
                if (matches && media.path("Inserted").asBoolean(false)) {
                    String target = media.path("Actions").path("#VirtualMedia.EjectMedia").path("target")
                            .asText(media.path("@odata.id").asText() + "/Actions/VirtualMedia.EjectMedia");
                    sys.bmc().post(target, Map.of());
                }
            }
        }
        return null;
    }
}
