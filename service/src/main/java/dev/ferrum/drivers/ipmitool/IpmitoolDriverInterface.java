package dev.ferrum.drivers.ipmitool;

import dev.ferrum.conductor.Task;
import dev.ferrum.drivers.DriverProperties;
import dev.ferrum.drivers.base.DriverInterface;
import java.util.Map;

/** What every ipmitool interface shares: its name, the driver_info it reads, and checking that driver_info. */
interface IpmitoolDriverInterface extends DriverInterface {
    @Override
    default String name() {
        return "ipmitool";
    }

    @Override
    default Map<String, String> properties() {
        return DriverProperties.IPMITOOL;
    }

    Ipmitool ipmitool();

    @Override
    default void validate(Task task) {
        IpmiInfo.of(task);
        ipmitool().requireInstalled();
    }
}
