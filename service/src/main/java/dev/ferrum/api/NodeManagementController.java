package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import dev.ferrum.common.PyRepr;
import dev.ferrum.common.States;
import dev.ferrum.db.Stores;
import dev.ferrum.rpc.ConductorApi;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Node actions beyond provisioning and power, each answered by a conductor call under the node's lock:
 * /management/inject_nmi and /management/indicators, /states/boot_mode, /states/secure_boot,
 * /states/console and /states/raid, /vifs and the drivers' /raid; it also registers the vendor passthru
 * endpoints ({@link VendorPassthruController}) and the node's stored records (/bios, /history, /inventory:
 * {@link NodeRecordsController}).
 * Checks run in Ironic's order: arguments, then the node, then the microversion, then the action's rules.
 */
final class NodeManagementController {
    /** Provision states a node passes through without a request (Ironic's UNSTABLE_STATES). */
    private static final Set<String> UNSTABLE = Set.of(States.DEPLOYING, States.DEPLOY_WAIT, States.CLEANING, States.CLEAN_WAIT,
            States.VERIFYING, States.DELETING, States.INSPECTING, States.INSPECT_WAIT, States.ADOPTING, States.RESCUING,
            States.RESCUE_WAIT, States.UNRESCUING);
    private static final List<String> BOOT_MODES = List.of("bios", "uefi");
    private final NodesController nodes;
    private final ConductorApi conductor;
    private final Stores stores;
    private final Conductors conductors;
    private final int maxLimit;

    NodeManagementController(NodesController nodes, ConductorApi conductor, Stores stores, Conductors conductors, int maxLimit) {
        this.nodes = nodes;
        this.conductor = conductor;
        this.stores = stores;
        this.conductors = conductors;
        this.maxLimit = maxLimit;
    }

    void routes(RoutesConfig r) {
        r.put("/v1/nodes/{node}/management/inject_nmi", this::injectNmi);
        r.get("/v1/nodes/{node}/management/indicators", this::indicators);
        r.put("/v1/nodes/{node}/management/indicators", ctx -> {
            throw Args.missing("indicator");
        });
        r.get("/v1/nodes/{node}/management/indicators/{indicator}", this::getIndicator);
        r.put("/v1/nodes/{node}/management/indicators/{indicator}", this::setIndicator);
        r.put("/v1/nodes/{node}/states/boot_mode", this::bootMode);
        r.put("/v1/nodes/{node}/states/secure_boot", this::secureBoot);
        r.get("/v1/nodes/{node}/states/console", this::getConsole);
        r.put("/v1/nodes/{node}/states/console", this::setConsole);
        r.put("/v1/nodes/{node}/states/raid", this::raid);
        r.get("/v1/nodes/{node}/vifs", this::vifs);
        r.post("/v1/nodes/{node}/vifs", this::attachVif);
        r.delete("/v1/nodes/{node}/vifs/{vif}", this::detachVif);
        r.get("/v1/drivers/{driver}/raid/logical_disk_properties", this::logicalDiskProperties);
        new VendorPassthruController(nodes, conductor, conductors).routes(r);
        new NodeRecordsController(nodes, stores, maxLimit).routes(r);
    }

    private String nodeUuid(Context ctx) {
        return (String) nodes.find(ctx, ctx.pathParam("node")).get("uuid");
    }

    // ---- management ----------------------------------------------------------------------------

    private void injectNmi(Context ctx) {
        Args.of(ctx, Set.of());
        if (Requests.version(ctx) < 29) {
            throw FerrumException.notFound("Resource could not be found.");
        }
        conductor.injectNmi(nodeUuid(ctx));
        Requests.empty(ctx, 204);
    }

    private void indicators(Context ctx) {
        String ident = ctx.pathParam("node");
        String uuid = nodeUuid(ctx);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("indicators");
        String base = Requests.base(ctx);
        conductor.getSupportedIndicators(uuid).forEach((component, byName) -> byName.forEach((name, info) -> {
            String unique = name + "@" + component;
            ObjectNode i = list.addObject();
            i.put("name", unique);
            i.put("component", component);
            i.put("readonly", !Boolean.FALSE.equals(info.get("readonly")));
            i.set("states", Json.MAPPER.valueToTree(info.getOrDefault("states", List.of())));
            i.set("links", Links.of(base, "nodes/" + ident + "/management/indicators/" + unique));
        }));
        Requests.json(ctx, out);
    }

    private void getIndicator(Context ctx) {
        Args.of(ctx, Set.of());
        String uuid = nodeUuid(ctx);
        String[] ci = indicator(ctx.pathParam("indicator"));
        Requests.json(ctx, Map.of("state", conductor.getIndicatorState(uuid, ci[0], ci[1])));
    }

    private void setIndicator(Context ctx) {
        String state = Args.of(ctx, Set.of("state")).string("state", true);
        String uuid = nodeUuid(ctx);
        String[] ci = indicator(ctx.pathParam("indicator"));
        conductor.setIndicatorState(uuid, ci[0], ci[1], state);
        Requests.empty(ctx, 204);
    }

    /** "name@component" → {component, name}. */
    private static String[] indicator(String unique) {
        int at = unique.indexOf('@');
        if (at < 0) {
            throw FerrumException.invalid("Malformed indicator name \"%s\"", unique);
        }
        return new String[] {unique.substring(at + 1), unique.substring(0, at)};
    }

    // ---- /states -------------------------------------------------------------------------------

