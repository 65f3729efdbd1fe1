-- State the conductor keeps besides the node row: node history (an event per state change and error)
-- and BIOS settings reported or applied by drivers.

CREATE TABLE node_history (
    id ${id},
    uuid VARCHAR(36) NOT NULL,
    node_uuid VARCHAR(36) NOT NULL,
    conductor VARCHAR(255),
    event_type VARCHAR(255),
    severity VARCHAR(255),
    event ${text},
    user_id VARCHAR(255),
    created_at ${ts},
    updated_at ${ts},
    CONSTRAINT uniq_node_history0uuid UNIQUE (uuid),
    CONSTRAINT fk_node_history0node FOREIGN KEY (node_uuid) REFERENCES nodes (uuid)
);
CREATE INDEX node_history_node_uuid_idx ON node_history (node_uuid);

CREATE TABLE bios_settings (
    node_uuid VARCHAR(36) NOT NULL,
    name VARCHAR(255) NOT NULL,
    setting_value ${text},
    attribute_type VARCHAR(255),
    allowable_values ${json},
    lower_bound INTEGER,
    max_length INTEGER,
    min_length INTEGER,
    read_only BOOLEAN,
    reset_required BOOLEAN,
    unique_value BOOLEAN,
    upper_bound INTEGER,
    created_at ${ts},
    updated_at ${ts},
    CONSTRAINT pk_bios_settings PRIMARY KEY (node_uuid, name),
    CONSTRAINT fk_bios_settings0node FOREIGN KEY (node_uuid) REFERENCES nodes (uuid)
);
