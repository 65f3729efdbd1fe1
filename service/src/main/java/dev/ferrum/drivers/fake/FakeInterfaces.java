package dev.ferrum.drivers.fake;

import dev.ferrum.common.States;
import dev.ferrum.conductor.Task;
import dev.ferrum.drivers.base.BiosInterface;
import dev.ferrum.drivers.base.BootInterface;
import dev.ferrum.drivers.base.ConsoleInterface;
import dev.ferrum.drivers.base.DeployInterface;
import dev.ferrum.drivers.base.DriverInterface;
import dev.ferrum.drivers.base.InspectInterface;
import dev.ferrum.drivers.base.RaidInterface;
import dev.ferrum.drivers.base.RescueInterface;
import dev.ferrum.drivers.base.Step;
import dev.ferrum.drivers.base.StorageInterface;
import java.util.List;
import java.util.Map;

/**
 * fake-hardware's interfaces, behaving as Ironic's fake driver: every operation succeeds after the
 * configured {@code [fake]} delay, power state is whatever the conductor last recorded, and the
 * BIOS interface offers the manual clean steps apply_configuration, factory_reset and cache_bios_settings.
 */
public final class FakeInterfaces {
    private FakeInterfaces() {
    }

    /** The fake implementation of every interface type, sharing one set of delays. */
    public static List<DriverInterface> all(Map<String, Delay> delays) {
        Delay d = delays.getOrDefault("deploy", Delay.NONE);
        return List.of(new FakePower(delays.getOrDefault("power", Delay.NONE)),
                new FakeManagement(delays.getOrDefault("management", Delay.NONE)),
                new Boot(delays.getOrDefault("boot", Delay.NONE)),
                new Deploy(d),
                new Inspect(delays.getOrDefault("inspect", Delay.NONE)),
                new Raid(),
                new FakeBios(delays.getOrDefault("bios", Delay.NONE)),
                new Console(),
                new Rescue(delays.getOrDefault("rescue", Delay.NONE)),
                new Storage(),
                new FakeVendor(delays.getOrDefault("vendor", Delay.NONE)));
    }

    record Boot(Delay delay) implements BootInterface {
        public String name() {
            return "fake";
        }

        public void prepareRamdisk(Task task, String mode) {
            delay.pause();
        }

        public void cleanUpRamdisk(Task task, String mode) {
            delay.pause();
        }

        public void prepareInstance(Task task) {
            delay.pause();
        }

        public void cleanUpInstance(Task task) {
            delay.pause();
        }
    }

    record Deploy(Delay delay) implements DeployInterface {
        public String name() {
            return "fake";
        }

        public List<Step> steps() {
            return List.of(Step.deploy("deploy", "deploy", 100, null, (task, args) -> {
                delay.pause();
                return Step.Result.DONE;
            }));
        }

        public void prepare(Task task) {
            delay.pause();
        }

        public void tearDown(Task task) {
            delay.pause();
        }

        public void cleanUp(Task task) {
            delay.pause();
        }

        public void takeOver(Task task) {
            delay.pause();
        }
    }

    record Inspect(Delay delay) implements InspectInterface {
        public String name() {
            return "fake";
        }

        public String inspectHardware(Task task) {
            delay.pause();
            return States.MANAGEABLE;
        }
    }

    record Raid() implements RaidInterface {
        public String name() {
            return "fake";
        }
    }

    record Console() implements ConsoleInterface {
        public String name() {
            return "fake";
        }

        public void startConsole(Task task) {
        }

        public void stopConsole(Task task) {
        }

        public Map<String, Object> getConsole(Task task) {
            return Map.of();
        }
    }

    record Rescue(Delay delay) implements RescueInterface {
        public String name() {
            return "fake";
        }

        public String rescue(Task task) {
            delay.pause();
            return States.RESCUE;
        }

        public String unrescue(Task task) {
            delay.pause();
            return States.ACTIVE;
        }
    }

    record Storage() implements StorageInterface {
        public String name() {
            return "fake";
        }
    }

}
