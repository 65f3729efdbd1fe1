package dev.ferrum.drivers.base;

import dev.ferrum.common.States;
import dev.ferrum.conductor.Task;
import java.util.List;

/** Reads and changes a node's power state. */
public interface PowerInterface extends DriverInterface {
    @Override
    default String type() {
        return "power";
    }

    /** What a BMC with ACPI soft power off supports (IPMI and Redfish). */
    List<String> WITH_SOFT_POWER = List.of(States.POWER_ON, States.POWER_OFF, States.REBOOT, States.SOFT_REBOOT,
            States.SOFT_POWER_OFF);

    /** The node's actual power state: power on, power off or error. */
    String getPowerState(Task task);

    /** Drives the node to {@code state} (power on/off, soft power off, soft rebooting), waiting up to timeout seconds. */
    void setPowerState(Task task, String state, Integer timeout);

    void reboot(Task task, Integer timeout);

    default List<String> supportedPowerStates(Task task) {
        return List.of(States.POWER_ON, States.POWER_OFF, States.REBOOT);
    }
}
