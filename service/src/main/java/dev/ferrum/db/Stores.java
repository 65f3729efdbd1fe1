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
    public final ObjectStore deployTemplates;
    public final ObjectStore volumeConnectors;
    public final ObjectStore volumeTargets;
    public final ObjectStore allocations;
    /** Writes that change an allocation and its node together. */
    public final NodeAllocationStore nodeAllocations;
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
        this.deployTemplates = new ObjectStore(db, Objects.DEPLOY_TEMPLATE, Map.of(
                "uniq_deploytemplates0uuid", v -> "A deploy template with UUID " + v.get("uuid") + " already exists.",
                "uniq_deploytemplates0name", v -> "A deploy template with name " + v.get("name") + " already exists."));
        this.volumeConnectors = new ObjectStore(db, Objects.VOLUME_CONNECTOR, Map.of(
                "uniq_volumeconnectors0uuid", v -> "A volume connector with UUID " + v.get("uuid") + " already exists.",
                "uniq_volumeconnectors0type0connector_id", v -> "A volume connector with type " + v.get("type")
                        + " and connector ID " + v.get("connector_id") + " already exists.",
                "fk_volumeconnectors0node", v -> "Node " + v.get("node_uuid") + " could not be found."));
        this.volumeTargets = new ObjectStore(db, Objects.VOLUME_TARGET, Map.of(
                "uniq_volumetargets0uuid", v -> "A volume target with UUID " + v.get("uuid") + " already exists.",
                "uniq_volumetargets0node_uuid0boot_index", v -> "A volume target with boot index '" + v.get("boot_index")
                        + "' for the same node already exists.",
                "fk_volumetargets0node", v -> "Node " + v.get("node_uuid") + " could not be found."));
        this.allocations = new ObjectStore(db, Objects.ALLOCATION, Map.of(
                "uniq_allocations0uuid", v -> "An allocation with UUID " + v.get("uuid") + " already exists.",
                "uniq_allocations0name", v -> "An allocation with name " + v.get("name") + " already exists.",
                "fk_allocations0node", v -> "Node " + v.get("node_uuid") + " could not be found."));
        this.nodeAllocations = new NodeAllocationStore(db, allocations, nodes);
        this.inventory = new NodeInventoryStore(db);
    }
}
