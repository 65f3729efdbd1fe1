package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.ProvisionMachine;
import dev.ferrum.common.States;
import dev.ferrum.rpc.ConductorApi;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Node actions that go to the conductor: /states/provision, /states/power, /validate, /maintenance and
 * /management/boot_device. The API checks what Ironic's API checks (verbs, versions, arguments, the state
 * machine) and the conductor does the rest under the node's lock; long work answers 202 with a Location.
 */
final class NodeStatesController {
    private static final Set<String> PROVISION_KEYS = Set.of("target", "configdrive", "clean_steps", "deploy_steps",
            "rescue_password", "disable_ramdisk");
    private static final Set<String> CONFIGDRIVE_KEYS = Set.of("meta_data", "network_data", "user_data", "vendor_data");
    private final NodesController nodes;
    private final ConductorApi conductor;

    NodeStatesController(NodesController nodes, ConductorApi conductor) {
        this.nodes = nodes;
        this.conductor = conductor;
    }

    void routes(RoutesConfig r) {
        r.put("/v1/nodes/{node}/states/provision", this::provision);
        r.put("/v1/nodes/{node}/states/power", this::power);
        r.get("/v1/nodes/{node}/validate", this::validate);
        r.put("/v1/nodes/{node}/maintenance", this::setMaintenance);
        r.delete("/v1/nodes/{node}/maintenance", this::unsetMaintenance);
        r.get("/v1/nodes/{node}/management/boot_device", this::getBootDevice);
        r.put("/v1/nodes/{node}/management/boot_device", this::setBootDevice);
        r.get("/v1/nodes/{node}/management/boot_device/supported", this::supportedBootDevices);
    }

    private void provision(Context ctx) {
        int minor = Requests.version(ctx);
        Map<String, Object> node = nodes.find(ctx, ctx.pathParam("node"));
        String uuid = (String) node.get("uuid");
        Args args = Args.of(ctx, PROVISION_KEYS);
        String target = args.string("target", true);
        if (target == null) { // JSON null, which Ironic reports as the action "None"
            throw FerrumException.invalidStateRequested("None", uuid, node.get("provision_state"));
        }
        ProvisionMachine.Verb verb = ProvisionMachine.VERBS.get(target);
        if (verb != null) {
            Requests.requireMicroversion(minor, verb.since());
        }
        if ((target.equals("active") || target.equals("deploy") || target.equals("rebuild"))
                && Boolean.TRUE.equals(node.get("maintenance"))) {
            throw FerrumException.invalid("The provisioning operation can't be performed on node %s because it's in maintenance mode.", uuid);
        }
        String state = (String) node.get("provision_state");
        if (!ProvisionMachine.actionable(state, verb == null ? target : verb.event())) {
            if (node.get("reservation") != null) {
                throw FerrumException.nodeLocked(uuid, node.get("reservation"));
            }
            throw FerrumException.invalidStateRequested(target, uuid, state);
        }
        if (verb == null) {
            throw FerrumException.invalid("The requested action \"%s\" could not be understood.", target);
        }
        Object configdrive = configdrive(args.raw("configdrive"), target, minor);
        JsonNode cleanSteps = args.raw("clean_steps");
        if (cleanSteps != null && !target.equals("clean")) {
            throw FerrumException.invalid("\"clean_steps\" is only valid when setting target provision state to clean");
        }
        JsonNode deploySteps = args.raw("deploy_steps");
        if (deploySteps != null) {
            Requests.requireMicroversion(minor, 69);
            if (!Set.of("active", "deploy", "rebuild").contains(target)) {
                throw FerrumException.invalid("\"deploy_steps\" is only valid when deploying or rebuilding a node");
            }
        }
        String rescuePassword = args.string("rescue_password", false);
        if (args.has("rescue_password") && !target.equals("rescue")) {
            throw FerrumException.invalid("\"rescue_password\" is only valid when setting target provision state to rescue");
        }
        Boolean disableRamdisk = args.bool("disable_ramdisk", false);
        if (disableRamdisk != null) {
            Requests.requireMicroversion(minor, 70);
            if (!target.equals("clean")) {
                throw FerrumException.invalid("\"disable_ramdisk\" is only valid when setting target provision state to clean");
            }
        }
        boolean noRamdisk = Boolean.TRUE.equals(disableRamdisk);
        switch (verb.event()) {
            case "deploy", "rebuild" -> conductor.doNodeDeploy(uuid, target.equals("rebuild"), configdrive,
                    deploySteps == null ? null : StepsInput.deploy(deploySteps));
            case "delete" -> conductor.doNodeTearDown(uuid);
            case "clean" -> {
                if (cleanSteps == null || (cleanSteps.isArray() && cleanSteps.isEmpty())) {
                    throw FerrumException.invalid("\"clean_steps\" is required when setting target provision state to clean");
                }
                conductor.doNodeClean(uuid, StepsInput.clean(cleanSteps), noRamdisk);
            }
            case "inspect" -> conductor.inspectHardware(uuid);
            case "rescue" -> {
                if (rescuePassword == null || rescuePassword.isBlank()) {
                    throw FerrumException.invalid("A non-empty \"rescue_password\" is required when setting target provision state to rescue");
                }
                conductor.doNodeRescue(uuid, rescuePassword);
            }
            case "unrescue" -> conductor.doNodeUnrescue(uuid);
            default -> conductor.doProvisioningAction(uuid, verb.name());
        }
        accepted(ctx);
    }

