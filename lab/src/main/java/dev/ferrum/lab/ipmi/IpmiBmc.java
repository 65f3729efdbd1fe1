package dev.ferrum.lab.ipmi;

import java.util.List;

/** An IPMI-over-LAN BMC on 127.0.0.1 started for a test, whose own state the test can read. */
public interface IpmiBmc extends AutoCloseable {
    default String address() {
        return "127.0.0.1";
    }

    int port();

    String username();

    String password();

    /** "on" or "off", as the BMC holds it. */
    String powerState();

    /** The boot device of the BMC's boot flags as ipmitool names it (pxe, disk, safe, cdrom, bios), or "none". */
    String bootDevice();

    /** Whether the boot flags apply to all future boots; null when this BMC cannot tell. */
    Boolean bootPersistent();

    /** Whether the boot flags ask for an EFI boot; null when this BMC cannot tell. */
    Boolean uefi();

    /** The chassis control commands the BMC received, in order: on, off, cycle, reset, soft, diag. */
    List<String> powerActions();

    /** Stops (true) or resumes (false) answering anything, like a hung BMC. */
    void hang(boolean hung);

    @Override
    void close();

    /** ipmitool's name for a boot device selector (boot flags data byte 2, bits 5:2). */
    static String deviceName(int selectorByte) {
        return switch (selectorByte & 0x3c) {
            case 0x04 -> "pxe";
            case 0x08 -> "disk";
            case 0x0c -> "safe";
            case 0x14 -> "cdrom";
            case 0x18 -> "bios";
            default -> "none";
        };
    }
}
