package dev.ferrum.conductor;

import dev.ferrum.common.States;
import dev.ferrum.db.ObjectStore;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The worker part of the shorter provisioning flows: verify, inspect, adopt, tear down, rescue, power. */
final class Flows {
    private static final Logger LOG = LoggerFactory.getLogger(Flows.class);

    private Flows() {
    }

    /** enroll → verifying → manageable: the BMC credentials work if the power state can be read. */
    static void verify(Task task) {
        String power;
        try {
            task.driver().power().validate(task);
            task.driver().management().validate(task);
            power = task.driver().power().getPowerState(task);
        } catch (RuntimeException e) {
            task.processEvent("fail", null, "Failed to get power state for node " + task.uuid() + ". Error: "
                    + Cleaning.message(e), null);
            return;
        }
        Map<String, Object> read = new HashMap<>();
        read.put("power_state", power);
        task.stage(read); // written with the transition to manageable below
        try {
            task.driver().bios().cacheSettings(task);
        } catch (RuntimeException e) { // as Ironic: a BIOS that cannot be read does not fail verification
            LOG.warn("Caching of BIOS settings failed on node {}; continuing with node verification: {}", task.uuid(),
                    Cleaning.message(e));
        }
        task.processEvent("done");
    }

    static void inspect(Task task) {
        task.save("inspection_started_at", ObjectStore.now());
        String result;
        try {
            result = task.driver().inspect().inspectHardware(task);
        } catch (RuntimeException e) {
            Map<String, Object> changes = new HashMap<>();
            changes.put("inspection_finished_at", null);
            task.save(changes);
            task.processEvent("fail", null, "Failed to inspect hardware. Reason: " + Cleaning.message(e), null);
            return;
        }
        if (States.INSPECT_WAIT.equals(result)) {
            task.processEvent("wait");
            return;
        }
        Map<String, Object> done = new HashMap<>();
        done.put("inspection_started_at", null);
        done.put("inspection_finished_at", ObjectStore.now());
        task.save(done);
        task.processEvent("done");
    }

    static void adopt(Task task) {
        try {
            task.driver().power().validate(task);
            task.driver().deploy().validate(task);
            task.driver().deploy().takeOver(task);
        } catch (RuntimeException e) {
            task.processEvent("fail", null, "Error while attempting to adopt node " + task.uuid() + ": "
                    + Cleaning.message(e) + ".", null);
            return;
        }
        Affinity.claim(task);
        task.processEvent("done");
    }

    /** active/failed → deleting → (cleaning): removes the instance, then cleans unless cleaning is off. */
    static void tearDown(Task task, boolean automatedClean) {
        try {
            task.driver().deploy().tearDown(task);
            task.driver().boot().cleanUpInstance(task);
            task.driver().deploy().cleanUp(task);
        } catch (RuntimeException e) {
            task.processEvent("fail", null, "Failed to tear down. Error: " + Cleaning.message(e), null);
            return;
        }
        Map<String, Object> info = task.jsonField("driver_internal_info");
        info.put("deploy_steps", null); // as Ironic: the key stays, emptied
        info.remove("deploy_step_index");
        info.remove("is_whole_disk_image");
        Map<String, Object> changes = new HashMap<>();
        changes.put("instance_info", Map.of());
        changes.put("instance_uuid", null);
        changes.put("driver_internal_info", info);
        changes.put("deploy_step", Map.of());
        task.save(changes);
        Object allocation = task.node().get("allocation_uuid");
        if (allocation != null) {
            // the instance is gone, so is the allocation that placed it (as Ironic's tear down does)
            task.stores().nodeAllocations.destroy((String) allocation);
            task.node().put("allocation_uuid", null);
        }
        task.processEvent("clean");
        Cleaning.run(task, null, automatedClean);
    }

    static void rescue(Task task) {
        String result;
        try {
            result = task.driver().rescue().rescue(task);
        } catch (RuntimeException e) {
            task.processEvent("fail", null, "Failed to rescue node " + task.uuid() + ": " + Cleaning.message(e), null);
            return;
        }
        task.processEvent(States.RESCUE_WAIT.equals(result) ? "wait" : "done");
    }

    static void unrescue(Task task) {
        try {
            task.driver().rescue().unrescue(task);
        } catch (RuntimeException e) {
            task.processEvent("fail", null, "Failed to unrescue node " + task.uuid() + ": " + Cleaning.message(e), null);
            return;
        }
        task.processEvent("done"); // the rescue interface removes the password it handed out (fake hands out none)
    }

    /** Ironic's node_power_action: drive the node to {@code target}, record the outcome. */
    static void power(Task task, String target, Integer timeout) {
        String finalState = switch (target) {
            case States.REBOOT, States.SOFT_REBOOT, States.POWER_ON -> States.POWER_ON;
            default -> States.POWER_OFF;
        };
        String previous = (String) task.node().get("power_state");
        Map<String, Object> changes = new HashMap<>();
        try {
            boolean alreadyThere = (target.equals(States.POWER_ON) || target.equals(States.POWER_OFF))
                    && target.equals(task.driver().power().getPowerState(task));
            if (alreadyThere) {
                LOG.info("Not going to change node {} power state because current state = requested state = '{}'.",
                        task.uuid(), target);
            } else if (target.equals(States.REBOOT)) {
                task.driver().power().reboot(task, timeout);
            } else {
                task.driver().power().setPowerState(task, target, timeout);
            }
            changes.put("power_state", finalState);
            changes.put("last_error", null);
            Map<String, Object> info = task.jsonField("driver_internal_info");
            info.put("last_power_state_change", ObjectStore.now().toString());
            changes.put("driver_internal_info", info);
            if (!finalState.equals(previous)) {
                task.history("provisioning", "INFO", "Power state changed from "
                        + (previous == null ? "None" : previous) + " to " + finalState); // Python's None
            }
        } catch (RuntimeException e) {
            String msg = "Failed to change power state to '" + finalState + "' by '" + target + "'. Error: " + Cleaning.message(e);
            changes.put("last_error", msg);
            task.history("provisioning", "ERROR", msg);
            LOG.error("Node {}: {}", task.uuid(), msg);
        }
        changes.put("target_power_state", null);
        task.stage(changes); // the end of the worker: written with the release of the lock
    }
}
