package dev.ferrum.lab.redfish;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/** The service root, the OData documents and the SessionService with its Sessions. */
final class ServiceResources {
    static final String ROOT = "/redfish/v1/";
    static final String SESSIONS = "/redfish/v1/SessionService/Sessions";

    private final UUID uuid;
    private final Sessions sessions;

    ServiceResources(UUID uuid, Sessions sessions) {
        this.uuid = uuid;
        this.sessions = sessions;
    }

    /** GET /redfish: the protocol versions this service speaks. */
    static Reply versions() {
        return Reply.ok(Json.object().put("v1", ROOT));
    }

    Reply root() {
        ObjectNode n = Json.resource(ROOT, "#ServiceRoot.v1_11_0.ServiceRoot");
        n.put("Id", "RootService");
        n.put("Name", "Root Service");
        n.put("RedfishVersion", "1.11.0");
        n.put("UUID", uuid.toString());
        n.put("Vendor", "Ferrum Lab");
        n.put("Product", "Ferrum Lab Redfish BMC emulator");
        n.set("Systems", Json.ref("/redfish/v1/Systems"));
        n.set("Managers", Json.ref("/redfish/v1/Managers"));
        n.set("Chassis", Json.ref("/redfish/v1/Chassis"));
        n.set("SessionService", Json.ref("/redfish/v1/SessionService"));
        n.set("Registries", Json.ref(BiosResources.REGISTRIES));
        n.set("Links", Json.object().set("Sessions", Json.ref(SESSIONS)));
        return Reply.ok(n);
    }

    /** GET /redfish/v1/odata: the OData service document listing the root's top-level resources. */
    static Reply odata() {
        ObjectNode n = Json.object();
        n.put("@odata.context", "/redfish/v1/$metadata");
        ArrayNode value = Json.array();
        value.add(Json.object().put("name", "Service").put("kind", "Singleton").put("url", ROOT));
        for (String name : List.of("Systems", "Managers", "Chassis", "SessionService", "Registries")) {
            value.add(Json.object().put("name", name).put("kind", "Singleton").put("url", ROOT + name));
        }
        n.set("value", value);
        return Reply.ok(n);
    }

    /** GET /redfish/v1/$metadata: a minimal CSDL document referencing the DMTF schemas the resources use. */
    static Reply metadata() {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\" Version=\"4.0\">\n");
        for (String ns : List.of("ServiceRoot", "ComputerSystem", "ComputerSystemCollection", "Manager",
                "ManagerCollection", "Chassis", "ChassisCollection", "SessionService", "Session",
                "SessionCollection", "Bios", "Processor", "ProcessorCollection", "Memory", "MemoryCollection",
                "EthernetInterface", "EthernetInterfaceCollection", "Storage", "StorageCollection", "Drive",
                "Volume", "VolumeCollection", "SimpleStorage", "SimpleStorageCollection", "VirtualMedia",
                "VirtualMediaCollection", "MessageRegistryFile", "MessageRegistryFileCollection",
                "AttributeRegistry", "Message", "Settings", "Resource")) {
            x.append("  <edmx:Reference Uri=\"http://redfish.dmtf.org/schemas/v1/").append(ns)
                    .append("_v1.xml\"><edmx:Include Namespace=\"").append(ns).append("\"/></edmx:Reference>\n");
        }
        x.append("  <edmx:DataServices>\n"
                + "    <Schema xmlns=\"http://docs.oasis-open.org/odata/ns/edm\" Namespace=\"Service\">\n"
                + "      <EntityContainer Name=\"Service\" Extends=\"ServiceRoot.v1_11_0.ServiceContainer\"/>\n"
                + "    </Schema>\n  </edmx:DataServices>\n</edmx:Edmx>\n");
        return Reply.xml(x.toString());
    }

    /** /redfish/v1/SessionService[/Sessions[/{id}]]. */
    Reply sessionService(Request r) {
        if (r.depth() == 1) {
            requireGet(r);
            ObjectNode n = Json.resource("/redfish/v1/SessionService", "#SessionService.v1_1_8.SessionService");
            n.put("Id", "SessionService");
            n.put("Name", "Session Service");
            n.put("ServiceEnabled", true);
            n.put("SessionTimeout", 1800);
            n.set("Status", Json.status("Enabled", "OK"));
            n.set("Sessions", Json.ref(SESSIONS));
            return Reply.ok(n);
        }
        if (!"Sessions".equals(r.segment(1)) || r.depth() > 3) {
            throw RedfishError.notFound(r.path());
        }
        if (r.depth() == 2) {
            if (r.is("POST")) {
                return login(r);
            }
            requireGet(r);
            List<String> members = sessions.ids().stream().map(id -> SESSIONS + "/" + id).toList();
            return Reply.ok(Json.collection(SESSIONS, "#SessionCollection.SessionCollection", "Session Collection",
                    members));
        }
        String id = r.segment(2);
        Sessions.Session s = sessions.get(id);
        if (s == null) {
            throw RedfishError.notFound(r.path());
        }
        if (r.is("DELETE")) {
            sessions.delete(id);
            return Reply.noContent();
        }
        requireGet(r);
        return Reply.ok(session(s));
    }

    private Reply login(Request r) {
        ObjectNode body = r.json();
        String user = Request.text(body, "UserName", "UserName");
        String pass = Request.text(body, "Password", "Password");
        if (user == null) {
            throw RedfishError.propertyMissing("UserName");
        }
        if (pass == null) {
            throw RedfishError.propertyMissing("Password");
        }
        Sessions.Session s = sessions.create(user, pass);
        return Reply.created(session(s))
                .header("X-Auth-Token", s.token())
                .header("Location", SESSIONS + "/" + s.id());
    }

    private static ObjectNode session(Sessions.Session s) {
        ObjectNode n = Json.resource(SESSIONS + "/" + s.id(), "#Session.v1_3_0.Session");
        n.put("Id", s.id());
        n.put("Name", "User Session");
        n.put("UserName", s.userName());
        // Redfish shows a session's Password as null; the token never appears in a body.
        n.putNull("Password");
        return n;
    }

    static void requireGet(Request r) {
        if (!r.is("GET") && !r.is("HEAD")) {
            throw RedfishError.methodNotAllowed(r.method(), r.path());
        }
    }
}
