-- Ferrum's inventory schema. Column types that differ per engine are Flyway placeholders
-- (see dev.ferrum.db.Dialect); JSON values are stored as text. References between objects use
-- UUIDs so that API views need no joins.

CREATE TABLE chassis (
    id ${id},
    uuid VARCHAR(36) NOT NULL,
    description VARCHAR(255),
    extra ${json},
    created_at ${ts},
    updated_at ${ts},
    CONSTRAINT uniq_chassis0uuid UNIQUE (uuid)
);

CREATE TABLE nodes (
    id ${id},
    uuid VARCHAR(36) NOT NULL,
    name VARCHAR(255),
    instance_uuid VARCHAR(36),
    instance_info ${json},
    driver VARCHAR(255) NOT NULL,
    driver_info ${json},
    driver_internal_info ${json},
    extra ${json},
    properties ${json},
    chassis_uuid VARCHAR(36),
    power_state VARCHAR(255),
    target_power_state VARCHAR(255),
    provision_state VARCHAR(255),
    target_provision_state VARCHAR(255),
    provision_updated_at ${ts},
    maintenance BOOLEAN NOT NULL DEFAULT FALSE,
    maintenance_reason ${text},
    console_enabled BOOLEAN NOT NULL DEFAULT FALSE,
    last_error ${text},
    reservation VARCHAR(255),
    created_at ${ts},
    updated_at ${ts},
    inspection_started_at ${ts},
    inspection_finished_at ${ts},
    clean_step ${json},
    raid_config ${json},
    target_raid_config ${json},
    network_interface VARCHAR(255),
    resource_class VARCHAR(80),
    boot_interface VARCHAR(255),
    console_interface VARCHAR(255),
    deploy_interface VARCHAR(255),
    inspect_interface VARCHAR(255),
    management_interface VARCHAR(255),
    power_interface VARCHAR(255),
    raid_interface VARCHAR(255),
    vendor_interface VARCHAR(255),
    storage_interface VARCHAR(255),
    rescue_interface VARCHAR(255),
    bios_interface VARCHAR(255),
    fault VARCHAR(255),
    deploy_step ${json},
    conductor_group VARCHAR(255) NOT NULL DEFAULT '',
    automated_clean BOOLEAN,
    protected BOOLEAN NOT NULL DEFAULT FALSE,
    protected_reason ${text},
    owner VARCHAR(255),
    description ${text},
    allocation_uuid VARCHAR(36),
    retired BOOLEAN NOT NULL DEFAULT FALSE,
    retired_reason ${text},
    lessee VARCHAR(255),
    network_data ${json},
    boot_mode VARCHAR(255),
    secure_boot BOOLEAN,
    shard VARCHAR(255),
    CONSTRAINT uniq_nodes0uuid UNIQUE (uuid),
    CONSTRAINT uniq_nodes0name UNIQUE (name),
    CONSTRAINT uniq_nodes0instance_uuid UNIQUE (instance_uuid),
    CONSTRAINT fk_nodes0chassis FOREIGN KEY (chassis_uuid) REFERENCES chassis (uuid)
);
CREATE INDEX nodes_provision_state_idx ON nodes (provision_state);
CREATE INDEX nodes_driver_idx ON nodes (driver);
CREATE INDEX nodes_conductor_group_idx ON nodes (conductor_group);
CREATE INDEX nodes_resource_class_idx ON nodes (resource_class);
CREATE INDEX nodes_owner_idx ON nodes (owner);
CREATE INDEX nodes_lessee_idx ON nodes (lessee);
CREATE INDEX nodes_shard_idx ON nodes (shard);
CREATE INDEX nodes_reservation_idx ON nodes (reservation);

CREATE TABLE node_traits (
    node_uuid VARCHAR(36) NOT NULL,
    trait VARCHAR(255) NOT NULL,
    created_at ${ts},
    updated_at ${ts},
    CONSTRAINT pk_node_traits PRIMARY KEY (node_uuid, trait),
    CONSTRAINT fk_node_traits0node FOREIGN KEY (node_uuid) REFERENCES nodes (uuid)
);

CREATE TABLE portgroups (
    id ${id},
    uuid VARCHAR(36) NOT NULL,
    name VARCHAR(255),
    address VARCHAR(18),
    node_uuid VARCHAR(36) NOT NULL,
    standalone_ports_supported BOOLEAN NOT NULL DEFAULT TRUE,
    internal_info ${json},
    extra ${json},
    mode VARCHAR(255),
    properties ${json},
    created_at ${ts},
    updated_at ${ts},
    CONSTRAINT uniq_portgroups0uuid UNIQUE (uuid),
    CONSTRAINT uniq_portgroups0name UNIQUE (name),
    CONSTRAINT uniq_portgroups0address UNIQUE (address),
    CONSTRAINT fk_portgroups0node FOREIGN KEY (node_uuid) REFERENCES nodes (uuid)
);
CREATE INDEX portgroups_node_uuid_idx ON portgroups (node_uuid);

CREATE TABLE ports (
    id ${id},
    uuid VARCHAR(36) NOT NULL,
    address VARCHAR(18) NOT NULL,
    node_uuid VARCHAR(36) NOT NULL,
    extra ${json},
    created_at ${ts},
    updated_at ${ts},
    internal_info ${json},
    local_link_connection ${json},
    pxe_enabled BOOLEAN NOT NULL DEFAULT TRUE,
    portgroup_uuid VARCHAR(36),
    physical_network VARCHAR(64),
    is_smartnic BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT uniq_ports0uuid UNIQUE (uuid),
    CONSTRAINT uniq_ports0address UNIQUE (address),
    CONSTRAINT fk_ports0node FOREIGN KEY (node_uuid) REFERENCES nodes (uuid),
    CONSTRAINT fk_ports0portgroup FOREIGN KEY (portgroup_uuid) REFERENCES portgroups (uuid)
);
CREATE INDEX ports_node_uuid_idx ON ports (node_uuid);
CREATE INDEX ports_portgroup_uuid_idx ON ports (portgroup_uuid);

CREATE TABLE conductors (
    id ${id},
    hostname VARCHAR(255) NOT NULL,
    conductor_group VARCHAR(255) NOT NULL DEFAULT '',
    online BOOLEAN NOT NULL DEFAULT TRUE,
    drivers ${json},
    created_at ${ts},
    updated_at ${ts},
    CONSTRAINT uniq_conductors0hostname UNIQUE (hostname)
);
