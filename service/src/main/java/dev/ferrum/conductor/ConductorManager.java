package dev.ferrum.conductor;

import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.States;
import dev.ferrum.common.config.Options;
import dev.ferrum.db.Condition;
import dev.ferrum.db.Stores;
import dev.ferrum.drivers.DriverFactory;
import dev.ferrum.drivers.HardwareType;
import dev.ferrum.common.ProvisionMachine;
import dev.ferrum.drivers.Driver;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The conductor's RPC methods, one per action (Ironic's ConductorManager). */
public final class ConductorManager {
    /** States in which a node's instance_uuid may be removed, taking its allocation along (unless in maintenance). */
    private static final List<String> INSTANCE_REMOVAL_STATES = List.of(States.ENROLL, States.INSPECTING, States.INSPECT_WAIT,
            States.MANAGEABLE, States.AVAILABLE);
    /** Conductor settings the actions read. */
    public record Settings(boolean automatedClean, boolean allowProvisioningInMaintenance) {
    }

    private final Stores stores;
    private final DriverFactory drivers;
    private final TaskManager tasks;
    private final Settings settings;
    private final VolumeManager volumes;
    private final Allocations allocations;

    public ConductorManager(Stores stores, DriverFactory drivers, TaskManager tasks, Settings settings, Allocations allocations) {
        this.stores = Objects.requireNonNull(stores);
        this.drivers = Objects.requireNonNull(drivers);
        this.tasks = Objects.requireNonNull(tasks);
        this.settings = Objects.requireNonNull(settings);
        this.volumes = new VolumeManager(stores, tasks);
        this.allocations = Objects.requireNonNull(allocations);
    }

    public TaskManager tasks() {
        return tasks;
    }

    /** The volume connector and target RPCs. */
    public VolumeManager volumes() {
        return volumes;
    }

    public Map<String, Object> createNode(Map<String, Object> values) {
        Map<String, Object> node = new HashMap<>(values);
        HardwareType h = drivers.require((String) node.get("driver"));
        drivers.resolveInterfaces(node, h, explicitInterfaces(values), false);
        return stores.nodes.insert(node);
    }

    public Map<String, Object> updateNode(String uuid, Map<String, Object> changes, boolean resetInterfaces) {
        try (Task task = tasks.acquire(uuid, "node update")) {
            return updateNode(task, changes, resetInterfaces);
        }
    }

    private Map<String, Object> updateNode(Task task, Map<String, Object> changes, boolean resetInterfaces) {
        Map<String, Object> node = task.node();
        String uuid = task.uuid();
        checkUpdateAllowed(node, changes);
        changes = new HashMap<>(changes);
        NodeUpdateRules.apply(node, changes);
        Map<String, Object> updated = new HashMap<>(node);
        updated.putAll(changes);
        boolean touchesInterfaces = changes.containsKey("driver")
                || changes.keySet().stream().anyMatch(k -> k.endsWith("_interface"));
        Map<String, Object> toWrite = new HashMap<>(changes);
        if (touchesInterfaces) {
            HardwareType h = drivers.require((String) updated.get("driver"));
            drivers.resolveInterfaces(updated, h, explicitInterfaces(changes), resetInterfaces);
            for (String type : Options.INTERFACE_TYPES) {
                String f = type + "_interface";
                if (!Objects.equals(updated.get(f), node.get(f))) {
                    toWrite.put(f, updated.get(f));
                }
            }
        }
        if (changes.containsKey("instance_uuid") && changes.get("instance_uuid") == null && node.get("allocation_uuid") != null) {
            releaseAllocation(node);
        }
        return stores.nodes.update(uuid, toWrite).orElseThrow(() -> nodeNotFound(uuid));
    }

    public void destroyNode(String uuid) {
        try (Task task = tasks.acquire(uuid, "node deletion")) {
            destroyNode(task);
        }
    }

