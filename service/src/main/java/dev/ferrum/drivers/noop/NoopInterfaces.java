package dev.ferrum.drivers.noop;

import dev.ferrum.conductor.Task;
import dev.ferrum.drivers.base.DriverInterface;
import dev.ferrum.drivers.base.ManagementInterface;
import dev.ferrum.drivers.base.RefusingInterface;
import dev.ferrum.drivers.base.NetworkInterface;
import dev.ferrum.drivers.base.StorageInterface;
import dev.ferrum.drivers.base.Unsupported;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interfaces that do nothing: {@code noop} ones succeed (nothing to do), {@code no-X} ones fail validation
 * and every call with Ironic's UnsupportedDriverExtension, so a node shows clearly what it cannot do.
 */
public final class NoopInterfaces {
    private NoopInterfaces() {
    }

    public static List<DriverInterface> all() {
        List<DriverInterface> all = new ArrayList<>(List.of(new NoopNetwork(), new NoopStorage(), new NoopManagement()));
        for (String type : List.of("bios", "console", "inspect", "raid", "rescue", "vendor")) {
            all.add(unsupported(type));
        }
        return all;
    }

    /** A {@code no-X} interface: every method but its identity fails. */
    static DriverInterface unsupported(String type) {
        return RefusingInterface.of(type, "no-" + type, Map.of(), (m, args) -> {
            throw Unsupported.of(RefusingInterface.task(args), type);
        });
    }

    record NoopNetwork() implements NetworkInterface {
        public String name() {
            return "noop";
        }
    }

    record NoopStorage() implements StorageInterface {
        public String name() {
            return "noop";
        }
    }

    /** Management for hardware whose boot order is set by hand: accepts and reports nothing. */
    record NoopManagement() implements ManagementInterface {
        public String name() {
            return "noop";
        }

        public List<String> supportedBootDevices(Task task) {
            return List.of("pxe", "disk", "cdrom", "bios", "safe", "wanboot", "uefi http", "floppy");
        }

        public void setBootDevice(Task task, String device, boolean persistent) {
        }

        public Map<String, Object> getBootDevice(Task task) {
            Map<String, Object> m = new HashMap<>();
            m.put("boot_device", null);
            m.put("persistent", null);
            return m;
        }
    }
}
