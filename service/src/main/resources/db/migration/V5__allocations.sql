-- Allocations (API 1.52): a request for a node of a resource class with traits, matched by a conductor.
-- As elsewhere, references are by UUID: allocations.node_uuid names the node it got (a foreign key), and
-- nodes.allocation_uuid (already in V1) points back. The back pointer is indexed but not a foreign key:
-- only NodeAllocationStore writes it, always in the transaction that creates or deletes the allocation,
-- and nodes stay insertable with any stored value (as the storage tests do).

CREATE TABLE allocations (
    id ${id},
    uuid VARCHAR(36) NOT NULL,
    name VARCHAR(255),
    node_uuid VARCHAR(36),
    state VARCHAR(15) NOT NULL,
    owner VARCHAR(255),
    last_error ${text},
    resource_class VARCHAR(80),
    traits ${json},
    candidate_nodes ${json},
    extra ${json},
    created_at ${ts},
    updated_at ${ts},
    CONSTRAINT uniq_allocations0uuid UNIQUE (uuid),
    CONSTRAINT uniq_allocations0name UNIQUE (name),
    CONSTRAINT fk_allocations0node FOREIGN KEY (node_uuid) REFERENCES nodes (uuid)
);
CREATE INDEX allocations_node_uuid_idx ON allocations (node_uuid);
CREATE INDEX allocations_state_idx ON allocations (state);

CREATE INDEX nodes_allocation_uuid_idx ON nodes (allocation_uuid);
