package dev.ferrum.drivers.generic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.States;
import dev.ferrum.conductor.Task;
import dev.ferrum.drivers.base.DeployInterface;
import dev.ferrum.drivers.base.Step;
import java.util.List;

/**
 * The agent-based {@code direct} deploy: it boots the node into the deploy ramdisk and waits for the agent
 * to call back (clean wait, wait call-back). Until the agent lookup/heartbeat API exists, nodes wait there
 * until aborted or timed out, which is also what Ironic does when no agent ever calls back.
 */
public record DirectDeploy() implements DeployInterface {
    @Override
    public String name() {
        return "direct";
    }

    @Override
    public void validate(Task task) {
        task.driver().boot().validate(task);
        Object info = task.node().get("instance_info");
        if (!(info instanceof JsonNode j) || !j.hasNonNull("image_source")) {
            throw FerrumException.invalid("Node %s failed to validate deploy image info. Some parameters were missing. "
                    + "Missing are: ['instance_info.image_source']", task.uuid());
        }
    }

    @Override
    public List<Step> steps() {
        return List.of(Step.deploy("deploy", "deploy", 100, null, (task, args) -> {
            task.driver().boot().prepareRamdisk(task, "deploy");
            reboot(task);
            return Step.Result.WAIT;
        }));
    }

    @Override
    public void prepare(Task task) {
    }

    @Override
    public void tearDown(Task task) {
        power(task, States.POWER_OFF);
    }

    @Override
    public void cleanUp(Task task) {
        task.driver().boot().cleanUpRamdisk(task, "deploy");
        task.driver().boot().cleanUpInstance(task);
    }

    @Override
    public Step.Result prepareCleaning(Task task) {
        task.driver().boot().prepareRamdisk(task, "cleaning");
        reboot(task);
        return Step.Result.WAIT;
    }

    @Override
    public void tearDownCleaning(Task task) {
        task.driver().boot().cleanUpRamdisk(task, "cleaning");
        power(task, States.POWER_OFF);
    }

    private static void reboot(Task task) {
        if (States.POWER_ON.equals(task.driver().power().getPowerState(task))) {
            task.driver().power().reboot(task, null);
        } else {
            task.driver().power().setPowerState(task, States.POWER_ON, null);
        }
        task.save("power_state", States.POWER_ON);
    }

    private static void power(Task task, String state) {
        task.driver().power().setPowerState(task, state, null);
        task.save("power_state", state);
    }
}
