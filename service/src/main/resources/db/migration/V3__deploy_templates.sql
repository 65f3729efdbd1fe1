-- Deploy templates (API 1.55). Column types that differ per engine are Flyway placeholders (see
-- dev.ferrum.db.Dialect), as in V1.
--
-- Steps are one JSON column holding the template's list of {interface, step, args, priority}, not a
-- child table as in Ironic (deploy_template_steps). Nothing ever reads or writes a single step: the API
-- shows, validates and replaces the list as a whole (a JSON Patch of one step still rewrites the list),
-- and the conductor loads every step of the templates named after a node's traits. Nothing selects
-- templates by step either. One column therefore keeps every write a single statement (the ObjectStore
-- rule that a failed request never leaves half a template behind), keeps the steps in the order the client
-- gave them, and needs no join or second query per page of a listing. A query by step interface, should
-- one ever be needed, is cheap to do over the few templates a deployment has.

CREATE TABLE deploy_templates (
    id ${id},
    uuid VARCHAR(36) NOT NULL,
    name VARCHAR(255) NOT NULL,
    extra ${json},
    steps ${json} NOT NULL,
    created_at ${ts},
    updated_at ${ts},
    CONSTRAINT uniq_deploytemplates0uuid UNIQUE (uuid),
    CONSTRAINT uniq_deploytemplates0name UNIQUE (name)
);
