package dev.ferrum.drivers.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.States;
import dev.ferrum.conductor.Task;
import dev.ferrum.drivers.base.PowerInterface;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Power through ComputerSystem.Reset, mapped as Ironic maps its power actions (on → On, off → ForceOff,
 * reboot → ForceRestart, soft power off → GracefulShutdown, soft reboot → GracefulRestart), then waiting
 * for the system to report the requested state.
 */
record RedfishPower(RedfishClients clients, Duration changeTimeout, Duration softOffTimeout) implements PowerInterface, RedfishDriverInterface {
    private static final Duration POLL = Duration.ofMillis(500);

    @Override
    public String getPowerState(Task task) {
        return state(RedfishSystem.of(task, clients).read());
    }

    /** Redfish's PowerState as Ironic's: a transition reads as rebooting, anything unknown as error. */
    static String state(JsonNode system) {
        return switch (system.path("PowerState").asText("")) {
            case "On" -> States.POWER_ON;
            case "Off" -> States.POWER_OFF;
            case "PoweringOn", "PoweringOff", "Paused" -> States.REBOOT;
            default -> States.ERROR;
        };
    }

    @Override
    public void setPowerState(Task task, String target, Integer timeout) {
        RedfishSystem sys = RedfishSystem.of(task, clients);
        JsonNode system = sys.read();
        String current = state(system);
        switch (target) {
            case States.POWER_ON -> {
                if (!States.POWER_ON.equals(current)) {
                    sys.reset(system, "On");
                }
                await(task, sys, States.POWER_ON, timeout, changeTimeout);
            }
            case States.POWER_OFF -> {
                if (!States.POWER_OFF.equals(current)) {
                    sys.reset(system, "ForceOff");
                }
                await(task, sys, States.POWER_OFF, timeout, changeTimeout);
            }
            case States.SOFT_POWER_OFF -> {
                if (!States.POWER_OFF.equals(current)) {
                    sys.reset(system, "GracefulShutdown");
                }
                await(task, sys, States.POWER_OFF, timeout, softOffTimeout);
            }
            case States.REBOOT -> restart(task, sys, system, current, "ForceRestart", timeout);
            case States.SOFT_REBOOT -> restart(task, sys, system, current, "GracefulRestart", timeout);
            default -> throw FerrumException.invalid("The redfish power interface cannot set power state %s.", target);
        }
    }

    @Override
    public void reboot(Task task, Integer timeout) {
        setPowerState(task, States.REBOOT, timeout);
    }

    @Override
    public List<String> supportedPowerStates(Task task) {
        return WITH_SOFT_POWER;
    }

    /** A system that is off is simply powered on, as Ironic's redfish reboot does. */
    private void restart(Task task, RedfishSystem sys, JsonNode system, String current, String resetType, Integer timeout) {
        sys.reset(system, States.POWER_OFF.equals(current) ? "On" : resetType);
        await(task, sys, States.POWER_ON, timeout, changeTimeout);
    }

    private static void await(Task task, RedfishSystem sys, String wanted, Integer timeout, Duration dflt) {
        Duration limit = timeout != null && timeout > 0 ? Duration.ofSeconds(timeout) : dflt;
        long deadline = System.nanoTime() + limit.toNanos();
        String state = state(sys.read());
        while (!wanted.equals(state)) {
            if (System.nanoTime() > deadline) {
                throw new FerrumException(ErrorCode.INTERNAL, "Failed to set node " + task.uuid() + " power state to "
                        + wanted + " within " + limit.toSeconds() + " s: the BMC " + sys.bmc().base() + " still reports "
                        + state + ".");
            }
            try {
                Thread.sleep(POLL); // the BMC has no change notification: poll it like Ironic does
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FerrumException(ErrorCode.INTERNAL, "Interrupted waiting for node " + task.uuid() + " to reach " + wanted);
            }
            state = state(sys.read());
        }
    }
}
