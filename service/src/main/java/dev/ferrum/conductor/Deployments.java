package dev.ferrum.conductor;

import dev.ferrum.drivers.base.Step;
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

    /** Worker part of a deploy or rebuild with its planned steps; the node is in {@code deploying}. */
    static void run(Task task, List<Map<String, Object>> steps) {
        try {
            task.driver().storage().validate(task);
            task.driver().deploy().prepare(task);
        } catch (RuntimeException e) {
            fail(task, "Failed to prepare to deploy: " + Cleaning.message(e));
            return;
        }
        if (steps.isEmpty()) {
            fail(task, "No deploy steps returned by the driver");
            return;
        }
        StepRunner.DEPLOY.plan(task, steps);
        continueFrom(task, 0);
    }

    static void continueFrom(Task task, int index) {
        StepRunner.Outcome o = StepRunner.DEPLOY.runFrom(task, index);
        if (o.failed()) {
            Map<String, Object> step = o.failedStep();
            fail(task, "Deploy step " + step.get("interface") + "." + step.get("step") + " failed on node "
                    + task.uuid() + ". " + Cleaning.message(o.error()));
            return;
        }
        if (o.result() != Step.Result.DONE) {
            task.processEvent(o.result() == Step.Result.HOLD ? "hold" : "wait");
            return;
        }
        finish(task, Map.of()); // Ironic leaves an empty deploy_step
        Affinity.claim(task);
        LOG.info("Successfully deployed node {}", task.uuid());
        task.processEvent("done");
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
        StepRunner.DEPLOY.finish(task, deployStep);
    }
}
