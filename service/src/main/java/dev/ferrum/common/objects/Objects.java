package dev.ferrum.common.objects;

import static dev.ferrum.common.objects.Field.Access.CREATE;
import static dev.ferrum.common.objects.Field.Access.PATCH;
import static dev.ferrum.common.objects.FieldType.BOOLEAN;
import static dev.ferrum.common.objects.FieldType.DATETIME;
import static dev.ferrum.common.objects.FieldType.INTEGER;
import static dev.ferrum.common.objects.FieldType.LIST;
import static dev.ferrum.common.objects.FieldType.OBJECT;
import static dev.ferrum.common.objects.FieldType.STRING;
import static dev.ferrum.common.objects.FieldType.UUID;

/**
 * The field tables of Ironic's v1 objects as of API 1.82, each field with the microversion that
 * introduced it. One place, so serialization, {@code fields=}, create, patch and SQL all agree.
 */
public final class Objects {
    public static final ObjectSpec NODE = ObjectSpec.builder("Node", "nodes", 1)
            .required("uuid", UUID, 1, CREATE)
            .field("name", STRING, 5, CREATE, PATCH)
            .field("instance_uuid", UUID, 1, CREATE, PATCH)
            .field("instance_info", OBJECT, 1, CREATE, PATCH)
            .required("driver", STRING, 1, CREATE, PATCH)
            .field("driver_info", OBJECT, 1, CREATE, PATCH)
            .field("driver_internal_info", OBJECT, 3)
            .field("extra", OBJECT, 1, CREATE, PATCH)
            .field("properties", OBJECT, 1, CREATE, PATCH)
            .field("chassis_uuid", UUID, 1, CREATE, PATCH)
            .field("power_state", STRING, 1)
            .field("target_power_state", STRING, 1)
            .field("provision_state", STRING, 1)
            .field("target_provision_state", STRING, 1)
            .field("provision_updated_at", DATETIME, 1)
            .required("maintenance", BOOLEAN, 1, CREATE, PATCH)
            .field("maintenance_reason", STRING, 1, PATCH)
            .required("console_enabled", BOOLEAN, 1)
            .field("last_error", STRING, 1)
            .field("reservation", STRING, 1)
            .field("created_at", DATETIME, 1)
            .field("updated_at", DATETIME, 1)
            .field("inspection_started_at", DATETIME, 6)
            .field("inspection_finished_at", DATETIME, 6)
            .field("clean_step", OBJECT, 7)
            .field("raid_config", OBJECT, 12)
            .field("target_raid_config", OBJECT, 12)
            .field("network_interface", STRING, 20, CREATE, PATCH)
            .field("resource_class", STRING, 21, CREATE, PATCH)
            .field("boot_interface", STRING, 31, CREATE, PATCH)
            .field("console_interface", STRING, 31, CREATE, PATCH)
            .field("deploy_interface", STRING, 31, CREATE, PATCH)
            .field("inspect_interface", STRING, 31, CREATE, PATCH)
            .field("management_interface", STRING, 31, CREATE, PATCH)
            .field("power_interface", STRING, 31, CREATE, PATCH)
            .field("raid_interface", STRING, 31, CREATE, PATCH)
            .field("vendor_interface", STRING, 31, CREATE, PATCH)
            .field("storage_interface", STRING, 33, CREATE, PATCH)
            .field("traits", LIST, 37) // kept by TraitStore, never written through the node itself
            .defaultTo("traits", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode())
            .field("rescue_interface", STRING, 38, CREATE, PATCH)
            .field("bios_interface", STRING, 40, CREATE, PATCH)
            .field("fault", STRING, 42)
            .field("deploy_step", OBJECT, 44)
            .required("conductor_group", STRING, 46, CREATE, PATCH)
            .field("automated_clean", BOOLEAN, 47, CREATE, PATCH)
            .required("protected", BOOLEAN, 48, PATCH)
            .field("protected_reason", STRING, 48, PATCH)
            .computed("conductor", STRING, 49, "driver", "conductor_group")
            .field("owner", STRING, 50, CREATE, PATCH)
            .field("description", STRING, 51, CREATE, PATCH)
            .field("allocation_uuid", UUID, 52)
            .required("retired", BOOLEAN, 61, CREATE, PATCH)
            .field("retired_reason", STRING, 61, CREATE, PATCH)
            .field("lessee", STRING, 65, CREATE, PATCH)
            .field("network_data", OBJECT, 66, CREATE, PATCH)
            .field("boot_mode", STRING, 75)
            .field("secure_boot", BOOLEAN, 75)
            .field("shard", STRING, 82, CREATE, PATCH)
            .list("uuid", "name", "instance_uuid", "power_state", "provision_state", "maintenance")
            .build();

    public static final ObjectSpec PORT = ObjectSpec.builder("Port", "ports", 1)
            .required("uuid", UUID, 1, CREATE)
            .required("address", STRING, 1, CREATE, PATCH)
            .required("node_uuid", UUID, 1, CREATE, PATCH)
            .field("extra", OBJECT, 1, CREATE, PATCH)
            .field("created_at", DATETIME, 1)
            .field("updated_at", DATETIME, 1)
            .field("internal_info", OBJECT, 18)
            .field("local_link_connection", OBJECT, 19, CREATE, PATCH)
            .required("pxe_enabled", BOOLEAN, 19, CREATE, PATCH)
            .field("portgroup_uuid", UUID, 24, CREATE, PATCH)
            .field("physical_network", STRING, 34, CREATE, PATCH)
            .required("is_smartnic", BOOLEAN, 53, CREATE, PATCH)
            .defaultTo("pxe_enabled", true)
            .list("uuid", "address")
            .build();

