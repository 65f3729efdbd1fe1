package dev.ferrum.conductor;

import dev.ferrum.drivers.base.Step;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a node's planned clean or deploy steps in order. The plan and the index of the running step live in
 * driver_internal_info ({@code clean_steps}/{@code clean_step_index}, {@code deploy_steps}/...) and the
 * running step in the node's {@code clean_step}/{@code deploy_step}, so a hold or wait resumes after it.
 */
record StepRunner(Step.Kind kind, String stepField, String stepsKey, String indexKey) {
    static final StepRunner CLEAN = new StepRunner(Step.Kind.CLEAN, "clean_step", "clean_steps", "clean_step_index");
    static final StepRunner DEPLOY = new StepRunner(Step.Kind.DEPLOY, "deploy_step", "deploy_steps", "deploy_step_index");

    /** How a run ended. {@code failedStep}/{@code error} are set only for FAILED. */
    record Outcome(Step.Result result, boolean failed, Map<String, Object> failedStep, RuntimeException error) {
    }

    void plan(Task task, List<Map<String, Object>> steps) {
        save(task, steps, null);
    }

    /** Runs the plan from {@code index}: DONE when every step ran, HOLD/WAIT when one paused, or a failure. */
    Outcome runFrom(Task task, int index) {
        List<Map<String, Object>> steps = planned(task);
        for (int i = index; i < steps.size(); i++) {
            Map<String, Object> step = steps.get(i);
            save(task, steps, i);
            task.save(stepField, step);
            Step.Result r;
            try {
                r = Steps.execute(task, kind, step);
            } catch (RuntimeException e) {
                return new Outcome(null, true, step, e);
            }
            if (r != Step.Result.DONE) {
                return new Outcome(r, false, null, null);
            }
        }
        return new Outcome(Step.Result.DONE, false, null, null);
    }

    /** Where a paused run continues: after the step it paused in. */
    int nextIndex(Task task) {
        Object i = task.jsonField("driver_internal_info").get(indexKey);
        return i instanceof Number n ? n.intValue() + 1 : 0;
    }

    /** Forgets the plan (the key stays, emptied, as in Ironic) and sets the node's step field. */
    void finish(Task task, Object stepValue) {
        Map<String, Object> info = task.jsonField("driver_internal_info");
        info.put(stepsKey, null);
        info.remove(indexKey);
        Map<String, Object> changes = new HashMap<>();
        changes.put("driver_internal_info", info);
        changes.put(stepField, stepValue);
        task.save(changes);
    }

    private void save(Task task, List<Map<String, Object>> steps, Integer index) {
        Map<String, Object> info = task.jsonField("driver_internal_info");
        info.put(stepsKey, steps);
        info.put(indexKey, index);
        task.save("driver_internal_info", info);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> planned(Task task) {
        Object steps = task.jsonField("driver_internal_info").get(stepsKey);
        return steps instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }
}
