package dev.ferrum.lab.redfish;

import static dev.ferrum.lab.redfish.ServiceResources.requireGet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One BMC Manager per system (Managers/{system id}), as a chassis manager fronting many blades shows them, so
 * each node's virtual media is its own: VirtualMedia/Cd and /Floppy with InsertMedia and EjectMedia.
 */
final class ManagerResources {
    static final String MANAGERS = "/redfish/v1/Managers";

    private ManagerResources() {
    }

    static String path(String id) {
        return MANAGERS + "/" + id;
    }

    static Reply collection(Request r, List<EmulatedSystem> systems) {
        requireGet(r);
        List<String> members = new ArrayList<>(systems.size());
        systems.forEach(s -> members.add(path(s.id())));
        return Reply.ok(Json.collection(MANAGERS, "#ManagerCollection.ManagerCollection", "Manager Collection",
                members));
    }

    static Reply route(Request r, EmulatedSystem s) {
        String base = path(s.id());
        if (r.depth() == 2) {
            requireGet(r);
            return Reply.ok(manager(base, s));
        }
        String sub = r.segment(2);
        if ("Actions".equals(sub) && r.depth() == 4 && "Manager.Reset".equals(r.segment(3))) {
            if (!r.is("POST")) {
                throw RedfishError.methodNotAllowed(r.method(), r.path());
            }
            r.json();
            return Reply.noContent(); // the BMC restarts; the machine it manages keeps its state
        }
        if (!"VirtualMedia".equals(sub)) {
            throw RedfishError.notFound(r.path());
        }
        String vm = base + "/VirtualMedia";
        if (r.depth() == 3) {
            requireGet(r);
            return Reply.ok(Json.collection(vm, "#VirtualMediaCollection.VirtualMediaCollection",
                    "Virtual Media Services", EmulatedSystem.MEDIA_DEVICES.stream().map(d -> vm + "/" + d)
                            .toList()));
        }
        String device = r.segment(3);
        if (!EmulatedSystem.MEDIA_DEVICES.contains(device)) {
            throw RedfishError.notFound(r.path());
        }
        if (r.depth() == 4) {
            requireGet(r);
            synchronized (s) {
                return Reply.ok(media(vm, device, s)).etag(s.version()).header("Allow", "GET");
            }
        }
        if (r.depth() == 6 && "Actions".equals(r.segment(4))) {
            if (!r.is("POST")) {
                throw RedfishError.methodNotAllowed(r.method(), r.path());
            }
            switch (r.segment(5)) {
                case "VirtualMedia.InsertMedia" -> {
                    insert(r, s, device);
                    return Reply.noContent();
                }
                case "VirtualMedia.EjectMedia" -> {
                    r.json();
                    s.ejectMedia(device); // ejecting an empty drive is a no-op, as on most BMCs
                    return Reply.noContent();
                }
                default -> throw RedfishError.notFound(r.path());
            }
        }
        throw RedfishError.notFound(r.path());
    }

    private static void insert(Request r, EmulatedSystem s, String device) {
        String action = "VirtualMedia.InsertMedia";
        ObjectNode body = r.json();
        String image = Request.text(body, "Image", "Image");
        if (image == null || image.isBlank()) {
            throw RedfishError.actionParameterMissing(action, "Image");
        }
        JsonNode inserted = body.get("Inserted");
        if (inserted != null && !inserted.isBoolean()) {
            throw RedfishError.propertyValueTypeError("Inserted", inserted.toString());
        }
        JsonNode writeProtected = body.get("WriteProtected");
        if (writeProtected != null && !writeProtected.isBoolean()) {
            throw RedfishError.propertyValueTypeError("WriteProtected", writeProtected.toString());
        }
        if (inserted != null && !inserted.asBoolean()) {
            s.ejectMedia(device);
        } else {
            s.insertMedia(device, image);
        }
    }

    private static ObjectNode manager(String base, EmulatedSystem s) {
        ObjectNode n = Json.resource(base, "#Manager.v1_10_0.Manager");
        n.put("Id", s.id());
        n.put("Name", "Manager for Lab System " + s.id());
        n.put("ManagerType", "BMC");
        n.put("Manufacturer", "Ferrum Lab");
        n.put("Model", "Lab BMC");
        n.put("FirmwareVersion", "1.0.0");
        n.put("UUID", UUID.nameUUIDFromBytes(("manager-" + s.uuid()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        n.put("PowerState", "On");
        n.set("Status", Json.status("Enabled", "OK"));
        n.set("VirtualMedia", Json.ref(base + "/VirtualMedia"));
        ObjectNode links = Json.object();
        links.set("ManagerForServers", Json.refs(List.of(SystemResources.path(s.id()))));
        links.set("ManagerForChassis", Json.refs(List.of(ChassisResources.path(s.id()))));
        n.set("Links", links);
        ObjectNode reset = Json.object().put("target", base + "/Actions/Manager.Reset");
        reset.set("ResetType@Redfish.AllowableValues", Json.strings(List.of("GracefulRestart", "ForceRestart")));
        n.set("Actions", Json.object().set("#Manager.Reset", reset));
        return n;
    }

    private static ObjectNode media(String vm, String device, EmulatedSystem s) {
        ObjectNode n = Json.resource(vm + "/" + device, "#VirtualMedia.v1_3_0.VirtualMedia");
        boolean cd = device.equals("Cd");
        n.put("Id", device);
        n.put("Name", cd ? "Virtual CD" : "Virtual Removable Media");
        n.set("MediaTypes", Json.strings(cd ? List.of("CD", "DVD") : List.of("Floppy", "USBStick")));
        String image = s.virtualMediaImage(device);
        if (image == null) {
            n.putNull("Image");
            n.putNull("ImageName");
            n.put("Inserted", false);
            n.put("ConnectedVia", "NotConnected");
        } else {
            n.put("Image", image);
            n.put("ImageName", image.substring(image.lastIndexOf('/') + 1));
            n.put("Inserted", true);
            n.put("ConnectedVia", "URI");
        }
        n.put("WriteProtected", true);
        ObjectNode actions = Json.object();
        actions.set("#VirtualMedia.InsertMedia", Json.object().put("target",
                vm + "/" + device + "/Actions/VirtualMedia.InsertMedia"));
        actions.set("#VirtualMedia.EjectMedia", Json.object().put("target",
                vm + "/" + device + "/Actions/VirtualMedia.EjectMedia"));
        n.set("Actions", actions);
        return n;
    }
}
