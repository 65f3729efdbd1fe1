package dev.ferrum.lab.ipmi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * OpenIPMI's {@code ipmi_sim} (Debian's openipmi) as a BMC: IPMI 1.5 and 2.0 over LAN on 127.0.0.1, one admin
 * user, and a chassis control hook ({@code ipmi_sim_chassis.sh}) that records power and boot device in files the
 * test reads. ipmi_sim keeps only the boot device of the boot flags (no persistent or EFI bit) and refuses the
 * diagnostic interrupt (NMI). ipmitool must name cipher suite 3 ({@code -C 3}): discovering it costs 10 s a call.
 */
public final class IpmiSimBmc extends ProcessBmc {
    private static final String BINARY = "/usr/bin/ipmi_sim";
    private IpmiSimBmc(BmcProcess process, int port, String username, String password, Path dir) {
        super(process, port, username, password, dir);
    }

    public static IpmiSimBmc start(String username, String password) {
        BmcProcess.require(BINARY, "openipmi");
        BmcProcess.require("/usr/bin/ipmitool", "ipmitool");
        Path dir = BmcProcess.tempDir("ipmi-sim-");
        int port = BmcProcess.freeUdpPort();
        try {
            Path hook = dir.resolve("chassis.sh");
            BmcProcess.copyResource("ipmi_sim_chassis.sh", hook);
            Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
            Files.createDirectories(dir.resolve("state"));
            Files.writeString(dir.resolve("lan.conf"), lanConf(port, username, password, hook));
            Files.writeString(dir.resolve("bmc.emu"), """
                    mc_setbmc 0x20
                    mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02
                    mc_enable 0x20
                    """);
            Files.setPosixFilePermissions(dir.resolve("lan.conf"), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // ipmi_sim prints nothing when ready: a wrapper prints once ipmitool gets an answer
        String ready = "until /usr/bin/ipmitool -I lanplus -H 127.0.0.1 -p " + port + " -U " + quote(username)
                + " -f pw -C 3 -R 1 -N 1 power status >/dev/null 2>&1; do sleep 0.1; done; echo ipmi_sim ready";
        try {
            Files.writeString(dir.resolve("pw"), password);
            Files.setPosixFilePermissions(dir.resolve("pw"), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BmcProcess p = BmcProcess.start(List.of("/bin/sh", "-c", BINARY + " -c lan.conf -f bmc.emu -s state -n & "
                + ready + "; wait"), dir, Map.of(), "ipmi_sim ready", Duration.ofSeconds(90));
        return new IpmiSimBmc(p, port, username, password, dir);
    }

    private static String lanConf(int port, String username, String password, Path hook) {
        String auths = "none md2 md5 straight";
        return "name \"lab-" + port + "\"\n"
                + "set_working_mc 0x20\n"
                + "  startlan 1\n"
                + "    addr 127.0.0.1 " + port + "\n"
                + "    priv_limit admin\n"
                + "    allowed_auths_callback " + auths + "\n"
                + "    allowed_auths_user " + auths + "\n"
                + "    allowed_auths_operator " + auths + "\n"
                + "    allowed_auths_admin " + auths + "\n"
                + "    guid a123456789abcdefa123456789abcdef\n"
                + "  endlan\n"
                + "  chassis_control \"" + hook + " 0x20\"\n"
                + "  user 2 true \"" + username + "\" \"" + password + "\" admin 10 " + auths + "\n";
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private String read(String file, String dflt) {
        try {
            Path f = dir.resolve(file);
            return Files.exists(f) ? Files.readString(f).strip() : dflt;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String powerState() {
        return read("power", "0").equals("1") ? "on" : "off";
    }

    /** ipmi_sim hands "default" to the hook for a disk boot. */
    @Override
    public String bootDevice() {
        String boot = read("boot", "none");
        return switch (boot) {
            case "default" -> "disk";
            case "pxe", "cdrom", "bios" -> boot;
            default -> "none";
        };
    }

    @Override
    public Boolean bootPersistent() {
        return null;
    }

    @Override
    public Boolean uefi() {
        return null;
    }

    @Override
    public List<String> powerActions() {
        String actions = read("actions", "");
        return actions.isEmpty() ? List.of() : List.of(actions.split("\n"));
    }

    @Override
    public void hang(boolean hung) {
        // the shell wrapper waits for ipmi_sim: stop its child, the simulator itself
        ProcessHandle.of(process.pid()).orElseThrow().children().forEach(c ->
                BmcProcess.signal(c.pid(), hung ? "STOP" : "CONT"));
    }
}