    private void destroyNode(Task task) {
        Map<String, Object> node = task.node();
        String uuid = task.uuid();
        if (Boolean.TRUE.equals(node.get("protected"))) {
            throw new FerrumException(ErrorCode.FORBIDDEN,
                    "Node " + uuid + " is protected and cannot be undeployed, rebuilt or deleted");
        }
        boolean maintenance = Boolean.TRUE.equals(node.get("maintenance"));
        if (node.get("instance_uuid") != null && !maintenance) {
            throw new FerrumException(ErrorCode.CONFLICT,
                    "Node " + uuid + " is associated with instance " + node.get("instance_uuid") + ".");
        }
        String state = (String) node.get("provision_state");
        if (!States.DELETE_ALLOWED.contains(state) && !maintenance) {
            throw new FerrumException(ErrorCode.INVALID_STATE, "Can not delete node " + uuid + " while it is in provision state \""
                    + state + "\". Valid provision states to perform deletion are: " + String.join(", ", States.DELETE_ALLOWED.stream().sorted().toList()));
        }
        stores.db.jdbi().useTransaction(h -> {
            stores.nodeAllocations.deleteForNode(h, uuid);
            h.createUpdate("DELETE FROM ports WHERE node_uuid = ?").bind(0, uuid).execute();
            h.createUpdate("DELETE FROM portgroups WHERE node_uuid = ?").bind(0, uuid).execute();
            h.createUpdate("DELETE FROM node_traits WHERE node_uuid = ?").bind(0, uuid).execute();
            h.createUpdate("DELETE FROM bios_settings WHERE node_uuid = ?").bind(0, uuid).execute();
            stores.history.deleteFor(h, uuid);
            h.createUpdate("DELETE FROM volume_connectors WHERE node_uuid = ?").bind(0, uuid).execute();
            h.createUpdate("DELETE FROM volume_targets WHERE node_uuid = ?").bind(0, uuid).execute();
            stores.nodes.delete(h, uuid);
        });
    }

    /** A new allocation: matched in the background, or backfilled now when {@code node_uuid} is given. */
    public Map<String, Object> createAllocation(Map<String, Object> values) {
        return allocations.create(values);
    }

    /** Deleting an allocation frees its node, so the node is locked while its state is checked and changed. */
    public void destroyAllocation(String uuid) {
        Object nodeUuid = stores.allocations.get("uuid", uuid).map(a -> a.get("node_uuid")).orElse(null);
        if (nodeUuid == null) {
            allocations.destroy(uuid); // not placed (yet): nothing to lock; 404 when it does not exist
            return;
        }
        try (Task task = tasks.acquire((String) nodeUuid, "deallocation")) {
            allocations.destroy(uuid);
        }
    }

    /** Removing a node's instance_uuid removes its allocation too, as in Ironic. */
    private void releaseAllocation(Map<String, Object> node) {
        if (!Boolean.TRUE.equals(node.get("maintenance")) && !INSTANCE_REMOVAL_STATES.contains(node.get("provision_state"))) {
            throw new FerrumException(ErrorCode.INVALID_STATE, "Node " + node.get("uuid") + " with an allocation can not have "
                    + "instance_uuid removed unless it is in one of allowed (" + String.join(", ", INSTANCE_REMOVAL_STATES)
                    + ") states or in maintenance mode.");
        }
        stores.nodeAllocations.destroy((String) node.get("allocation_uuid"));
    }

    public Map<String, Object> createPort(Map<String, Object> values) {
        Map<String, Object> node = stores.nodes.get("uuid", values.get("node_uuid"))
                .orElseThrow(() -> FerrumException.invalid("Node %s could not be found.", values.get("node_uuid")));
        checkPortgroup(values, node);
        return stores.ports.insert(values);
    }

