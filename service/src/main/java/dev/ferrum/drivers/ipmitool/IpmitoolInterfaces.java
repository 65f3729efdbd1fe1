package dev.ferrum.drivers.ipmitool;

import dev.ferrum.common.config.Config;
import dev.ferrum.common.config.IpmiOptions;
import dev.ferrum.common.config.Options;
import dev.ferrum.drivers.base.DriverInterface;
import java.time.Duration;
import java.util.List;

/** The ipmi hardware type's interfaces, sharing one ipmitool runner (and so one pace per BMC) per conductor. */
public final class IpmitoolInterfaces {
    private IpmitoolInterfaces() {
    }

    public static List<DriverInterface> all(Config config) {
        Ipmitool ipmitool = new Ipmitool(config);
        return List.of(
                new IpmitoolPower(ipmitool, Duration.ofSeconds(config.get(Options.POWER_STATE_CHANGE_TIMEOUT)),
                        Duration.ofSeconds(config.get(Options.SOFT_POWER_OFF_TIMEOUT))),
                new IpmitoolManagement(ipmitool, config.get(Options.DEFAULT_BOOT_MODE),
                        config.get(IpmiOptions.DISABLE_BOOT_TIMEOUT)),
                new IpmitoolVendor(ipmitool));
    }
}