    private static Object configdrive(JsonNode cd, String target, int minor) {
        if (cd == null || cd.isNull() || (cd.isTextual() && cd.asText().isEmpty())) {
            return null;
        }
        boolean allowed = target.equals("active") || target.equals("deploy") || (target.equals("rebuild") && minor >= 35);
        if (!allowed) {
            throw FerrumException.invalid("Adding a config drive is only supported when setting provision state to %s",
                    minor >= 35 ? "active, rebuild" : "active");
        }
        if (cd.isTextual()) {
            return cd.asText();
        }
        if (!cd.isObject()) {
            throw FerrumException.invalid("Invalid configdrive format: %s is not of type 'object', 'string'", cd);
        }
        if (minor < 56) {
            throw FerrumException.invalid("Providing a JSON object for configdrive is only supported starting with API version 1.56");
        }
        cd.fieldNames().forEachRemaining(k -> {
            if (!CONFIGDRIVE_KEYS.contains(k)) {
                throw FerrumException.invalid("Invalid configdrive format: Additional properties are not allowed ('%s' was unexpected)", k);
            }
        });
        if (cd.has("vendor_data") && minor < 59) {
            throw FerrumException.invalid("Providing vendor_data in configdrive is only supported starting with API version 1.59");
        }
        for (String k : List.of("meta_data", "network_data", "vendor_data")) {
            if (cd.has(k) && !cd.get(k).isObject()) {
                throw FerrumException.invalid("Invalid configdrive format: %s is not of type 'object'", cd.get(k));
            }
        }
        if (cd.has("user_data") && !(cd.get("user_data").isObject() || cd.get("user_data").isArray() || cd.get("user_data").isTextual())) {
            throw FerrumException.invalid("Invalid configdrive format: %s is not of type 'object', 'array', 'string'", cd.get("user_data"));
        }
        return cd;
    }

    private void power(Context ctx) {
        int minor = Requests.version(ctx);
        Map<String, Object> node = nodes.find(ctx, ctx.pathParam("node"));
        Args args = Args.of(ctx, Set.of("target", "timeout"));
        String target = args.string("target", true);
        if (target == null) {
            throw FerrumException.invalidStateRequested("None", ctx.pathParam("node"), node.get("power_state"));
        }
        Integer timeout = args.integer("timeout");
        if (target.equals(States.SOFT_REBOOT) || target.equals(States.SOFT_POWER_OFF) || timeout != null) {
            Requests.requireMicroversion(minor, 27);
        }
        if (timeout != null && timeout < 1) {
            throw FerrumException.invalid("timeout has to be positive integer");
        }
        String ident = ctx.pathParam("node");
        if (!States.POWER_TARGETS.contains(target)) {
            throw FerrumException.invalidStateRequested(target, ident, node.get("power_state"));
        }
        String state = (String) node.get("provision_state");
        if (States.CLEANING.equals(state) || States.CLEAN_WAIT.equals(state)) {
            throw FerrumException.invalidStateRequested(target, ident, state);
        }
        conductor.changeNodePowerState((String) node.get("uuid"), target, timeout);
        accepted(ctx);
    }

    private void validate(Context ctx) {
        Map<String, Object> node = nodes.find(ctx, ctx.pathParam("node"));
        Requests.json(ctx, conductor.validateDriverInterfaces((String) node.get("uuid")));
    }

    private void setMaintenance(Context ctx) {
        Map<String, Object> node = nodes.find(ctx, ctx.pathParam("node"));
        String reason = Args.of(ctx, Set.of("reason")).string("reason", false);
        Map<String, Object> changes = new java.util.HashMap<>();
        changes.put("maintenance", true);
        changes.put("maintenance_reason", reason);
        conductor.updateNode((String) node.get("uuid"), changes, false);
        Requests.empty(ctx, 202);
    }

    private void unsetMaintenance(Context ctx) {
        Map<String, Object> node = nodes.find(ctx, ctx.pathParam("node"));
        Map<String, Object> changes = new java.util.HashMap<>();
        changes.put("maintenance", false); // the conductor clears reason and fault with it
        conductor.updateNode((String) node.get("uuid"), changes, false);
        Requests.empty(ctx, 202);
    }

    private void getBootDevice(Context ctx) {
        Map<String, Object> node = nodes.find(ctx, ctx.pathParam("node"));
        Requests.json(ctx, conductor.getBootDevice((String) node.get("uuid")));
    }

    private void setBootDevice(Context ctx) {
        Map<String, Object> node = nodes.find(ctx, ctx.pathParam("node"));
        Args args = Args.of(ctx, Set.of("boot_device", "persistent"));
        String device = args.string("boot_device", true);
        boolean persistent = Boolean.TRUE.equals(args.bool("persistent", false));
        conductor.setBootDevice((String) node.get("uuid"), device, persistent);
        Requests.empty(ctx, 204);
    }

    private void supportedBootDevices(Context ctx) {
        Map<String, Object> node = nodes.find(ctx, ctx.pathParam("node"));
        Requests.json(ctx, Map.of("supported_boot_devices", conductor.getSupportedBootDevices((String) node.get("uuid"))));
    }

    private static void accepted(Context ctx) {
        ctx.header("Location", Requests.base(ctx) + "/v1/nodes/" + ctx.pathParam("node") + "/states");
        Requests.empty(ctx, 202);
    }
}