    public static final ObjectSpec PORTGROUP = ObjectSpec.builder("Portgroup", "portgroups", 23)
            .required("uuid", UUID, 23, CREATE)
            .field("name", STRING, 23, CREATE, PATCH)
            .field("address", STRING, 23, CREATE, PATCH)
            .required("node_uuid", UUID, 23, CREATE, PATCH)
            .required("standalone_ports_supported", BOOLEAN, 23, CREATE, PATCH)
            .field("internal_info", OBJECT, 23)
            .field("extra", OBJECT, 23, CREATE, PATCH)
            .field("mode", STRING, 23, CREATE, PATCH)
            .field("properties", OBJECT, 23, CREATE, PATCH)
            .field("created_at", DATETIME, 23)
            .field("updated_at", DATETIME, 23)
            .writableFrom("mode", 26)
            .writableFrom("properties", 26)
            .defaultTo("standalone_ports_supported", true)
            .list("uuid", "address", "name")
            .build();

    /** Volume connectors (API 1.32+): how a node attaches to remote storage. {@code type} is free text, as in Ironic. */
    public static final ObjectSpec VOLUME_CONNECTOR = ObjectSpec.builder("Volume connector", "volume_connectors", 32)
            .required("uuid", UUID, 32, CREATE)
            .required("node_uuid", UUID, 32, CREATE, PATCH)
            .required("type", STRING, 32, CREATE, PATCH)
            .required("connector_id", STRING, 32, CREATE, PATCH)
            .required("extra", OBJECT, 32, CREATE, PATCH)
            .field("created_at", DATETIME, 32)
            .field("updated_at", DATETIME, 32)
            .detailParamFrom(32)
            .list("uuid", "node_uuid", "type", "connector_id")
            .build();

    /** Volume targets (API 1.32+): the remote volumes a node boots from or uses. */
    public static final ObjectSpec VOLUME_TARGET = ObjectSpec.builder("Volume target", "volume_targets", 32)
            .required("uuid", UUID, 32, CREATE)
            .required("node_uuid", UUID, 32, CREATE, PATCH)
            .required("volume_type", STRING, 32, CREATE, PATCH)
            .required("properties", OBJECT, 32, CREATE, PATCH)
            .required("boot_index", INTEGER, 32, CREATE, PATCH)
            .required("volume_id", STRING, 32, CREATE, PATCH)
            .required("extra", OBJECT, 32, CREATE, PATCH)
            .field("created_at", DATETIME, 32)
            .field("updated_at", DATETIME, 32)
            .detailParamFrom(32)
            .list("uuid", "node_uuid", "volume_type", "boot_index", "volume_id")
            .build();

    public static final ObjectSpec CHASSIS = ObjectSpec.builder("Chassis", "chassis", 1)
            .required("uuid", UUID, 1, CREATE)
            .field("description", STRING, 1, CREATE, PATCH)
            .field("extra", OBJECT, 1, CREATE, PATCH)
            .field("created_at", DATETIME, 1)
            .field("updated_at", DATETIME, 1)
            .list("uuid", "description")
            .build();

    public static final ObjectSpec CONDUCTOR = ObjectSpec.builder("Conductor", "conductors", 49)
            .required("hostname", STRING, 49)
            .required("conductor_group", STRING, 49)
            .computed("alive", BOOLEAN, 49)
            .computed("drivers", LIST, 49)
            .field("created_at", DATETIME, 49)
            .field("updated_at", DATETIME, 49)
            .list("hostname", "conductor_group", "alive")
            .build();

    /** Deploy templates (API 1.55): named after a trait, the deploy steps a node with that trait runs. */
    public static final ObjectSpec DEPLOY_TEMPLATE = ObjectSpec.builder("Deploy template", "deploy_templates", 55)
            .required("uuid", UUID, 55, CREATE)
            .field("created_at", DATETIME, 55)
            .field("updated_at", DATETIME, 55)
            .required("name", STRING, 55, CREATE, PATCH)
            .required("extra", OBJECT, 55, CREATE, PATCH)
            .required("steps", LIST, 55, CREATE, PATCH)
            .list("uuid", "name")
            .build();

    /** Allocations (1.52): which node a request for a resource class and traits got. Patchable from 1.57. */
    public static final ObjectSpec ALLOCATION = ObjectSpec.builder("Allocation", "allocations", 52)
            .required("uuid", UUID, 52, CREATE)
            .field("name", STRING, 52, CREATE, PATCH)
            .field("node_uuid", UUID, 52)
            .required("state", STRING, 52)
            .field("last_error", STRING, 52)
            .field("resource_class", STRING, 52, CREATE)
            .field("traits", LIST, 52, CREATE)
            .field("candidate_nodes", LIST, 52, CREATE)
            .field("extra", OBJECT, 52, CREATE, PATCH)
            .field("owner", STRING, 60, CREATE)
            .field("created_at", DATETIME, 52)
            .field("updated_at", DATETIME, 52)
            .defaultTo("traits", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode())
            .defaultTo("candidate_nodes", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode())
            .list("uuid", "name", "node_uuid", "state", "last_error", "resource_class", "traits", "candidate_nodes", "extra",
                    "owner", "created_at", "updated_at")
            .build();

    private Objects() {
    }
}
