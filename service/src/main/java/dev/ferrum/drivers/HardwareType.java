package dev.ferrum.drivers;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A hardware type: for each interface type, the interface implementations it supports, in order of
 * preference (the first enabled one is the default), and the driver_info properties it documents.
 */
public record HardwareType(String name, Map<String, List<String>> supported, Map<String, String> properties) {
    public HardwareType {
        Objects.requireNonNull(name);
        supported = Map.copyOf(supported);
        properties = Map.copyOf(properties);
    }

    public List<String> supported(String interfaceType) {
        return supported.getOrDefault(interfaceType, List.of());
    }
}
