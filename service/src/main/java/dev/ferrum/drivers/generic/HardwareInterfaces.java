package dev.ferrum.drivers.generic;

import dev.ferrum.common.FerrumException;
import dev.ferrum.conductor.Task;
import dev.ferrum.drivers.base.DriverInterface;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Interfaces that drive real hardware (PXE/iPXE boot, the agent's direct deploy, IPMI). Their validation
 * checks the driver_info they need; their operations need BMC and network-boot support that this build
 * does not have yet, and say so instead of pretending to work.
 */
public final class HardwareInterfaces {
    private static final Map<String, String> RAMDISK = Map.of(
            "deploy_kernel", "UUID or URL of the kernel of the deploy ramdisk. Required.",
            "deploy_ramdisk", "UUID or URL of the deploy ramdisk image. Required.");
    private static final Map<String, String> IPMI = Map.of(
            "ipmi_address", "IP address or hostname of the BMC. Required.");

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
        all.add(of("power", "ipmitool", IPMI));
        all.add(of("management", "ipmitool", IPMI));
        all.add(of("vendor", "ipmitool", IPMI));
        return all;
    }

    private static DriverInterface of(String type, String name, Map<String, String> required) {
        Class<?> iface = switch (type) {
            case "boot" -> dev.ferrum.drivers.base.BootInterface.class;
            case "deploy" -> dev.ferrum.drivers.base.DeployInterface.class;
            case "network" -> dev.ferrum.drivers.base.NetworkInterface.class;
            case "raid" -> dev.ferrum.drivers.base.RaidInterface.class;
            case "power" -> dev.ferrum.drivers.base.PowerInterface.class;
            case "management" -> dev.ferrum.drivers.base.ManagementInterface.class;
            case "vendor" -> dev.ferrum.drivers.base.VendorInterface.class;
            default -> throw new IllegalArgumentException(type);
        };
        return (DriverInterface) Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, (proxy, m, args) ->
                switch (m.getName()) {
                    case "name", "toString" -> name;
                    case "type" -> type;
                    case "properties" -> required;
                    case "steps" -> List.of();
                    case "methods" -> Map.of();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "validate" -> {
                        validate((Task) args[0], type, name, required);
                        yield null;
                    }
                    case "validateRaidConfig" -> {
                        dev.ferrum.drivers.base.RaidConfig.validate((com.fasterxml.jackson.databind.JsonNode) args[1]);
                        yield null;
                    }
                    default -> throw FerrumException.invalid("The %s %s interface of node %s cannot %s: this Ferrum build "
                            + "has no %s support yet; use fake-hardware.", name, type, ((Task) args[0]).uuid(), m.getName(), name);
                });
    }

    private static void validate(Task task, String type, String name, Map<String, String> required) {
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
