package dev.ferrum.drivers.base;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.conductor.Task;

/** The raid interface: its work is done by clean and deploy steps. */
public interface RaidInterface extends DriverInterface {
    @Override
    default String type() {
        return "raid";
    }

    /** Checks a non-empty target RAID configuration before it is stored on the node; 400 when invalid. */
    default void validateRaidConfig(Task task, JsonNode config) {
        RaidConfig.validate(config);
    }
}
