package dev.ferrum.conductor;

import dev.ferrum.common.FerrumException;
import dev.ferrum.common.States;
import dev.ferrum.drivers.base.Step;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleaning (Ironic's conductor/cleaning.py): automated after provide and tear down, manual from manageable
 * with the operator's steps. The planned steps and the index of the running one live in
 * driver_internal_info, so a hold or wait resumes where it stopped.
 */
final class Cleaning {
    private static final Logger LOG = LoggerFactory.getLogger(Cleaning.class);

    private Cleaning() {
    }

    /** Worker part of cleaning; the node is in {@code cleaning}. {@code manualSteps} null means automated. */
    static void run(Task task, List<Map<String, Object>> manualSteps, boolean automatedCleanDefault) {
        run(task, manualSteps, automatedCleanDefault, false);
    }

    /** driver_internal_info key of a manual cleaning that boots no ramdisk (Ironic's name). */
    static final String DISABLE_RAMDISK = "cleaning_disable_ramdisk";

    /** @param disableRamdisk manual cleaning without booting a ramdisk: only steps that need none may run */
    static void run(Task task, List<Map<String, Object>> manualSteps, boolean automatedCleanDefault, boolean disableRamdisk) {
        boolean manual = manualSteps != null;
        Object nodeSetting = task.node().get("automated_clean");
        boolean automated = nodeSetting instanceof Boolean b ? b : automatedCleanDefault;
        if (!manual && !automated) {
            LOG.info("Automated cleaning is disabled, node {} has been successfully moved to AVAILABLE state.", task.uuid());
            task.processEvent("done");
            return;
        }
        List<Map<String, Object>> steps;
        try {
            steps = manual ? Steps.manualClean(task.driver(), manualSteps, disableRamdisk) : Steps.automatedClean(task.driver());
        } catch (RuntimeException e) {
            fail(task, "Cannot clean node " + task.uuid() + ": " + message(e), false);
            return;
        }
        if (manual && !disableRamdisk && Steps.allOutOfBand(task.driver(), steps)) {
            // e.g. BIOS settings over Redfish: booting the deploy ramdisk first would only add two reboots
            LOG.info("Manual cleaning of node {} runs only out-of-band steps: no ramdisk is booted", task.uuid());
            disableRamdisk = true;
        }
        try {
            task.driver().power().validate(task);
            if (!disableRamdisk) {
                task.driver().network().validate(task);
            }
            if (!disableRamdisk && task.driver().deploy().prepareCleaning(task) == Step.Result.WAIT) {
                StepRunner.CLEAN.plan(task, steps);
                event(task, "wait");
                return;
            }
        } catch (RuntimeException e) {
            fail(task, "Failed to prepare node " + task.uuid() + " for cleaning: " + message(e), false);
            return;
        }
        if (disableRamdisk) {
            Map<String, Object> info = task.jsonField("driver_internal_info");
            info.put(DISABLE_RAMDISK, true);
            task.save("driver_internal_info", info);
        }
        StepRunner.CLEAN.plan(task, steps);
        continueFrom(task, 0);
    }

    /** Runs the planned steps from {@code index} on; the node is in {@code cleaning}. */
    static void continueFrom(Task task, int index) {
        StepRunner.Outcome o = StepRunner.CLEAN.runFrom(task, index);
        if (o.failed()) {
            fail(task, "Node " + task.uuid() + " failed step " + describe(o.failedStep()) + ": " + message(o.error()), true);
            return;
        }
        if (o.result() != Step.Result.DONE) {
            event(task, o.result() == Step.Result.HOLD ? "hold" : "wait");
            return;
        }
        try {
            if (!ramdiskDisabled(task)) {
                task.driver().deploy().tearDownCleaning(task);
            }
        } catch (RuntimeException e) {
            fail(task, "Failed to tear down from cleaning for node " + task.uuid() + ", reason: " + message(e), false);
            return;
        }
        finish(task);
        LOG.info("Node {} cleaning complete", task.uuid());
        task.processEvent(isManual(task) ? "manage" : "done");
    }

    /** Abort from clean wait or clean hold: tear down and fail without maintenance. */
    static void abort(Task task) {
        Map<String, Object> step = task.jsonField("clean_step");
        try {
            task.driver().deploy().tearDownCleaning(task);
        } catch (RuntimeException e) {
            LOG.warn("Failed to tear down cleaning of node {} on abort: {}", task.uuid(), e.getMessage());
        }
        boolean manual = isManual(task);
        finish(task);
        String msg = "By request, the clean operation was aborted"
                + (step.isEmpty() ? "" : " during or after the completion of step \"" + step.get("step") + "\"");
        task.processEvent("abort", manual ? States.MANAGEABLE : null, msg, null);
    }

    /** Raises a mid-cleaning event keeping a manual cleaning's target (manageable), as Ironic does. */
    static void event(Task task, String event) {
        task.processEvent(event, isManual(task) ? States.MANAGEABLE : null, null, null);
    }

    static boolean isManual(Task task) {
        return States.MANAGEABLE.equals(task.node().get("target_provision_state"));
    }

    /** Ironic's cleaning error handler: a failed step also puts the node in maintenance with a fault. */
    static void fail(Task task, String message, boolean stepFailed) {
        LOG.error(message);
        boolean manual = isManual(task);
        Map<String, Object> changes = new HashMap<>();
        if (stepFailed) {
            changes.put("maintenance", true);
            changes.put("fault", "clean failure");
            if (task.node().get("maintenance_reason") == null) {
                changes.put("maintenance_reason", message);
            }
        }
        String msg = message;
        try {
            if (!ramdiskDisabled(task)) {
                task.driver().deploy().tearDownCleaning(task);
            }
        } catch (RuntimeException e) {
            msg = message + ". Also failed to tear down cleaning.";
        }
        task.save(changes);
        finish(task);
        if (States.CLEANING.equals(task.provisionState()) || States.CLEAN_WAIT.equals(task.provisionState())) {
            task.processEvent("fail", manual ? States.MANAGEABLE : null, msg, null);
        } else {
            task.save("last_error", msg);
        }
    }

    private static void finish(Task task) {
        if (ramdiskDisabled(task)) {
            Map<String, Object> info = task.jsonField("driver_internal_info");
            info.remove(DISABLE_RAMDISK);
            task.save("driver_internal_info", info);
        }
        StepRunner.CLEAN.finish(task, Map.of());
    }

    /** A manual cleaning with disable_ramdisk booted no ramdisk, so there is none to tear down (as Ironic). */
    private static boolean ramdiskDisabled(Task task) {
        return Boolean.TRUE.equals(task.jsonField("driver_internal_info").get(DISABLE_RAMDISK));
    }

    static String describe(Map<String, Object> step) {
        return "{'interface': '" + step.get("interface") + "', 'step': '" + step.get("step") + "', 'args': "
                + step.get("args") + "}";
    }

    static String message(RuntimeException e) {
        return e instanceof FerrumException ? e.getMessage() : e.toString();
    }
}
