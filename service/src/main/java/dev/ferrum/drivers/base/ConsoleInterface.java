package dev.ferrum.drivers.base;

import dev.ferrum.conductor.Task;
import java.util.Map;

/** A node's serial console. */
public interface ConsoleInterface extends DriverInterface {
    @Override
    default String type() {
        return "console";
    }

    void startConsole(Task task);

    void stopConsole(Task task);

    /** {"type": ..., "url": ...} of the running console. */
    Map<String, Object> getConsole(Task task);
}
