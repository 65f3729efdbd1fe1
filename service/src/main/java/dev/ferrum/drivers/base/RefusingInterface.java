package dev.ferrum.drivers.base;

import dev.ferrum.conductor.Task;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

/**
 * An interface implementation that only knows its identity and refuses its operations, built for any interface
 * type: the {@code no-*} interfaces and those whose hardware support is not built yet.
 */
public final class RefusingInterface {
    /** What to do for a call other than the identity methods: handle it (return a value) or throw. */
    @FunctionalInterface
    public interface Handler {
        Object call(Method method, Object[] args);
    }

    private static final Map<String, Class<?>> CONTRACTS = Map.ofEntries(
            Map.entry("bios", BiosInterface.class), Map.entry("boot", BootInterface.class),
            Map.entry("console", ConsoleInterface.class), Map.entry("deploy", DeployInterface.class),
            Map.entry("inspect", InspectInterface.class), Map.entry("management", ManagementInterface.class),
            Map.entry("network", NetworkInterface.class), Map.entry("power", PowerInterface.class),
            Map.entry("raid", RaidInterface.class), Map.entry("rescue", RescueInterface.class),
            Map.entry("storage", StorageInterface.class), Map.entry("vendor", VendorInterface.class));

    private RefusingInterface() {
    }

    public static DriverInterface of(String type, String name, Map<String, String> properties, Handler handler) {
        Class<?> contract = CONTRACTS.get(type);
        if (contract == null) {
            throw new IllegalArgumentException(type);
        }
        return (DriverInterface) Proxy.newProxyInstance(contract.getClassLoader(), new Class<?>[] {contract}, (proxy, m, args) ->
                switch (m.getName()) {
                    case "name", "toString" -> name;
                    case "type" -> type;
                    case "properties" -> properties;
                    case "steps" -> List.of();
                    case "methods" -> Map.of();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> handler.call(m, args);
                });
    }

    /** The task a driver call is about (every operation takes it first). */
    public static Task task(Object[] args) {
        return (Task) args[0];
    }
}
