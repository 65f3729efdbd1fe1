package dev.ferrum.conductor;

import dev.ferrum.drivers.base.Step;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deployment (Ironic's conductor/deployments.py): prepare, then the deploy steps in priority order (the
 * driver's, deploy templates matching the node's traits, the operator's), then active. The plan and the
 * running step's index live in driver_internal_info so a hold or wait resumes where it stopped.
 */
final class Deployments {
    private static final Logger LOG = LoggerFactory.getLogger(Deployments.class);

    private Deployments() {
    }

    /** Worker part of a deploy or rebuild; the node is in {@code deploying}. */
    static void run(Task task, List<Map<String, Object>> templateSteps, List<Map<String, Object>> requestedSteps) {
        List<Map<String, Object>> steps;
        try {
            if (task.driver().storage() != null) {
                task.driver().storage().validate(task);
            }
            task.driver().deploy().prepare(task);
            steps = Steps.deploy(task.driver(), templateSteps, requestedSteps);
        } catch (RuntimeException e) {
            fail(task, "Failed to prepare to deploy: " + Cleaning.message(e));
            return;
        }
        if (steps.isEmpty()) {
            fail(task, "No deploy steps returned by the driver");
            return;
        }
        saveSteps(task, steps, null);
        continueFrom(task, 0);
    }

    static void continueFrom(Task task, int index) {
        List<Map<String, Object>> steps = planned(task);
        for (int i = index; i < steps.size(); i++) {
            Map<String, Object> step = steps.get(i);
            saveSteps(task, steps, i);
            task.save("deploy_step", step);
            Step.Result r;
            try {
                r = Steps.execute(task, Step.Kind.DEPLOY, step);
            } catch (RuntimeException e) {
                fail(task, "Deploy step " + step.get("interface") + "." + step.get("step") + " failed on node "
                        + task.uuid() + ". " + Cleaning.message(e));
                return;
            }
            if (r == Step.Result.HOLD) {
                task.processEvent("hold");
                return;
            }
            if (r == Step.Result.WAIT) {
                task.processEvent("wait");
                return;
            }
        }
        finish(task, null);
        LOG.info("Successfully deployed node {}", task.uuid());
        task.processEvent("done");
    }

    static int nextIndex(Task task) {
        Object i = task.jsonField("driver_internal_info").get("deploy_step_index");
        return i instanceof Number n ? n.intValue() + 1 : 0;
    }

    /** Ironic's deploying error handler: deploy failed with the reason in last_error. */
    static void fail(Task task, String message) {
        LOG.error("Deploy of node {} failed: {}", task.uuid(), message);
        try {
            task.driver().deploy().cleanUp(task);
        } catch (RuntimeException e) {
            message = message + " Also failed to clean up: " + Cleaning.message(e);
        }
        finish(task, Map.of());
        task.processEvent("fail", null, message, null);
    }

    private static void finish(Task task, Object deployStep) {
        Map<String, Object> info = task.jsonField("driver_internal_info");
        info.put("deploy_steps", null); // Ironic leaves the key, emptied
        info.remove("deploy_step_index");
        Map<String, Object> changes = new HashMap<>();
        changes.put("driver_internal_info", info);
        changes.put("deploy_step", deployStep);
        task.save(changes);
    }

    private static void saveSteps(Task task, List<Map<String, Object>> steps, Integer index) {
        Map<String, Object> info = task.jsonField("driver_internal_info");
        info.put("deploy_steps", steps);
        info.put("deploy_step_index", index);
        task.save("driver_internal_info", info);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> planned(Task task) {
        Object steps = task.jsonField("driver_internal_info").get("deploy_steps");
        return steps instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }
}
