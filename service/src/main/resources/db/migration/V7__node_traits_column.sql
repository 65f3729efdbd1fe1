-- The node's traits as a sorted JSON list on its row, kept by TraitStore in the same transaction as node_traits
-- (which stays the source for matching deploy templates and allocations). Showing a node, or a page of 1,000,
-- then needs no second query. NULL means "not written yet": views fall back to node_traits.

ALTER TABLE nodes ADD COLUMN traits ${json};

UPDATE nodes SET traits = '[]' WHERE NOT EXISTS (SELECT 1 FROM node_traits t WHERE t.node_uuid = nodes.uuid);
