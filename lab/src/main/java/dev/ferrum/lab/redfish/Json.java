package dev.ferrum.lab.redfish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;

/** Building Redfish JSON: resources carry @odata.id, @odata.type and @odata.context as the DMTF schemas ask. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {
    }

    static ObjectNode object() {
        return F.objectNode();
    }

    static ArrayNode array() {
        return F.arrayNode();
    }

    /** A resource of the schema {@code type} ("#ComputerSystem.v1_13_0.ComputerSystem") at {@code path}. */
    static ObjectNode resource(String path, String type) {
        ObjectNode n = F.objectNode();
        n.put("@odata.id", path);
        n.put("@odata.type", type);
        // "#ComputerSystem.v1_13_0.ComputerSystem" -> "$metadata#ComputerSystem.ComputerSystem"
        String namespace = type.substring(1, type.indexOf('.'));
        String entity = type.substring(type.lastIndexOf('.') + 1);
        n.put("@odata.context", "/redfish/v1/$metadata#" + namespace + "." + entity);
        return n;
    }

    static ObjectNode ref(String path) {
        return F.objectNode().put("@odata.id", path);
    }

    static ArrayNode refs(Collection<String> paths) {
        ArrayNode a = F.arrayNode();
        paths.forEach(p -> a.add(ref(p)));
        return a;
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode a = F.arrayNode();
        values.forEach(a::add);
        return a;
    }

    /** A resource collection ("#ComputerSystemCollection.ComputerSystemCollection") listing member paths. */
    static ObjectNode collection(String path, String type, String name, Collection<String> members) {
        ObjectNode n = resource(path, type);
        n.put("Name", name);
        n.put("Members@odata.count", members.size());
        n.set("Members", refs(members));
        return n;
    }

    static ObjectNode status(String state, String health) {
        return F.objectNode().put("State", state).put("Health", health);
    }

    /** BIOS attribute values keep their JSON types (string, integer, boolean). */
    static ObjectNode attributes(Map<String, Object> values) {
        ObjectNode n = F.objectNode();
        values.forEach((k, v) -> n.set(k, MAPPER.valueToTree(v)));
        return n;
    }
}
