package dev.ferrum.drivers.base;

import dev.ferrum.conductor.Task;
import java.util.List;
import java.util.Map;

/** Boot device, boot mode, secure boot, NMI and indicators, through the BMC. */
public interface ManagementInterface extends DriverInterface {
    @Override
    default String type() {
        return "management";
    }

    List<String> supportedBootDevices(Task task);

    void setBootDevice(Task task, String device, boolean persistent);

    /** {"boot_device": ..., "persistent": ...}; values may be null when unknown. */
    Map<String, Object> getBootDevice(Task task);

    default void injectNmi(Task task) {
        throw Unsupported.of(task, "inject_nmi");
    }

    /** component → indicator → {"readonly": bool, "states": [...]}; states are Ironic's lower-case names. */
    default Map<String, Map<String, Object>> supportedIndicators(Task task) {
        throw Unsupported.of(task, "get_supported_indicators");
    }

    default String getIndicatorState(Task task, String component, String indicator) {
        throw Unsupported.of(task, "get_indicator_state");
    }

    default void setIndicatorState(Task task, String component, String indicator, String state) {
        throw Unsupported.of(task, "set_indicator_state");
    }

    default List<String> supportedBootModes(Task task) {
        return List.of();
    }

    default void setBootMode(Task task, String mode) {
        throw Unsupported.of(task, "set_boot_mode");
    }

    default String getBootMode(Task task) {
        return null;
    }

    default void setSecureBootState(Task task, boolean on) {
        throw Unsupported.of(task, "set_secure_boot_state");
    }

    default Boolean getSecureBootState(Task task) {
        return null;
    }
}
