package dev.ferrum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.lab.ipmi.IpmiBmc;
import dev.ferrum.lab.ipmi.IpmiSimBmc;
import dev.ferrum.lab.ipmi.PyghmiBmc;
import java.net.DatagramSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ipmi hardware type through the real {@code baremetal} CLI and the real ipmitool against BMCs nobody here
 * wrote: OpenIPMI's ipmi_sim and pyghmi's BMC. Each test enrolls with real driver_info and asserts on the BMC's
 * own state; the failures an operator meets (wrong password, unreachable or hung BMC) end as clear last_errors
 * on unlocked nodes.
 */
class IpmiCliIT {
    static final String CONFIG = """
            [DEFAULT]
            enabled_hardware_types = ipmi,fake-hardware
            [conductor]
            automated_clean = false
            sync_power_state_interval = 0
            power_state_change_timeout = 15
            [ipmi]
            min_command_interval = 0
            command_retry_timeout = 8
            """;
    static FerrumProcess ferrum;
    static Baremetal bm;
    static final List<IpmiBmc> BMCS = new ArrayList<>();

    @BeforeAll
    static void start() {
        Tools.require(Baremetal.CLI, "python3-ironicclient");
        Tools.require("/usr/bin/ipmitool", "ipmitool");
        Tools.require("/usr/bin/ipmi_sim", "openipmi");
        Tools.requirePythonModule("pyghmi", "python3-pyghmi");
        ferrum = new FerrumProcess(CONFIG);
        bm = new Baremetal(ferrum.endpoint(), ferrum::log, false);
    }

    @AfterAll
    static void stop() {
        BMCS.forEach(IpmiBmc::close);
        if (ferrum != null) {
            ferrum.close();
        }
    }

    static Stream<Arguments> bmcs() {
        return Stream.of(
                Arguments.of("ipmi_sim", (Supplier<IpmiBmc>) () -> IpmiSimBmc.start("admin", "s3cret"), 3),
                Arguments.of("pyghmi", (Supplier<IpmiBmc>) () -> PyghmiBmc.start("admin", "s3cret"), 3));
    }

    private static IpmiBmc bmc(Supplier<IpmiBmc> factory) {
        IpmiBmc b = factory.get();
        BMCS.add(b);
        return b;
    }

