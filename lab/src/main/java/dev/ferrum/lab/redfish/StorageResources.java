package dev.ferrum.lab.redfish;

import static dev.ferrum.lab.redfish.ServiceResources.requireGet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One SATA controller with one SSD (localDiskGib) and one raw volume over it, under Storage; the same disk under
 * the older SimpleStorage, which some clients still read for disk sizes.
 */
final class StorageResources {
    private static final long GIB = 1L << 30;

    private StorageResources() {
    }

    /** Storage, Storage/1, Storage/1/Drives/Disk1, Storage/1/Volumes[/1]. */
    static Reply storage(Request r, EmulatedSystem s) {
        requireGet(r);
        String base = SystemResources.path(s.id()) + "/Storage";
        String controller = base + "/1";
        long bytes = s.localDiskGib() * GIB;
        if (r.depth() == 3) {
            return Reply.ok(Json.collection(base, "#StorageCollection.StorageCollection", "Storage Collection",
                    List.of(controller)));
        }
        if (!"1".equals(r.segment(3))) {
            throw RedfishError.notFound(r.path());
        }
        if (r.depth() == 4) {
            ObjectNode n = Json.resource(controller, "#Storage.v1_8_0.Storage");
            n.put("Id", "1");
            n.put("Name", "SATA Storage Controller");
            ArrayNode controllers = Json.array();
            ObjectNode c = Json.object();
            c.put("@odata.id", controller + "#/StorageControllers/0");
            c.put("MemberId", "0");
            c.put("Name", "SATA Controller");
            c.set("Status", Json.status("Enabled", "OK"));
            c.set("SupportedControllerProtocols", Json.strings(List.of("PCIe")));
            c.set("SupportedDeviceProtocols", Json.strings(List.of("SATA")));
            controllers.add(c);
            n.set("StorageControllers", controllers);
            n.set("Drives", Json.refs(List.of(controller + "/Drives/Disk1")));
            n.set("Volumes", Json.ref(controller + "/Volumes"));
            n.set("Status", Json.status("Enabled", "OK").put("HealthRollup", "OK"));
            return Reply.ok(n);
        }
        String kind = r.segment(4);
        if ("Drives".equals(kind) && r.depth() == 6 && "Disk1".equals(r.segment(5))) {
            ObjectNode n = Json.resource(controller + "/Drives/Disk1", "#Drive.v1_9_0.Drive");
            n.put("Id", "Disk1");
            n.put("Name", "Solid State Disk 1");
            n.put("CapacityBytes", bytes);
            n.put("BlockSizeBytes", 512);
            n.put("MediaType", "SSD");
            n.put("Protocol", "SATA");
            n.put("Manufacturer", "Ferrum Lab");
            n.put("Model", "Lab SSD");
            n.put("SerialNumber", SystemResources.serial(s) + "D1");
            n.set("Status", Json.status("Enabled", "OK"));
            return Reply.ok(n);
        }
        if ("Volumes".equals(kind) && r.depth() == 5) {
            return Reply.ok(Json.collection(controller + "/Volumes", "#VolumeCollection.VolumeCollection",
                    "Volume Collection", List.of(controller + "/Volumes/1")));
        }
        if ("Volumes".equals(kind) && r.depth() == 6 && "1".equals(r.segment(5))) {
            ObjectNode n = Json.resource(controller + "/Volumes/1", "#Volume.v1_5_0.Volume");
            n.put("Id", "1");
            n.put("Name", "Volume 1");
            n.put("CapacityBytes", bytes);
            n.put("VolumeType", "RawDevice");
            n.put("BlockSizeBytes", 512);
            n.put("Encrypted", false);
            n.set("Links", Json.object().set("Drives", Json.refs(List.of(controller + "/Drives/Disk1"))));
            n.set("Status", Json.status("Enabled", "OK"));
            return Reply.ok(n);
        }
        throw RedfishError.notFound(r.path());
    }

    /** SimpleStorage and SimpleStorage/1. */
    static Reply simpleStorage(Request r, EmulatedSystem s) {
        requireGet(r);
        String base = SystemResources.path(s.id()) + "/SimpleStorage";
        if (r.depth() == 3) {
            return Reply.ok(Json.collection(base, "#SimpleStorageCollection.SimpleStorageCollection",
                    "Simple Storage Collection", List.of(base + "/1")));
        }
        if (r.depth() != 4 || !"1".equals(r.segment(3))) {
            throw RedfishError.notFound(r.path());
        }
        ObjectNode n = Json.resource(base + "/1", "#SimpleStorage.v1_2_0.SimpleStorage");
        n.put("Id", "1");
        n.put("Name", "Simple Storage Controller");
        ArrayNode devices = Json.array();
        ObjectNode d = Json.object();
        d.put("Name", "Solid State Disk 1");
        d.put("Manufacturer", "Ferrum Lab");
        d.put("Model", "Lab SSD");
        d.put("CapacityBytes", s.localDiskGib() * GIB);
        d.set("Status", Json.status("Enabled", "OK"));
        devices.add(d);
        n.set("Devices", devices);
        n.set("Status", Json.status("Enabled", "OK"));
        return Reply.ok(n);
    }
}
