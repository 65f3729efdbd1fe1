package dev.ferrum.drivers.base;

import dev.ferrum.conductor.Task;
import java.util.List;
import java.util.Map;

/** What every driver interface offers: validation of a node's settings, documented properties, steps. */
public interface DriverInterface {
    /** The implementation's name as nodes name it, e.g. {@code fake} or {@code ipmitool}. */
    String name();

    /** The interface type, e.g. {@code power}. */
    String type();

    /** Checks that the node carries what this interface needs; throws a 400 FerrumException otherwise. */
    default void validate(Task task) {
    }

    /** driver_info keys this interface reads, with a description (GET /v1/drivers/{d}/properties). */
    default Map<String, String> properties() {
        return Map.of();
    }

    /** Clean and deploy steps this interface offers. */
    default List<Step> steps() {
        return List.of();
    }
}
