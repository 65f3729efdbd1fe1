package dev.ferrum.db;

import dev.ferrum.common.objects.Objects;
import java.util.Map;

/** Every store over one database; the only way the rest of Ferrum reaches its tables. */
public final class Stores {
    public final Database db;
    public final ObjectStore nodes;
    public final ObjectStore ports;
    public final ObjectStore portgroups;
    public final ObjectStore chassis;
    public final TraitStore traits;
    public final ConductorStore conductors;
    public final HistoryStore history;
    public final BiosStore bios;
    public final NodeInventoryStore inventory;

    public Stores(Database db) {
        this.db = java.util.Objects.requireNonNull(db);
        this.nodes = new ObjectStore(db, Objects.NODE, Map.of(
                "uniq_nodes0uuid", v -> "A node with UUID " + v.get("uuid") + " already exists.",
                "uniq_nodes0name", v -> "A node with name " + v.get("name") + " already exists.",
                "uniq_nodes0instance_uuid", v -> "Instance " + v.get("instance_uuid")
                        + " is already associated with a node, it cannot be associated with this other node.",
                "fk_nodes0chassis", v -> "Chassis " + v.get("chassis_uuid") + " could not be found."));
        this.ports = new ObjectStore(db, Objects.PORT, Map.of(
                "uniq_ports0uuid", v -> "A port with UUID " + v.get("uuid") + " already exists.",
                "uniq_ports0address", v -> "A port with MAC address " + v.get("address") + " already exists.",
                "fk_ports0node", v -> "Node " + v.get("node_uuid") + " could not be found.",
                "fk_ports0portgroup", v -> "Portgroup " + v.get("portgroup_uuid") + " could not be found."));
        this.portgroups = new ObjectStore(db, Objects.PORTGROUP, Map.of(
                "uniq_portgroups0uuid", v -> "A portgroup with UUID " + v.get("uuid") + " already exists.",
                "uniq_portgroups0name", v -> "A portgroup with name " + v.get("name") + " already exists.",
                "uniq_portgroups0address", v -> "A portgroup with MAC address " + v.get("address") + " already exists.",
                "fk_portgroups0node", v -> "Node " + v.get("node_uuid") + " could not be found."));
        this.chassis = new ObjectStore(db, Objects.CHASSIS, Map.of(
                "uniq_chassis0uuid", v -> "A chassis with UUID " + v.get("uuid") + " already exists.",
                "fk_nodes0chassis", v -> "Chassis " + v.get("uuid") + " still has nodes."));
        this.traits = new TraitStore(db);
        this.conductors = new ConductorStore(db);
        this.history = new HistoryStore(db);
        this.bios = new BiosStore(db);
        this.inventory = new NodeInventoryStore(db);
    }
}
