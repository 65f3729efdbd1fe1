package dev.ferrum.drivers.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.conductor.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A node's ComputerSystem on its BMC: the resource every redfish interface reads and acts on. */
record RedfishSystem(RedfishConnection bmc, String path) {
    static RedfishSystem of(Task task, RedfishClients clients) {
        RedfishInfo info = RedfishInfo.of(task);
        RedfishConnection c = clients.connection(info);
        return new RedfishSystem(c, c.systemPath(info.systemId()));
    }

    JsonNode read() {
        return bmc.get(path);
    }

    void patch(Map<String, Object> body) {
        bmc.patch(path, body);
    }

    /** POSTs ComputerSystem.Reset with this ResetType, refusing one the system says it does not allow. */
    void reset(JsonNode system, String resetType) {
        JsonNode action = system.path("Actions").path("#ComputerSystem.Reset");
        List<String> allowed = strings(action.path("ResetType@Redfish.AllowableValues"));
        if (!allowed.isEmpty() && !allowed.contains(resetType)) {
            throw new RedfishError(400, "The system " + path + " on " + bmc.base() + " does not support the reset type "
                    + resetType + " (it allows " + String.join(", ", allowed) + ").");
        }
        String target = action.path("target").asText(path + "/Actions/ComputerSystem.Reset");
        bmc.post(target, Map.of("ResetType", resetType));
    }

    /** The members of a collection linked from a resource (e.g. the system's Processors), each read in full. */
    List<JsonNode> members(JsonNode resource, String link) {
        String collection = resource.path(link).path("@odata.id").asText(null);
        List<JsonNode> out = new ArrayList<>();
        if (collection == null) {
            return out;
        }
        for (JsonNode m : bmc.get(collection).path("Members")) {
            String id = m.path("@odata.id").asText(null);
            if (id != null) {
                out.add(bmc.get(id));
            }
        }
        return out;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