    public Map<String, Object> updatePort(String uuid, Map<String, Object> changes) {
        Map<String, Object> port = stores.ports.get("uuid", uuid).orElseThrow(() -> FerrumException.notFound("Port %s could not be found.", uuid));
        Map<String, Object> merged = new HashMap<>(port);
        merged.putAll(changes);
        Map<String, Object> node = stores.nodes.get("uuid", merged.get("node_uuid"))
                .orElseThrow(() -> FerrumException.invalid("Node %s could not be found.", merged.get("node_uuid")));
        boolean maintenance = Boolean.TRUE.equals(node.get("maintenance"));
        if (changes.containsKey("address") && !maintenance
                && (States.ACTIVE.equals(node.get("provision_state")) || node.get("instance_uuid") != null)) {
            throw new FerrumException(ErrorCode.INVALID_STATE, "Cannot update the MAC address of port " + uuid + ": node "
                    + node.get("uuid") + " is active or has an instance; set maintenance mode first.");
        }
        Set<String> connectivity = new HashSet<>(changes.keySet());
        connectivity.retainAll(Set.of("portgroup_uuid", "pxe_enabled", "local_link_connection", "physical_network"));
        if (!connectivity.isEmpty() && !maintenance && !States.PORT_UPDATE_ALLOWED.contains(node.get("provision_state"))) {
            throw new FerrumException(ErrorCode.INVALID_STATE, "Port " + uuid + " can not have its connectivity attributes ("
                    + String.join(", ", connectivity.stream().sorted().toList()) + ") updated unless node " + node.get("uuid")
                    + " is in one of the states " + String.join(", ", States.PORT_UPDATE_ALLOWED.stream().sorted().toList())
                    + " or in maintenance mode. The current state is " + node.get("provision_state") + ".");
        }
        checkPortgroup(merged, node);
        return stores.ports.update(uuid, changes).orElseThrow(() -> FerrumException.notFound("Port %s could not be found.", uuid));
    }

    public void destroyPort(String uuid) {
        if (!stores.ports.delete(uuid)) {
            throw FerrumException.notFound("Port %s could not be found.", uuid);
        }
    }

    public Map<String, Object> createPortgroup(Map<String, Object> values) {
        stores.nodes.get("uuid", values.get("node_uuid"))
                .orElseThrow(() -> FerrumException.invalid("Node %s could not be found.", values.get("node_uuid")));
        return stores.portgroups.insert(values);
    }

    public Map<String, Object> updatePortgroup(String uuid, Map<String, Object> changes) {
        Map<String, Object> pg = stores.portgroups.get("uuid", uuid)
                .orElseThrow(() -> FerrumException.notFound("Portgroup %s could not be found.", uuid));
        if (changes.containsKey("node_uuid") && !Objects.equals(changes.get("node_uuid"), pg.get("node_uuid"))) {
            stores.nodes.get("uuid", changes.get("node_uuid"))
                    .orElseThrow(() -> FerrumException.invalid("Node %s could not be found.", changes.get("node_uuid")));
            if (stores.ports.exists(List.of(new Condition.Eq("portgroup_uuid", uuid)))) {
                throw FerrumException.conflict("Portgroup %s still has ports; it cannot move to another node.", uuid);
            }
        }
        return stores.portgroups.update(uuid, changes)
                .orElseThrow(() -> FerrumException.notFound("Portgroup %s could not be found.", uuid));
    }

    public void destroyPortgroup(String uuid) {
        stores.portgroups.get("uuid", uuid).orElseThrow(() -> FerrumException.notFound("Portgroup %s could not be found.", uuid));
        if (stores.ports.exists(List.of(new Condition.Eq("portgroup_uuid", uuid)))) {
            throw FerrumException.conflict("Portgroup %s is not empty; remove its ports first.", uuid);
        }
        stores.portgroups.delete(uuid);
    }

    private void checkPortgroup(Map<String, Object> port, Map<String, Object> node) {
        Object pgUuid = port.get("portgroup_uuid");
        if (pgUuid == null) {
            return;
        }
        Map<String, Object> pg = stores.portgroups.get("uuid", pgUuid)
                .orElseThrow(() -> FerrumException.invalid("Portgroup %s could not be found.", pgUuid));
        if (!Objects.equals(pg.get("node_uuid"), node.get("uuid"))) {
            throw FerrumException.invalid("Port can not be added to a portgroup belonging to a different node.");
        }
    }

