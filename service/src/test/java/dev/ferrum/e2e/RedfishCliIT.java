package dev.ferrum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.lab.redfish.EmulatedSystem;
import dev.ferrum.lab.redfish.Fault;
import dev.ferrum.lab.redfish.RedfishEmulator;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The redfish hardware type through the real {@code baremetal} CLI against the lab's Redfish emulator: enroll
 * with real driver_info, validate, power, boot device, inspection and BIOS settings, asserting on the BMC's own
 * state; and the failures an operator meets (wrong password, unreachable or hung BMC) as clear last_errors.
 */
class RedfishCliIT {
    static final String CONFIG = """
            [DEFAULT]
            enabled_hardware_types = redfish,fake-hardware
            [conductor]
            automated_clean = false
            sync_power_state_interval = 0
            power_state_change_timeout = 10
            [redfish]
            connection_attempts = 2
            connection_retry_interval = 0
            request_timeout = 3
            """;
    static RedfishEmulator bmc;
    static FerrumProcess ferrum;
    static Baremetal bm;

    @BeforeAll
    static void start() {
        Tools.require(Baremetal.CLI, "python3-ironicclient");
        bmc = RedfishEmulator.builder().systems(8).credentials("admin", "s3cret").maxSessions(4).start();
        ferrum = new FerrumProcess(CONFIG);
        bm = new Baremetal(ferrum.endpoint(), ferrum::log, false);
    }

    @AfterAll
    static void stop() {
        if (ferrum != null) {
            ferrum.close();
        }
        if (bmc != null) {
            bmc.close();
        }
    }

    private static String enroll(String name, String address, String systemId, String password) {
        List<String> args = new ArrayList<>(List.of("node", "create", "--driver", "redfish", "--name", name,
                "--driver-info", "redfish_address=" + address, "--driver-info", "redfish_username=admin",
                "--driver-info", "redfish_password=" + password, "-f", "json"));
        if (systemId != null) {
            args.addAll(List.of("--driver-info", "redfish_system_id=" + bmc.systemPath(systemId)));
        }
        return bm.json(args.toArray(String[]::new)).get("uuid").asText();
    }

    private static String manageable(String name, String systemId) {
        String uuid = enroll(name, bmc.address(), systemId, "s3cret");
        bm.ok("node", "manage", name, "--wait", "60");
        return uuid;
    }

    @Test
    void enrollValidateManageAndPower() {
        EmulatedSystem sys = bmc.system("1");
        enroll("rf-power", bmc.address(), "1", "s3cret");
        JsonNode shown = bm.show("rf-power");
        assertThat(shown.get("driver_info").get("redfish_password").asText()).isEqualTo("******");
        assertThat(ferrum.log()).doesNotContain("s3cret");

        JsonNode validation = bm.json("node", "validate", "rf-power", "-f", "json");
        Map<String, Boolean> result = new java.util.HashMap<>();
        validation.forEach(v -> result.put(v.get("Interface").asText(), v.get("Result").asBoolean()));
        assertThat(result).containsEntry("power", true).containsEntry("management", true).containsEntry("inspect", true)
                .containsEntry("bios", true);

        bm.ok("node", "manage", "rf-power", "--wait", "60");
        assertThat(bm.show("rf-power").get("power_state").asText()).isEqualTo("power off");

        bm.ok("node", "power", "on", "rf-power", "--power-timeout", "20");
        bm.awaitPower("rf-power", "power on");
        assertThat(sys.powerState()).isEqualTo("On");
        bm.ok("node", "reboot", "rf-power");
        bm.awaitPower("rf-power", "power on");
        bm.ok("node", "power", "off", "rf-power", "--soft");
        bm.awaitPower("rf-power", "power off");
        assertThat(sys.powerState()).isEqualTo("Off");
        bm.ok("node", "power", "on", "rf-power");
        bm.awaitPower("rf-power", "power on");
        bm.ok("node", "power", "off", "rf-power");
        bm.awaitPower("rf-power", "power off");
        assertThat(sys.resets()).containsExactly("On", "ForceRestart", "GracefulShutdown", "On", "ForceOff");
        assertThat(sys.powerState()).isEqualTo("Off");
        assertThat(bmc.peakSessions()).as("one session per BMC and user").isEqualTo(1);
    }