    private void bootMode(Context ctx) {
        String target = Args.of(ctx, Set.of("target")).string("target", true);
        Map<String, Object> node = nodes.find(ctx, ctx.pathParam("node"));
        requireChangeBootModeVersion(ctx);
        if (target == null || !BOOT_MODES.contains(target)) {
            throw new FerrumException(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid boot mode " + (target == null ? "None" : target)
                    + " requested for node. Allowed boot modes are: " + String.join(", ", BOOT_MODES));
        }
        requireStable(node);
        conductor.changeNodeBootMode((String) node.get("uuid"), target);
        accepted(ctx, "/states");
    }

    private void secureBoot(Context ctx) {
        Boolean target = Args.of(ctx, Set.of("target")).bool("target", true);
        Map<String, Object> node = nodes.find(ctx, ctx.pathParam("node"));
        requireChangeBootModeVersion(ctx);
        if (target == null) {
            throw new FerrumException(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Invalid secure_boot None requested for node. Allowed secure_boot states are: True, False");
        }
        requireStable(node);
        conductor.changeNodeSecureBoot((String) node.get("uuid"), target);
        accepted(ctx, "/states");
    }

    private static void requireChangeBootModeVersion(Context ctx) {
        if (Requests.version(ctx) < 76) {
            throw FerrumException.notFound("This endpoint is supported starting with the API version 1.76");
        }
    }

    private static void requireStable(Map<String, Object> node) {
        Object state = node.get("provision_state");
        if (UNSTABLE.contains(state)) {
            throw FerrumException.conflict("Node is in %s state. Since node is transitioning, the boot mode will not be set as "
                    + "this may interfere with ongoing changes and result in erroneous modification. Try again later.", state);
        }
    }

    private void getConsole(Context ctx) {
        Args.of(ctx, Set.of());
        Map<String, Object> info = conductor.getConsoleInformation(nodeUuid(ctx));
        ObjectNode out = Json.object();
        out.put("console_enabled", info != null);
        out.set("console_info", info == null ? null : Json.MAPPER.valueToTree(info));
        Requests.json(ctx, out);
    }

    private void setConsole(Context ctx) {
        Boolean enabled = Args.of(ctx, Set.of("enabled")).bool("enabled", true);
        if (enabled == null) {
            throw FerrumException.invalid("Invalid enabled: Unrecognized value None, acceptable values are: '0', '1', 'f', "
                    + "'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'");
        }
        conductor.setConsoleMode(nodeUuid(ctx), enabled);
        accepted(ctx, "/states/console");
    }

    private void raid(Context ctx) {
        Listing.allowOnly(ctx, Set.of());
        JsonNode config = ctx.body().isBlank() ? Json.object() : Requests.body(ctx);
        if (!config.isObject()) {
            throw FerrumException.invalid("Expected a JSON object for target_raid_config: %s", PyRepr.of(config));
        }
        String uuid = nodeUuid(ctx);
        requireRaidVersion(ctx);
        conductor.setTargetRaidConfig(uuid, config);
        Requests.empty(ctx, 204);
    }

    private static void requireRaidVersion(Context ctx) {
        Requests.requireMicroversion(Requests.version(ctx), 12);
    }

    private void accepted(Context ctx, String path) {
        ctx.header("Location", Requests.base(ctx) + "/v1/nodes/" + ctx.pathParam("node") + path);
        Requests.empty(ctx, 202);
    }

    // ---- VIFs ----------------------------------------------------------------------------------

    private void vifs(Context ctx) {
        Requests.requireVersion(ctx, 28);
        Args.of(ctx, Set.of());
        Requests.json(ctx, Map.of("vifs", conductor.vifList(nodeUuid(ctx))));
    }

    private void attachVif(Context ctx) {
        Requests.requireVersion(ctx, 28);
        Listing.allowOnly(ctx, Set.of());
        JsonNode vif = Requests.body(ctx);
        if (!vif.isObject()) {
            throw FerrumException.invalid("Schema error for vif: %s is not of type 'object'", PyRepr.of(vif));
        }
        JsonNode id = vif.get("id");
        if (id == null) {
            throw FerrumException.invalid("Schema error for vif: 'id' is a required property");
        }
        if (!id.isTextual()) {
            throw FerrumException.invalid("Schema error for vif: %s is not of type 'string'", PyRepr.of(id));
        }
        Args.uuidOrName("id", id.asText());
        String uuid = nodeUuid(ctx);
        if (Requests.version(ctx) >= 67 && vif.has("port_uuid") && vif.has("portgroup_uuid")) {
            throw FerrumException.invalid("Cannot specify both port_uuid and portgroup_uuid");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> info = Json.MAPPER.convertValue(vif, LinkedHashMap.class);
        conductor.vifAttach(uuid, info);
        Requests.empty(ctx, 204);
    }

    private void detachVif(Context ctx) {
        Requests.requireVersion(ctx, 28);
        Args.of(ctx, Set.of());
        String vif = Args.uuidOrName("vif_id", ctx.pathParam("vif"));
        conductor.vifDetach(nodeUuid(ctx), vif);
        Requests.empty(ctx, 204);
    }

    // ---- drivers -------------------------------------------------------------------------------

    private void logicalDiskProperties(Context ctx) {
        Args.of(ctx, Set.of());
        requireRaidVersion(ctx);
        Requests.json(ctx, conductor.getRaidLogicalDiskProperties(VendorPassthruController.servedDriver(ctx, conductors)));
    }
}
