package dev.ferrum.drivers.base;

import dev.ferrum.common.FerrumException;
import dev.ferrum.conductor.Task;

/** Ironic's UnsupportedDriverExtension: the node's interface of this type cannot do that. */
public final class Unsupported {
    private Unsupported() {
    }

    public static FerrumException of(Task task, String interfaceType) {
        return FerrumException.invalid("Driver %s does not support %s (disabled or not implemented).",
                task.node().get("driver"), interfaceType);
    }
}