    @Test
    void bootDeviceModeAndIndicators() {
        manageable("rf-boot", "2");
        EmulatedSystem sys = bmc.system("2");
        bm.ok("node", "boot", "device", "set", "rf-boot", "pxe", "--persistent");
        assertThat(sys.bootSourceOverrideTarget()).isEqualTo("Pxe");
        assertThat(sys.bootSourceOverrideEnabled()).isEqualTo("Continuous");
        JsonNode dev = bm.json("node", "boot", "device", "show", "rf-boot", "-f", "json");
        assertThat(dev.get("boot_device").asText()).isEqualTo("pxe");
        assertThat(dev.get("persistent").asBoolean()).isTrue();

        bm.ok("node", "boot", "device", "set", "rf-boot", "disk");
        assertThat(sys.bootSourceOverrideTarget()).isEqualTo("Hdd");
        assertThat(sys.bootSourceOverrideEnabled()).isEqualTo("Once");
        assertThat(bm.json("node", "boot", "device", "show", "rf-boot", "--supported", "-f", "json").get("supported_boot_devices")
                .toString()).contains("pxe", "disk", "cdrom", "bios");
        assertThat(bm.fails("node", "boot", "device", "set", "rf-boot", "wanboot")).contains("Invalid boot device wanboot");

        bm.ok("node", "boot", "mode", "set", "rf-boot", "bios");
        assertThat(sys.bootSourceOverrideMode()).isEqualTo("Legacy");

        String led = null;
        for (JsonNode i : bm.get("/v1/nodes/rf-boot/management/indicators").get("indicators")) {
            if (i.get("component").asText().equals("system")) {
                led = i.get("name").asText();
            }
        }
        assertThat(led).endsWith("@system");
        bm.call("PUT", "/v1/nodes/rf-boot/management/indicators/" + led, "{\"state\": \"blinking\"}", 204);
        assertThat(sys.indicatorLed()).isEqualTo("Blinking");
        assertThat(bm.get("/v1/nodes/rf-boot/management/indicators/" + led).get("state").asText()).isEqualTo("blinking");
    }

    @Test
    void inspectionFillsPropertiesAndCreatesPorts() {
        String uuid = manageable("rf-inspect", "3");
        EmulatedSystem sys = bmc.system("3");
        bm.ok("node", "inspect", "rf-inspect", "--wait", "60");
        JsonNode props = bm.show("rf-inspect").get("properties");
        assertThat(props.get("cpus").asInt()).isEqualTo(sys.cpus());
        assertThat(props.get("cpu_arch").asText()).isEqualTo("x86_64");
        assertThat(props.get("memory_mb").asInt()).isEqualTo(sys.memoryMib());
        assertThat(props.get("local_gb").asInt()).isEqualTo(sys.localDiskGib() - 1);
        assertThat(props.get("capabilities").asText()).contains("boot_mode:uefi");
        List<String> macs = new ArrayList<>();
        bm.json("port", "list", "--node", uuid, "-f", "json").forEach(p -> macs.add(p.get("Address").asText()));
        assertThat(macs).containsExactlyInAnyOrderElementsOf(sys.macAddresses());
        // inspecting again finds the ports there and creates no duplicates
        bm.ok("node", "inspect", "rf-inspect", "--wait", "60");
        assertThat(bm.json("port", "list", "--node", uuid, "-f", "json")).hasSize(2);
    }

