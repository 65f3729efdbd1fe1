package dev.ferrum.drivers.fake;

import dev.ferrum.common.FerrumException;
import dev.ferrum.common.States;
import dev.ferrum.conductor.Task;
import dev.ferrum.drivers.base.PowerInterface;
import java.util.List;
import java.util.Set;

/** Power without hardware: the node is in whatever power state the conductor last set. */
record FakePower(Delay delay) implements PowerInterface {
    private static final Set<String> SETTABLE = Set.of(States.POWER_ON, States.POWER_OFF, States.SOFT_REBOOT, States.SOFT_POWER_OFF);

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String getPowerState(Task task) {
        delay.pause();
        return (String) task.node().get("power_state");
    }

    @Override
    public void setPowerState(Task task, String state, Integer timeout) {
        delay.pause();
        if (!SETTABLE.contains(state)) {
            throw FerrumException.invalid("set_power_state called with an invalid power state: %s.", state);
        }
        task.node().put("power_state", state);
    }

    @Override
    public void reboot(Task task, Integer timeout) {
        delay.pause();
    }

    @Override
    public List<String> supportedPowerStates(Task task) {
        return List.of(States.POWER_ON, States.POWER_OFF, States.REBOOT, States.SOFT_REBOOT, States.SOFT_POWER_OFF);
    }
}