    private static void enroll(String name, int port, String password, int cipher) {
        bm.ok("node", "create", "--driver", "ipmi", "--name", name, "--driver-info", "ipmi_address=127.0.0.1",
                "--driver-info", "ipmi_port=" + port, "--driver-info", "ipmi_username=admin",
                "--driver-info", "ipmi_password=" + password, "--driver-info", "ipmi_cipher_suite=" + cipher);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bmcs")
    void enrollValidateManageAndPower(String kind, Supplier<IpmiBmc> factory, int cipher) {
        IpmiBmc bmc = bmc(factory);
        String node = kind + "-power";
        enroll(node, bmc.port(), "s3cret", cipher);
        assertThat(bm.show(node).get("driver_info").get("ipmi_password").asText()).isEqualTo("******");
        JsonNode validation = bm.json("node", "validate", node, "-f", "json");
        List<String> valid = new ArrayList<>();
        validation.forEach(v -> {
            if (v.get("Result").asBoolean()) {
                valid.add(v.get("Interface").asText());
            }
        });
        assertThat(valid).contains("power", "management");

        bm.ok("node", "manage", node, "--wait", "60");
        String initial = bmc.powerState().equals("on") ? "power on" : "power off";
        assertThat(bm.show(node).get("power_state").asText()).isEqualTo(initial);
        int before = bmc.powerActions().size();

        bm.ok("node", "power", "off", node, "--power-timeout", "20");
        bm.awaitPower(node, "power off");
        assertThat(bmc.powerState()).isEqualTo("off");
        bm.ok("node", "power", "on", node, "--power-timeout", "20");
        bm.awaitPower(node, "power on");
        assertThat(bmc.powerState()).isEqualTo("on");
        bm.ok("node", "reboot", node);
        awaitIdle(node);
        assertThat(bm.show(node).get("power_state").asText()).isEqualTo("power on");
        bm.ok("node", "power", "off", node, "--soft");
        awaitIdle(node);
        assertThat(bm.show(node).get("last_error").isNull()).as(bm.show(node).toString()).isTrue();
        bm.awaitPower(node, "power off");
        assertThat(bmc.powerState()).isEqualTo("off");
        bm.ok("node", "power", "on", node);
        bm.awaitPower(node, "power on");
        if (bmc instanceof PyghmiBmc) {
            bm.ok("node", "inject", "nmi", node);
        } else {
            // ipmi_sim has no diagnostic interrupt: the operator gets the BMC's own refusal
            assertThat(bm.fails("node", "inject", "nmi", node)).contains("IPMI call failed: power diag",
                    "Invalid data field in request");
        }
        List<String> actions = bmc.powerActions().subList(before, bmc.powerActions().size());
        // reboot is off then on, as Ironic's ipmitool driver does it (a cycle fails on a node that is off)
        assertThat(actions).containsExactlyElementsOf(bmc instanceof PyghmiBmc
                ? List.of("on", "off", "on", "soft", "on", "diag") : List.of("on", "off", "on", "soft", "on"));
        assertThat(ferrum.log()).doesNotContain("s3cret");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bmcs")
    void bootDeviceAndRawCommands(String kind, Supplier<IpmiBmc> factory, int cipher) {
        IpmiBmc bmc = bmc(factory);
        String node = kind + "-boot";
        enroll(node, bmc.port(), "s3cret", cipher);
        bm.ok("node", "manage", node, "--wait", "60");

        bm.ok("node", "boot", "device", "set", node, "pxe", "--persistent");
        assertThat(bmc.bootDevice()).isEqualTo("pxe");
        JsonNode shown = bm.json("node", "boot", "device", "show", node, "-f", "json");
        assertThat(shown.get("boot_device").asText()).isEqualTo("pxe");
        if (bmc.uefi() != null) {
            // UEFI is [deploy]default_boot_mode: the flags carry the EFI bit, and the persistent bit as asked
            assertThat(bmc.uefi()).isTrue();
            assertThat(bmc.bootPersistent()).isTrue();
            assertThat(shown.get("persistent").asBoolean()).isTrue();
            bm.ok("node", "boot", "mode", "set", node, "bios");
            bm.awaitNode(node, "boot mode bios", n -> n.path("boot_mode").asText().equals("bios") && n.path("reservation").isNull());
            assertThat(bmc.uefi()).isFalse();
            assertThat(bmc.bootDevice()).isEqualTo("pxe");
            assertThat(bmc.bootPersistent()).isTrue();
        }
        bm.ok("node", "boot", "device", "set", node, "disk");
        assertThat(bmc.bootDevice()).isEqualTo("disk");
        assertThat(bm.json("node", "boot", "device", "show", node, "-f", "json").get("boot_device").asText()).isEqualTo("disk");
        assertThat(bm.json("node", "boot", "device", "show", node, "--supported", "-f", "json").get("supported_boot_devices")
                .toString()).contains("pxe", "disk", "cdrom", "bios", "safe");
        assertThat(bm.fails("node", "boot", "device", "set", node, "wanboot")).contains("Invalid boot device wanboot");

        // send_raw runs in the background (202) like Ironic's; chassis control 0x01 powers the node on
        bm.ok("node", "power", "off", node);
        bm.awaitPower(node, "power off");
        bm.ok("node", "passthru", "call", node, "send_raw", "--http-method", "POST", "--arg", "raw_bytes=0x00 0x02 0x01");
        bm.awaitNode(node, "raw power on reached the BMC", n -> bmc.powerState().equals("on") && n.path("reservation").isNull());
        assertThat(bm.fails("node", "passthru", "call", node, "send_raw", "--http-method", "POST", "--arg", "raw_bytes=0xzz"))
                .contains("Invalid raw_bytes");
        assertThat(bm.fails("node", "passthru", "call", node, "send_raw", "--http-method", "POST"))
                .contains("Parameter raw_bytes (string of bytes) was not specified.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bmcs")
    void wrongPasswordUnreachableAndHungBmcsGiveClearErrorsAndFreeNodes(String kind, Supplier<IpmiBmc> factory, int cipher)
            throws Exception {
        IpmiBmc bmc = bmc(factory);
        String wrong = kind + "-wrong";
        enroll(wrong, bmc.port(), "not-the-password", cipher);
        bm.fails("node", "manage", wrong, "--wait", "60");
        JsonNode n = bm.awaitStable(wrong, "enroll");
        assertThat(n.get("last_error").asText()).contains("IPMI call failed: power status", "127.0.0.1:" + bmc.port());
        assertThat(n.get("last_error").asText()).doesNotContain("not-the-password");
        assertThat(n.get("reservation").isNull()).isTrue();

        int closed;
        try (DatagramSocket s = new DatagramSocket(0)) {
            closed = s.getLocalPort();
        }
        String gone = kind + "-gone";
        enroll(gone, closed, "s3cret", cipher);
        bm.fails("node", "manage", gone, "--wait", "60");
        n = bm.awaitStable(gone, "enroll");
        assertThat(n.get("last_error").asText()).contains("IPMI call failed: power status", "127.0.0.1:" + closed);
        assertThat(n.get("reservation").isNull()).isTrue();

        String hung = kind + "-hung";
        enroll(hung, bmc.port(), "s3cret", cipher);
        bm.ok("node", "manage", hung, "--wait", "60");
        String before = bm.show(hung).get("power_state").asText();
        bmc.hang(true);
        try {
            bm.ok("node", "power", before.equals("power on") ? "off" : "on", hung);
            n = bm.awaitNode(hung, "power action over, unlocked", x -> x.path("target_power_state").isNull()
                    && x.path("reservation").isNull() && !x.path("last_error").isNull());
            assertThat(n.get("last_error").asText()).contains("IPMI call failed", "127.0.0.1:" + bmc.port());
            assertThat(n.get("power_state").asText()).isEqualTo(before);
        } finally {
            bmc.hang(false);
        }
        bm.ok("node", "power", before.equals("power on") ? "off" : "on", hung);
        bm.awaitPower(hung, before.equals("power on") ? "power off" : "power on");
    }

    @org.junit.jupiter.api.Test
    void aBusyBmcIsRetriedAndAForcedBootDeviceIsSetAgainBeforePowerOn() {
        PyghmiBmc bmc = (PyghmiBmc) bmc(() -> PyghmiBmc.start("admin", "s3cret"));
        enroll("busy", bmc.port(), "s3cret", 3);
        bm.ok("node", "set", "busy", "--driver-info", "ipmi_force_boot_device=true");
        bm.ok("node", "manage", "busy", "--wait", "60");
        bm.ok("node", "boot", "device", "set", "busy", "pxe", "--persistent");
        assertThat(bmc.bootPersistent()).as("a forced device is set for one boot at a time").isFalse();
        assertThat(bm.json("node", "boot", "device", "show", "busy", "-f", "json").get("persistent").asBoolean()).isTrue();
        bm.ok("node", "set", "busy", "--driver-info", "ipmi_force_boot_device=false");
        bm.ok("node", "boot", "device", "set", "busy", "disk");
        bm.ok("node", "set", "busy", "--driver-info", "ipmi_force_boot_device=true");

        bmc.busy(2); // "Node busy" twice: a transient error that ipmitool reports and Ferrum retries
        bm.ok("node", "power", "on", "busy");
        JsonNode n = bm.awaitPower("busy", "power on");
        assertThat(n.get("last_error").isNull()).as(n.toString()).isTrue();
        assertThat(bmc.powerState()).isEqualTo("on");
        assertThat(bmc.bootDevice()).as("the forced persistent device, set again before power on").isEqualTo("pxe");
        assertThat(ferrum.log()).contains("failed with a transient error, retrying");
    }

    private static void awaitIdle(String node) {
        bm.awaitNode(node, "no power action pending", n -> n.path("target_power_state").isNull() && n.path("reservation").isNull());
    }
}
