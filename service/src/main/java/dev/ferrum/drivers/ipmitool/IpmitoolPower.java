package dev.ferrum.drivers.ipmitool;

import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.States;
import dev.ferrum.conductor.Task;
import dev.ferrum.drivers.base.PowerInterface;
import java.time.Duration;
import java.util.List;

/**
 * Power through ipmitool's chassis power commands, as Ironic drives them: on, off and soft (ACPI) off, each
 * followed by polling {@code power status} until the BMC reports the wanted state; reboot is off then on (a
 * cycle fails on a node that is off), re-applying a forced boot device in between.
 */
record IpmitoolPower(Ipmitool ipmitool, Duration changeTimeout, Duration softOffTimeout)
        implements PowerInterface, IpmitoolDriverInterface {
    private static final Duration POLL = Duration.ofSeconds(1);

    @Override
    public String getPowerState(Task task) {
        return status(IpmiInfo.of(task));
    }

    private String status(IpmiInfo info) {
        String out = ipmitool.run(info, "power", "status");
        if (out.contains("Chassis Power is on")) {
            return States.POWER_ON;
        }
        return out.contains("Chassis Power is off") ? States.POWER_OFF : States.ERROR;
    }

    @Override
    public void setPowerState(Task task, String target, Integer timeout) {
        IpmiInfo info = IpmiInfo.of(task);
        switch (target) {
            case States.POWER_ON -> {
                IpmitoolManagement.ensureNextBootDevice(task, info, ipmitool);
                change(task, info, "on", States.POWER_ON, limit(timeout, changeTimeout));
            }
            case States.POWER_OFF -> change(task, info, "off", States.POWER_OFF, limit(timeout, changeTimeout));
            case States.SOFT_POWER_OFF -> change(task, info, "soft", States.POWER_OFF, limit(timeout, softOffTimeout));
            case States.REBOOT -> restart(task, info, "off", limit(timeout, changeTimeout), timeout);
            case States.SOFT_REBOOT -> restart(task, info, "soft", limit(timeout, softOffTimeout), timeout);
            default -> throw FerrumException.invalid("The ipmitool power interface cannot set power state %s.", target);
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

    private void restart(Task task, IpmiInfo info, String offCommand, Duration offLimit, Integer timeout) {
        change(task, info, offCommand, States.POWER_OFF, offLimit);
        IpmitoolManagement.ensureNextBootDevice(task, info, ipmitool);
        change(task, info, "on", States.POWER_ON, limit(timeout, changeTimeout));
    }

    /** Sends {@code power <command>}, then waits for the BMC to report the wanted state. */
    private void change(Task task, IpmiInfo info, String command, String wanted, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        ipmitool.run(info, "power", command); // harmless when already there; the conductor skips plain on/off then
        String state = status(info);
        while (!wanted.equals(state)) {
            if (System.nanoTime() > deadline) {
                throw new FerrumException(ErrorCode.INTERNAL, "Failed to set node " + task.uuid() + " power state to "
                        + wanted + " within " + limit.toSeconds() + " s: the BMC at " + info.bmcKey() + " accepted 'power "
                        + command + "' but still reports " + state + ".");
            }
            try {
                Thread.sleep(POLL); // the BMC has no change notification: poll it like Ironic does
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FerrumException(ErrorCode.INTERNAL, "Interrupted waiting for node " + task.uuid() + " to reach " + wanted);
            }
            state = status(info);
        }
    }

    private static Duration limit(Integer timeout, Duration dflt) {
        return timeout != null && timeout > 0 ? Duration.ofSeconds(timeout) : dflt;
    }
}