    private static Set<String> explicitInterfaces(Map<String, Object> values) {
        Set<String> s = new HashSet<>();
        values.keySet().stream().filter(k -> k.endsWith("_interface")).forEach(s::add);
        return s;
    }

    private static FerrumException nodeNotFound(String uuid) {
        return FerrumException.notFound("Node %s could not be found.", uuid);
    }

    // ---- traits ----------------------------------------------------------------------------------

    public void addNodeTraits(String uuid, List<String> traits, boolean replace) {
        try (Task task = tasks.acquire(uuid, "adding node traits")) {
            if (replace) {
                stores.traits.replace(task.uuid(), traits);
            } else {
                traits.forEach(t -> stores.traits.add(task.uuid(), t));
            }
        }
    }

    public void removeNodeTraits(String uuid, List<String> traits) {
        try (Task task = tasks.acquire(uuid, "removing node traits")) {
            if (traits == null) {
                stores.traits.removeAll(task.uuid());
                return;
            }
            for (String t : traits) {
                if (!stores.traits.remove(task.uuid(), t)) {
                    throw FerrumException.notFound("Node %s doesn't have a trait '%s'", task.uuid(), t);
                }
            }
        }
    }

    // ---- provisioning ----------------------------------------------------------------------------

    /** PUT /states/provision active|deploy|rebuild. */
    public void doNodeDeploy(String uuid, boolean rebuild, Object configdrive, List<Map<String, Object>> deploySteps) {
        String event = rebuild ? "rebuild" : "deploy";
        try (Task task = tasks.acquire(uuid, "node deployment")) {
            Map<String, Object> node = task.node();
            if (Boolean.TRUE.equals(node.get("maintenance"))) {
                throw nodeInMaintenance("provisioning", uuid);
            }
            if (rebuild && Boolean.TRUE.equals(node.get("protected"))) {
                throw protectedNode(uuid);
            }
            requireActionable(task, event);
            try {
                task.driver().power().validate(task);
                task.driver().deploy().validate(task);
                task.driver().boot().validate(task);
            } catch (FerrumException e) {
                throw FerrumException.invalid("RPC do_node_deploy failed to validate deploy or power info for node %s. Error: %s",
                        uuid, e.getMessage());
            }
            // every step is planned (and checked) before anything changes, so a bad request writes nothing
            List<Map<String, Object>> plan = planDeploy(task, deploySteps == null ? List.of() : deploySteps);
            task.reserveWorker();
            if (configdrive != null) {
                Map<String, Object> info = task.jsonField("instance_info");
                info.put("configdrive", configdrive);
                task.save("instance_info", info);
            }
            task.processEvent(event, null, null, () -> Deployments.run(task, plan));
        }
    }

    /** PUT /states/provision deleted|undeploy. */
    public void doNodeTearDown(String uuid) {
        try (Task task = tasks.acquire(uuid, "node tear down")) {
            if (Boolean.TRUE.equals(task.node().get("protected"))) {
                throw protectedNode(uuid);
            }
            requireActionable(task, "delete");
            try {
                task.driver().power().validate(task);
                task.driver().deploy().validate(task);
            } catch (FerrumException e) {
                throw FerrumException.invalid("RPC do_node_tear_down failed to validate deploy or power info for node %s. Error: %s",
                        uuid, e.getMessage());
            }
            task.processEvent("delete", null, null, () -> Flows.tearDown(task, settings.automatedClean()));
        }
    }

