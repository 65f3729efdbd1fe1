package dev.ferrum.drivers.fake;

import dev.ferrum.common.FerrumException;
import dev.ferrum.conductor.Task;
import dev.ferrum.drivers.base.ManagementInterface;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Management without a BMC: boots from PXE only and has two LEDs whose state always reads "on", as Ironic's
 * fake has. Like Ironic's, it cannot inject an NMI, set an LED, or change boot mode or secure boot: those
 * answer "does not support" (the interface's defaults).
 */
record FakeManagement(Delay delay) implements ManagementInterface {
    private static final Map<String, Map<String, Object>> INDICATORS = Map.of(
            "chassis", Map.of("led-0", Map.of("readonly", true, "states", List.of("off", "on"))),
            "system", Map.of("led", Map.of("readonly", false, "states", List.of("blinking", "off", "on"))));

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public List<String> supportedBootDevices(Task task) {
        return List.of("pxe");
    }

    @Override
    public void setBootDevice(Task task, String device, boolean persistent) {
        delay.pause();
        if (!supportedBootDevices(task).contains(device)) {
            throw FerrumException.invalid("Invalid boot device %s specified.", device);
        }
    }

    @Override
    public Map<String, Object> getBootDevice(Task task) {
        delay.pause();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("boot_device", "pxe");
        m.put("persistent", false);
        return m;
    }

    @Override
    public Map<String, Map<String, Object>> supportedIndicators(Task task) {
        delay.pause();
        return INDICATORS;
    }

    @Override
    public String getIndicatorState(Task task, String component, String indicator) {
        delay.pause();
        check(component, indicator);
        return "on";
    }

    private static void check(String component, String indicator) {
        if (!INDICATORS.containsKey(component)) {
            throw FerrumException.invalid("Invalid component %s specified.", component);
        }
        if (!INDICATORS.get(component).containsKey(indicator)) {
            throw FerrumException.invalid("Invalid indicator %s specified.", indicator);
        }
    }
}
