-- Volume connectors and targets (API 1.32). As in V1, nodes are referenced by UUID and the
-- constraint names are the ones dev.ferrum.db.Stores maps to Ironic's 409/400 answers.

CREATE TABLE volume_connectors (
    id ${id},
    uuid VARCHAR(36) NOT NULL,
    node_uuid VARCHAR(36) NOT NULL,
    type VARCHAR(32) NOT NULL,
    connector_id VARCHAR(255) NOT NULL,
    extra ${json},
    created_at ${ts},
    updated_at ${ts},
    CONSTRAINT uniq_volumeconnectors0uuid UNIQUE (uuid),
    CONSTRAINT uniq_volumeconnectors0type0connector_id UNIQUE (type, connector_id),
    CONSTRAINT fk_volumeconnectors0node FOREIGN KEY (node_uuid) REFERENCES nodes (uuid)
);
CREATE INDEX volume_connectors_node_uuid_idx ON volume_connectors (node_uuid);

CREATE TABLE volume_targets (
    id ${id},
    uuid VARCHAR(36) NOT NULL,
    node_uuid VARCHAR(36) NOT NULL,
    volume_type VARCHAR(64) NOT NULL,
    properties ${json},
    boot_index INTEGER NOT NULL,
    volume_id VARCHAR(36) NOT NULL,
    extra ${json},
    created_at ${ts},
    updated_at ${ts},
    CONSTRAINT uniq_volumetargets0uuid UNIQUE (uuid),
    CONSTRAINT uniq_volumetargets0node_uuid0boot_index UNIQUE (node_uuid, boot_index),
    CONSTRAINT fk_volumetargets0node FOREIGN KEY (node_uuid) REFERENCES nodes (uuid)
);
