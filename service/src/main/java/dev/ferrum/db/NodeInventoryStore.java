package dev.ferrum.db;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.Json;
import java.util.Objects;
import java.util.Optional;

/**
 * Inspection data of nodes: the hardware inventory and the inspection plugins' data, one row per node
 * (GET /v1/nodes/{node}/inventory). The row goes with its node (ON DELETE CASCADE).
 */
public final class NodeInventoryStore {
    /** What inspection stored for one node; either part may be null. */
    public record Inventory(JsonNode inventory, JsonNode pluginData) {
    }

    private final Database db;

    public NodeInventoryStore(Database db) {
        this.db = Objects.requireNonNull(db);
    }

    public Optional<Inventory> get(String nodeUuid) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT inventory_data, plugin_data FROM node_inventory WHERE node_uuid = ?")
                .bind(0, nodeUuid)
                .map((rs, ctx) -> new Inventory(parse(rs.getString(1)), parse(rs.getString(2))))
                .findFirst());
    }

    /** Replaces the node's inspection data. */
    public void put(String nodeUuid, JsonNode inventory, JsonNode pluginData) {
        db.jdbi().useTransaction(h -> {
            h.createUpdate("DELETE FROM node_inventory WHERE node_uuid = ?").bind(0, nodeUuid).execute();
            h.createUpdate("INSERT INTO node_inventory (node_uuid, inventory_data, plugin_data, created_at) VALUES (?, ?, ?, ?)")
                    .bind(0, nodeUuid).bind(1, write(inventory)).bind(2, write(pluginData)).bind(3, ObjectStore.now()).execute();
        });
    }

    public void delete(String nodeUuid) {
        db.jdbi().useHandle(h -> h.createUpdate("DELETE FROM node_inventory WHERE node_uuid = ?").bind(0, nodeUuid).execute());
    }

    private static JsonNode parse(String s) {
        return s == null ? null : Json.parseStored(s);
    }

    private static String write(JsonNode v) {
        return v == null || v.isNull() ? null : Json.write(v);
    }
}
