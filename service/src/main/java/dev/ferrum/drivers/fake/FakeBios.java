package dev.ferrum.drivers.fake;

import dev.ferrum.common.FerrumException;
import dev.ferrum.conductor.Task;
import dev.ferrum.drivers.base.BiosInterface;
import dev.ferrum.drivers.base.Step;
import java.util.List;
import java.util.Map;

/** BIOS settings kept in the database only; its manual clean steps change them as real hardware would. */
record FakeBios(Delay delay) implements BiosInterface {
    @Override
    public String name() {
        return "fake";
    }

    @Override
    public List<Step> steps() {
        return List.of(
                Step.clean("bios", "apply_configuration", 0, false, Map.of("settings", new Step.ArgInfo(
                        "List of BIOS settings, each item needs to contain a dictionary with name/value pairs", true)),
                        this::applyConfiguration),
                Step.clean("bios", "factory_reset", 0, false, null, (task, args) -> {
                    delay.pause();
                    task.stores().bios.deleteAll(task.uuid());
                    return Step.Result.DONE;
                }),
                Step.clean("bios", "cache_bios_settings", 0, false, null, (task, args) -> {
                    delay.pause();
                    return Step.Result.DONE;
                }));
    }

    private Step.Result applyConfiguration(Task task, Map<String, Object> args) {
        delay.pause();
        if (!(args.get("settings") instanceof List<?> settings)) {
            throw FerrumException.invalid("The 'settings' argument of bios.apply_configuration must be a list of {name, value}.");
        }
        task.stores().bios.sync(task.uuid(), settings); // the given settings become the whole set, as Ironic's fake
        return Step.Result.DONE;
    }
}