    /** PUT /states/provision clean (manual cleaning from manageable). */
    public void doNodeClean(String uuid, List<Map<String, Object>> cleanSteps, boolean disableRamdisk) {
        try (Task task = tasks.acquire(uuid, "node manual cleaning")) {
            if (Boolean.TRUE.equals(task.node().get("maintenance")) && !settings.allowProvisioningInMaintenance()) {
                throw nodeInMaintenance("cleaning", uuid);
            }
            requireActionable(task, "clean");
            try {
                task.driver().power().validate(task);
                task.driver().network().validate(task);
            } catch (FerrumException e) {
                throw FerrumException.invalid("RPC do_node_clean failed to validate power or network info for node %s. Error: %s",
                        uuid, e.getMessage());
            }
            task.processEvent("clean", States.MANAGEABLE, null,
                    () -> Cleaning.run(task, cleanSteps, settings.automatedClean(), disableRamdisk));
        }
    }

    /** PUT /states/provision inspect. */
    public void inspectHardware(String uuid) {
        try (Task task = tasks.acquire(uuid, "hardware inspection")) {
            requireActionable(task, "inspect");
            try {
                task.driver().power().validate(task);
                task.driver().inspect().validate(task);
            } catch (FerrumException e) {
                throw FerrumException.invalid("RPC inspect_hardware failed to validate inspection or power info. Error: %s",
                        e.getMessage());
            }
            task.processEvent("inspect", null, null, () -> Flows.inspect(task));
        }
    }

    /** PUT /states/provision rescue. */
    public void doNodeRescue(String uuid, String rescuePassword) {
        try (Task task = tasks.acquire(uuid, "node rescue")) {
            if (Boolean.TRUE.equals(task.node().get("maintenance"))) {
                throw nodeInMaintenance("rescuing", uuid);
            }
            requireActionable(task, "rescue");
            try {
                task.driver().power().validate(task);
                task.driver().rescue().validate(task);
            } catch (FerrumException e) {
                throw FerrumException.invalid("RPC do_node_rescue failed to validate rescue interface for node %s. Error: %s",
                        uuid, e.getMessage());
            }
            task.reserveWorker();
            Map<String, Object> info = task.jsonField("instance_info");
            info.put("rescue_password", rescuePassword);
            info.put("hashed_rescue_password", Passwords.hash(rescuePassword));
            task.save("instance_info", info);
            task.processEvent("rescue", null, null, () -> Flows.rescue(task));
        }
    }

    /** PUT /states/provision unrescue. */
    public void doNodeUnrescue(String uuid) {
        try (Task task = tasks.acquire(uuid, "node unrescue")) {
            if (Boolean.TRUE.equals(task.node().get("maintenance"))) {
                throw nodeInMaintenance("unrescuing", uuid);
            }
            requireActionable(task, "unrescue");
            task.processEvent("unrescue", null, null, () -> Flows.unrescue(task));
        }
    }

    /** PUT /states/provision manage|provide|adopt|abort|unhold. */
    public void doProvisioningAction(String uuid, String action) {
        try (Task task = tasks.acquire(uuid, "provision action " + action)) {
            Map<String, Object> node = task.node();
            String state = task.provisionState();
            requireActionable(task, action);
            switch (action) {
                case "provide" -> {
                    if (Boolean.TRUE.equals(node.get("maintenance")) && !settings.allowProvisioningInMaintenance()) {
                        throw nodeInMaintenance("providing", uuid);
                    }
                    if (Boolean.TRUE.equals(node.get("retired"))) {
                        throw FerrumException.invalid("The providing operation can't be performed on node %s because it is retired.", uuid);
                    }
                    task.processEvent("provide", null, null, () -> Cleaning.run(task, null, settings.automatedClean()));
                }
                case "manage" -> {
                    if (States.ENROLL.equals(state)) {
                        task.processEvent("manage", null, null, () -> Flows.verify(task));
                    } else {
                        task.processEvent("manage");
                    }
                }
                case "adopt" -> task.processEvent("adopt", null, null, () -> Flows.adopt(task));
                case "abort" -> abort(task);
                case "unhold" -> unhold(task);
                default -> task.processEvent(action);
            }
        }
    }

