package dev.ferrum.drivers.redfish;

import dev.ferrum.common.config.Config;
import dev.ferrum.common.config.Options;
import dev.ferrum.drivers.DriverProperties;
import dev.ferrum.drivers.base.DriverInterface;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The redfish hardware type's interfaces, sharing one set of BMC connections per conductor. */
public final class RedfishInterfaces {
    static final Map<String, String> PROPERTIES = DriverProperties.REDFISH;

    private RedfishInterfaces() {
    }

    public static List<DriverInterface> all(Config config) {
        RedfishClients clients = new RedfishClients(config);
        return List.of(
                new RedfishPower(clients, Duration.ofSeconds(config.get(Options.POWER_STATE_CHANGE_TIMEOUT)),
                        Duration.ofSeconds(config.get(Options.SOFT_POWER_OFF_TIMEOUT))),
                new RedfishManagement(clients),
                new RedfishInspect(clients),
                new RedfishBios(clients),
                new RedfishVendor(clients));
    }
}
