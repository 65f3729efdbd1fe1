package dev.ferrum.drivers.base;

import dev.ferrum.conductor.Task;

/** Writes an instance image to a node (its {@code deploy} step) and undoes it. */
public interface DeployInterface extends DriverInterface {
    @Override
    default String type() {
        return "deploy";
    }

    /** Before the deploy steps run. */
    void prepare(Task task);

    /** Removes the instance; returns the state tear down reaches. */
    void tearDown(Task task);

    /** Releases what prepare set up. */
    void cleanUp(Task task);

    /** Before clean steps run; WAIT means a ramdisk must come up first. */
    default Step.Result prepareCleaning(Task task) {
        return Step.Result.DONE;
    }

    default void tearDownCleaning(Task task) {
    }

    /** A conductor adopts an active node it did not deploy. */
    default void takeOver(Task task) {
    }
}
