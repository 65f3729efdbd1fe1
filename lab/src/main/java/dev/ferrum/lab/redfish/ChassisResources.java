package dev.ferrum.lab.redfish;

import static dev.ferrum.lab.redfish.ServiceResources.requireGet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** One rack-mount Chassis per system (Chassis/{system id}), showing the system's power and indicator LED. */
final class ChassisResources {
    static final String CHASSIS = "/redfish/v1/Chassis";

    private ChassisResources() {
    }

    static String path(String id) {
        return CHASSIS + "/" + id;
    }

    static Reply collection(Request r, List<EmulatedSystem> systems) {
        requireGet(r);
        List<String> members = new ArrayList<>(systems.size());
        systems.forEach(s -> members.add(path(s.id())));
        return Reply.ok(Json.collection(CHASSIS, "#ChassisCollection.ChassisCollection", "Chassis Collection",
                members));
    }

    static Reply route(Request r, EmulatedSystem s) {
        if (r.depth() != 2) {
            throw RedfishError.notFound(r.path());
        }
        requireGet(r);
        synchronized (s) {
            ObjectNode n = Json.resource(path(s.id()), "#Chassis.v1_11_0.Chassis");
            n.put("Id", s.id());
            n.put("Name", "Chassis for Lab System " + s.id());
            n.put("ChassisType", "RackMount");
            n.put("Manufacturer", "Ferrum Lab");
            n.put("Model", "Lab Server");
            n.put("SerialNumber", SystemResources.serial(s));
            n.put("PowerState", s.powerState());
            n.put("IndicatorLED", s.indicatorLed());
            n.set("Status", Json.status("Enabled", "OK").put("HealthRollup", "OK"));
            ObjectNode links = Json.object();
            links.set("ComputerSystems", Json.refs(List.of(SystemResources.path(s.id()))));
            links.set("ManagedBy", Json.refs(List.of(ManagerResources.path(s.id()))));
            n.set("Links", links);
            return Reply.ok(n);
        }
    }
}