    private void abort(Task task) {
        switch (task.provisionState()) {
            case States.CLEAN_WAIT, States.CLEAN_HOLD -> Cleaning.abort(task);
            case States.INSPECT_WAIT -> {
                task.driver().inspect().abort(task);
                task.processEvent("abort", null, "Inspection was aborted by request.", null);
            }
            case States.RESCUE_WAIT -> {
                task.driver().rescue().cleanUp(task);
                task.processEvent("abort", null, "Rescue operation was aborted for node " + task.uuid() + ".", null);
            }
            case States.DEPLOY_HOLD -> task.processEvent("abort", null, "Deploy operation was aborted for node "
                    + task.uuid() + " while on hold.", null);
            default -> task.processEvent("abort");
        }
    }

    /** A held clean or deploy continues with the step after the hold. */
    private void unhold(Task task) {
        boolean cleaning = States.CLEAN_HOLD.equals(task.provisionState());
        String target = cleaning && Cleaning.isManual(task) ? States.MANAGEABLE : null;
        task.processEvent("unhold", target, null, () -> {
            task.processEvent("resume", target, null, null);
            if (cleaning) {
                Cleaning.continueFrom(task, StepRunner.CLEAN.nextIndex(task));
            } else {
                Deployments.continueFrom(task, StepRunner.DEPLOY.nextIndex(task));
            }
        });
    }

    // ---- power and management --------------------------------------------------------------------

    /** PUT /states/power. */
    public void changeNodePowerState(String uuid, String target, Integer timeout) {
        try (Task task = tasks.acquire(uuid, "changing node power state")) {
            try {
                task.driver().power().validate(task);
            } catch (FerrumException e) {
                throw FerrumException.invalid("Failed to validate power driver interface for node %s. Error: %s", uuid, e.getMessage());
            }
            if ((target.equals(States.SOFT_REBOOT) || target.equals(States.SOFT_POWER_OFF))
                    && !task.driver().power().supportedPowerStates(task).contains(target)) {
                throw FerrumException.invalid("The requested power state %s is not supported by node %s's power interface %s.",
                        target, uuid, task.driver().power().name());
            }
            task.spawnAfter(() -> Flows.power(task, target, timeout));
            Map<String, Object> changes = new HashMap<>();
            changes.put("target_power_state", target.equals(States.REBOOT) || target.equals(States.SOFT_REBOOT)
                    ? States.POWER_ON : target.equals(States.SOFT_POWER_OFF) ? States.POWER_OFF : target);
            changes.put("last_error", null);
            task.save(changes);
        }
    }

    /** GET /validate: each interface's validation result. */
    public Map<String, Map<String, Object>> validateDriverInterfaces(String uuid) {
        try (Task task = tasks.acquireShared(uuid, "driver interface validation")) {
            Map<String, Map<String, Object>> out = new LinkedHashMap<>();
            for (String type : Driver.NON_VENDOR) {
                Map<String, Object> r = new LinkedHashMap<>();
                try {
                    task.driver().get(type).validate(task);
                    r.put("result", true);
                } catch (FerrumException e) {
                    r.put("result", false);
                    r.put("reason", e.getMessage());
                } catch (RuntimeException e) {
                    r.put("result", false);
                    r.put("reason", "Unexpected exception, traceback saved into log by ferrum conductor service that is running on "
                            + tasks.host() + ": " + e);
                }
                out.put(type, r);
            }
            return out;
        }
    }

    public void setBootDevice(String uuid, String device, boolean persistent) {
        try (Task task = tasks.acquire(uuid, "setting boot device")) {
            task.driver().management().validate(task);
            if (!task.driver().management().supportedBootDevices(task).contains(device)) {
                throw FerrumException.invalid("Invalid boot device %s specified.", device);
            }
            task.driver().management().setBootDevice(task, device, persistent);
        }
    }

    public Map<String, Object> getBootDevice(String uuid) {
        try (Task task = tasks.acquireShared(uuid, "getting boot device")) {
            task.driver().management().validate(task);
            return task.driver().management().getBootDevice(task);
        }
    }

