package dev.ferrum.drivers.base;

import dev.ferrum.conductor.Task;

/** Discovers hardware properties. */
public interface InspectInterface extends DriverInterface {
    @Override
    default String type() {
        return "inspect";
    }

    /** Returns manageable when done, or inspect wait when results arrive later. */
    String inspectHardware(Task task);

    default void abort(Task task) {
        throw Unsupported.of(task, "abort inspection");
    }
}
