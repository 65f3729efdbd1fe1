-- Hardware inventory and inspection plugin data per node (GET /v1/nodes/{node}/inventory), stored by
-- inspection when [inventory]data_backend is the database. One row per node, removed with its node.

CREATE TABLE node_inventory (
    id ${id},
    node_uuid VARCHAR(36) NOT NULL,
    inventory_data ${json},
    plugin_data ${json},
    created_at ${ts},
    updated_at ${ts},
    CONSTRAINT uniq_node_inventory0node_uuid UNIQUE (node_uuid),
    CONSTRAINT fk_node_inventory0node FOREIGN KEY (node_uuid) REFERENCES nodes (uuid) ON DELETE CASCADE
);
