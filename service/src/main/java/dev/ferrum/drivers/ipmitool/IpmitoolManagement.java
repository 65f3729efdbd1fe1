package dev.ferrum.drivers.ipmitool;

import dev.ferrum.common.FerrumException;
import dev.ferrum.conductor.Task;
import dev.ferrum.drivers.base.BootMode;
import dev.ferrum.drivers.base.ManagementInterface;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Boot device and boot mode through the BMC's boot flags (system boot option 5), and NMI through the chassis
 * diagnostic interrupt. In UEFI mode the flags are written raw, with the EFI bit, because ipmitool's own
 * {@code chassis bootdev} mishandles several options at once on many builds; in BIOS mode it is used as is.
 * IPMI couples boot mode to the boot device: setting the mode rewrites the current device with the new EFI bit.
 */
record IpmitoolManagement(Ipmitool ipmitool, String defaultBootMode, boolean disableBootTimeout)
        implements ManagementInterface, IpmitoolDriverInterface {
    /** Ironic's boot devices and the boot device selector of the boot flags (data byte 2, bits 5:2). */
    private static final Map<String, Integer> SELECTORS = ordered("pxe", 0x04, "disk", 0x08, "safe", 0x0c,
            "cdrom", 0x14, "bios", 0x18);
    private static final int VALID = 0x80;
    private static final int PERSISTENT = 0x40;
    private static final int EFI = 0x20;

    @Override
    public List<String> supportedBootDevices(Task task) {
        return List.of("pxe", "disk", "cdrom", "bios", "safe");
    }

    @Override
    public void setBootDevice(Task task, String device, boolean persistent) {
        if (!SELECTORS.containsKey(device)) {
            throw FerrumException.invalid("Invalid boot device %s specified; the ipmitool management interface supports %s.",
                    device, String.join(", ", supportedBootDevices(task)));
        }
        IpmiInfo info = IpmiInfo.of(task);
        if (info.forceBootDevice()) {
            // BMCs that forget a persistent device: remember it, set it once, and set it again before every power on
            Map<String, Object> internal = task.jsonField("driver_internal_info");
            internal.put("is_next_boot_persistent", persistent);
            if (persistent) {
                internal.put("persistent_boot_device", device);
            }
            task.save("driver_internal_info", internal);
            persistent = false;
        }
        write(task, info, device, persistent, BootMode.UEFI.equals(BootMode.of(task.node(), defaultBootMode)));
    }

    private void write(Task task, IpmiInfo info, String device, boolean persistent, boolean uefi) {
        if (info.disableBootTimeout() == null ? disableBootTimeout : info.disableBootTimeout()) {
            ipmitool.run(info, "raw", "0x00", "0x08", "0x03", "0x08"); // without it the flags expire after 60 s
        }
        if (uefi) {
            int flags = VALID | EFI | (persistent ? PERSISTENT : 0);
            ipmitool.run(info, "raw", "0x00", "0x08", "0x05", hex(flags), hex(SELECTORS.get(device)), "0x00", "0x00", "0x00");
        } else if (persistent) {
            ipmitool.run(info, "chassis", "bootdev", device, "options=persistent");
        } else {
            ipmitool.run(info, "chassis", "bootdev", device);
        }
    }

    @Override
    public Map<String, Object> getBootDevice(Task task) {
        IpmiInfo info = IpmiInfo.of(task);
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> internal = task.jsonField("driver_internal_info");
        if (info.forceBootDevice() && internal.get("persistent_boot_device") != null) {
            m.put("boot_device", internal.get("persistent_boot_device"));
            m.put("persistent", !Boolean.FALSE.equals(internal.get("is_next_boot_persistent")));
            return m;
        }
        int[] flags = flags(info);
        m.put("boot_device", device(flags));
        m.put("persistent", (flags[0] & PERSISTENT) != 0);
        return m;
    }

    @Override
    public List<String> supportedBootModes(Task task) {
        return List.of(BootMode.BIOS, BootMode.UEFI);
    }

    /** The mode of the boot flags when they are set; null when no override is pending (IPMI cannot tell then). */
    @Override
    public String getBootMode(Task task) {
        int[] flags = flags(IpmiInfo.of(task));
        if ((flags[0] & VALID) == 0) {
            return null;
        }
        return (flags[0] & EFI) != 0 ? BootMode.UEFI : BootMode.BIOS;
    }

    @Override
    public void setBootMode(Task task, String mode) {
        if (!supportedBootModes(task).contains(mode)) {
            throw FerrumException.invalid("Invalid boot mode %s; the ipmitool management interface supports bios, uefi.", mode);
        }
        IpmiInfo info = IpmiInfo.of(task);
        int[] flags = flags(info);
        String device = device(flags);
        write(task, info, device == null ? "disk" : device, (flags[0] & PERSISTENT) != 0, BootMode.UEFI.equals(mode));
    }

    @Override
    public void injectNmi(Task task) {
        ipmitool.run(IpmiInfo.of(task), "power", "diag");
    }

    /**
     * Before a power on: a forced one-time device was consumed by the boot it was set for; a forced persistent
     * one is written again, because the BMC may have dropped it after the last boot.
     */
    static void ensureNextBootDevice(Task task, IpmiInfo info, Ipmitool ipmitool) {
        if (!info.forceBootDevice()) {
            return;
        }
        Map<String, Object> internal = task.jsonField("driver_internal_info");
        if (Boolean.FALSE.equals(internal.get("is_next_boot_persistent"))) {
            internal.remove("is_next_boot_persistent");
            task.save("driver_internal_info", internal);
        } else if (internal.get("persistent_boot_device") != null) {
            task.driver().management().setBootDevice(task, internal.get("persistent_boot_device").toString(), true);
        }
    }

    /** The five data bytes of boot option 5, read raw: ipmitool's text for them differs between versions. */
    private int[] flags(IpmiInfo info) {
        String out = ipmitool.run(info, "raw", "0x00", "0x09", "0x05", "0x00", "0x00");
        String[] bytes = out.trim().split("\\s+");
        if (bytes.length < 4) {
            throw new IpmiFailure("IPMI call failed: get boot flags. The BMC at " + info.bmcKey()
                    + " answered with too few bytes: '" + out.strip() + "'.");
        }
        // parameter version, parameter 5 (valid/locked bit), then data 1..5
        int[] data = new int[bytes.length - 2];
        for (int i = 2; i < bytes.length; i++) {
            data[i - 2] = HexFormat.fromHexDigits(bytes[i]);
        }
        return data;
    }

    private static String device(int[] flags) {
        int selector = flags.length > 1 ? flags[1] & 0x3c : 0;
        return SELECTORS.entrySet().stream().filter(e -> e.getValue() == selector).map(Map.Entry::getKey).findFirst()
                .orElse(null);
    }

    private static String hex(int b) {
        return String.format("0x%02x", b);
    }

    private static Map<String, Integer> ordered(Object... kv) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Integer) kv[i + 1]);
        }
        return m;
    }
}
