package dev.ferrum.drivers.base;

import dev.ferrum.conductor.Task;

/** Boots an active node into a rescue ramdisk and back. */
public interface RescueInterface extends DriverInterface {
    @Override
    default String type() {
        return "rescue";
    }

    /** Returns rescue when done or rescue wait when the ramdisk calls back later. */
    String rescue(Task task);

    /** Returns active. */
    String unrescue(Task task);

    default void cleanUp(Task task) {
    }
}
