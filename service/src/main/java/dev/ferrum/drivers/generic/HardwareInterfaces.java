package dev.ferrum.drivers.generic;

import dev.ferrum.common.FerrumException;
import dev.ferrum.conductor.Task;
import dev.ferrum.drivers.DriverProperties;
import dev.ferrum.drivers.base.DriverInterface;
import dev.ferrum.drivers.base.RefusingInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Interfaces that drive real hardware (PXE/iPXE boot, the agent's direct deploy). Their validation
 * checks the driver_info they need; their operations need BMC and network-boot support that this build
 * does not have yet, and say so instead of pretending to work.
 */
public final class HardwareInterfaces {
    private static final Map<String, String> RAMDISK = DriverProperties.only(DriverProperties.DEPLOY, "deploy_kernel",
            "deploy_ramdisk");

    private HardwareInterfaces() {
    }

    public static List<DriverInterface> all() {
        List<DriverInterface> all = new ArrayList<>();
        all.add(of("boot", "ipxe", RAMDISK));
        all.add(of("boot", "pxe", RAMDISK));
        all.add(new DirectDeploy());
        all.add(of("deploy", "ramdisk", Map.of()));
        all.add(of("network", "flat", Map.of()));
        all.add(of("raid", "agent", Map.of()));
        return all;
    }

    private static DriverInterface of(String type, String name, Map<String, String> required) {
        return RefusingInterface.of(type, name, required, (m, args) -> switch (m.getName()) {
            case "validate" -> {
                validate(RefusingInterface.task(args), type, required);
                yield null;
            }
            case "validateRaidConfig" -> {
                dev.ferrum.drivers.base.RaidConfig.validate((com.fasterxml.jackson.databind.JsonNode) args[1]);
                yield null;
            }
            default -> throw FerrumException.invalid("The %s %s interface of node %s cannot %s: this Ferrum build "
                    + "has no %s support yet; use fake-hardware.", name, type, RefusingInterface.task(args).uuid(), m.getName(), name);
        });
    }

    private static void validate(Task task, String type, Map<String, String> required) {
        Object info = task.node().get("driver_info");
        List<String> missing = required.keySet().stream().sorted()
                .filter(k -> !(info instanceof com.fasterxml.jackson.databind.JsonNode j) || !j.hasNonNull(k))
                .toList();
        if (!missing.isEmpty()) {
            throw FerrumException.invalid("Missing the following %s properties in node's driver_info: %s",
                    type, String.join(", ", missing));
        }
    }
}
