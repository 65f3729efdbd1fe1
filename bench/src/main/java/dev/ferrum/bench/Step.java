package dev.ferrum.bench;

import java.util.function.ToIntFunction;

/**
 * One row of a report: a workload, or one phase of lifecycle or power. A run performs each step on every target
 * before the next step, so the targets take turns.
 *
 * @param ops  how many operations the step performs on a target (the size of its Measurement)
 * @param body performs them, recording each into the Measurement; returns the wall time in nanoseconds
 */
record Step(String name, ToIntFunction<Target> ops, Body body) {

    interface Body {
        long run(Target target, Measurement m) throws InterruptedException;
    }
}