    @Test
    void biosSettingsApplyThroughManualCleaningWithoutARamdisk() {
        manageable("rf-bios", "4");
        EmulatedSystem sys = bmc.system("4");
        JsonNode cached = bm.json("node", "bios", "setting", "show", "rf-bios", "ProcTurboMode", "-f", "json");
        assertThat(cached.toString()).contains("Enabled");

        // only out-of-band steps: Ferrum boots no ramdisk (the CLI of Debian has no --disable-ramdisk)
        bm.ok("node", "clean", "rf-bios", "--wait", "60", "--clean-steps",
                "[{\"interface\": \"bios\", \"step\": \"apply_configuration\", \"args\": {\"settings\": ["
                        + "{\"name\": \"ProcTurboMode\", \"value\": \"Disabled\"}, {\"name\": \"PxeRetries\", \"value\": \"5\"}]}}]");
        JsonNode node = bm.show("rf-bios");
        assertThat(node.get("provision_state").asText()).isEqualTo("manageable");
        assertThat(node.get("last_error").isNull()).as(node.toString()).isTrue();
        assertThat(sys.biosAttributes()).containsEntry("ProcTurboMode", "Disabled").containsEntry("PxeRetries", 5);
        assertThat(sys.resets()).as("the node was off: the settings applied on power on").containsExactly("On");
        assertThat(bm.json("node", "bios", "setting", "show", "rf-bios", "ProcTurboMode", "-f", "json").toString())
                .contains("Disabled");
        assertThat(bm.get("/v1/nodes/rf-bios/bios/SystemModelName").toString()).contains("\"read_only\":true");

        bm.call("PUT", "/v1/nodes/rf-bios/states/provision", "{\"target\": \"clean\", \"disable_ramdisk\": true, "
                + "\"clean_steps\": [{\"interface\": \"bios\", \"step\": \"factory_reset\"}]}", 202);
        bm.awaitStable("rf-bios", "manageable");
        assertThat(sys.biosAttributes()).containsEntry("ProcTurboMode", "Enabled");

        bm.fails("node", "clean", "rf-bios", "--wait", "60", "--clean-steps",
                "[{\"interface\": \"bios\", \"step\": \"apply_configuration\", \"args\": {\"settings\": ["
                        + "{\"name\": \"NoSuchSetting\", \"value\": \"x\"}]}}]");
        node = bm.show("rf-bios");
        assertThat(node.get("provision_state").asText()).isEqualTo("clean failed");
        assertThat(node.get("last_error").asText()).contains("NoSuchSetting");
        assertThat(node.get("reservation").isNull()).isTrue();
    }

    @Test
    void wrongPasswordUnreachableAndHungBmcsGiveClearErrorsAndFreeNodes() throws Exception {
        enroll("rf-wrong", bmc.address(), "5", "not-the-password");
        bm.fails("node", "manage", "rf-wrong", "--wait", "60");
        bm.awaitStable("rf-wrong", "enroll");
        JsonNode n = bm.show("rf-wrong");
        assertThat(n.get("last_error").asText()).contains("authentication failed", bmc.address());
        assertThat(n.get("last_error").asText()).doesNotContain("not-the-password");
        assertThat(n.get("reservation").isNull()).isTrue();

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        enroll("rf-gone", "http://127.0.0.1:" + closed, "6", "s3cret");
        bm.fails("node", "manage", "rf-gone", "--wait", "60");
        bm.awaitStable("rf-gone", "enroll");
        n = bm.show("rf-gone");
        assertThat(n.get("last_error").asText()).contains("cannot connect", "127.0.0.1:" + closed);
        assertThat(n.get("reservation").isNull()).isTrue();

        manageable("rf-hung", "7");
        bmc.system("7").fault(Fault.HANG);
        bm.ok("node", "power", "on", "rf-hung");
        n = bm.awaitNode("rf-hung", "power action over, unlocked",
                x -> x.path("target_power_state").isNull() && x.path("reservation").isNull() && !x.path("last_error").isNull());
        assertThat(n.get("last_error").asText()).contains("did not answer in time");
        assertThat(n.get("power_state").asText()).isEqualTo("power off");
        bmc.system("7").fault(Fault.NONE);
        bm.ok("node", "power", "on", "rf-hung");
        bm.awaitPower("rf-hung", "power on");
        assertThat(bmc.system("7").powerState()).isEqualTo("On");
    }
}