    public List<String> getSupportedBootDevices(String uuid) {
        try (Task task = tasks.acquireShared(uuid, "getting supported boot devices")) {
            return task.driver().management().supportedBootDevices(task);
        }
    }

    /**
     * Steps of the deploy templates named by the traits the instance asked for (instance_info.traits), which
     * must all be traits of the node, as in Ironic.
     */
    /** The deploy steps to run, or a 400 naming whether the templates or the request's own steps are wrong. */
    private List<Map<String, Object>> planDeploy(Task task, List<Map<String, Object>> requested) {
        List<Map<String, Object>> templateSteps = templateSteps(task);
        try {
            return Steps.deploy(task.driver(), templateSteps, requested);
        } catch (FerrumException e) {
            try {
                Steps.deploy(task.driver(), templateSteps, List.of());
            } catch (FerrumException templateError) {
                throw FerrumException.invalid("Failed to validate deploy or power info for node %s: Validation of deploy steps "
                        + "from deploy templates matching this node's instance traits failed. Matching deploy templates: %s. "
                        + "Errors: %s", task.uuid(), String.join(", ", instanceTraits(task)), templateError.getMessage());
            }
            throw FerrumException.invalid("Failed to validate deploy or power info for node %s: Validation of deploy steps "
                    + "from \"deploy steps\" argument failed. Errors: %s", task.uuid(), e.getMessage());
        }
    }

    private static List<String> instanceTraits(Task task) {
        Object t = task.jsonField("instance_info").get("traits");
        return t instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    private List<Map<String, Object>> templateSteps(Task task) {
        Object requested = task.jsonField("instance_info").get("traits");
        if (requested == null) {
            return List.of();
        }
        if (!(requested instanceof List<?> list) || !list.stream().allMatch(t -> t instanceof String)) {
            throw FerrumException.invalid("Error parsing traits from Node %s instance_info field. A list of strings is expected.",
                    task.uuid());
        }
        List<String> traits = list.stream().map(String.class::cast).toList();
        var nodeTraits = stores.traits.forNodes(List.of(task.uuid())).getOrDefault(task.uuid(), List.of());
        List<String> missing = traits.stream().filter(t -> !nodeTraits.contains(t)).toList();
        if (!missing.isEmpty()) {
            throw FerrumException.invalid("Cannot specify instance traits that are not also node traits. Node %s is missing "
                    + "traits %s", task.uuid(), String.join(", ", missing));
        }
        return new DeployTemplates(stores).stepsForTraits(traits);
    }

    private void requireActionable(Task task, String verbOrEvent) {
        var verb = ProvisionMachine.VERBS.get(verbOrEvent);
        String event = verb == null ? verbOrEvent : verb.event();
        if (!ProvisionMachine.actionable(task.provisionState(), event)) {
            throw FerrumException.invalidStateRequested(verbOrEvent, task.uuid(), task.provisionState());
        }
    }

    /** Ironic refuses most updates while a node is mid-transition (UPDATE_ALLOWED_STATES). */
    private static void checkUpdateAllowed(Map<String, Object> node, Map<String, Object> changes) {
        String state = (String) node.get("provision_state");
        boolean onlyMaintenance = changes.keySet().stream().allMatch(k -> k.startsWith("maintenance") || k.equals("fault"));
        if (state == null || ProvisionMachine.isStable(state) || States.UPDATE_ALLOWED.contains(state)
                || Boolean.TRUE.equals(node.get("maintenance")) || onlyMaintenance) {
            return;
        }
        throw new FerrumException(ErrorCode.CONFLICT, "Node " + node.get("uuid")
                + " can not be updated while a state transition is in progress.");
    }

    private static FerrumException nodeInMaintenance(String op, String uuid) {
        return FerrumException.invalid("The %s operation can't be performed on node %s because it's in maintenance mode.", op, uuid);
    }

    private static FerrumException protectedNode(String uuid) {
        return new FerrumException(ErrorCode.FORBIDDEN, "Node " + uuid + " is protected and cannot be undeployed, rebuilt or deleted");
    }
}
