package dev.ferrum.drivers.redfish;

import dev.ferrum.conductor.Task;
import dev.ferrum.drivers.base.DriverInterface;
import java.util.Map;

/** What every redfish interface shares: its name, the driver_info it reads, and checking that driver_info. */
interface RedfishDriverInterface extends DriverInterface {
    @Override
    default String name() {
        return "redfish";
    }

    @Override
    default Map<String, String> properties() {
        return RedfishInterfaces.PROPERTIES;
    }

    @Override
    default void validate(Task task) {
        RedfishInfo.of(task);
    }
}
