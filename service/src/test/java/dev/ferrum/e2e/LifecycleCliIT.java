package dev.ferrum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Provisioning lifecycle through the real {@code baremetal} CLI (Debian's python3-ironicclient 5.0.1) on
 * fake-hardware nodes: every expectation here was taken from Ironic 21.4 with compat/ironic.conf.in.
 *
 * <p>By default it starts Ferrum as the README says, with {@link #FERRUM_CONFIG}. With
 * {@code -Dferrum.e2e.endpoint=http://127.0.0.1:6386} it runs against a server that is already running (the
 * reference Ironic from {@code compat/start-ironic}), leaving other clients' nodes alone: every name, resource class
 * and trait carries a per-run prefix. {@code -Dferrum.e2e.cliWait=all} makes every provisioning verb use the CLI's
 * own {@code --wait} (slow: ironicclient polls long actions every 10 s); by default only manage, inspect and adopt
 * do, plus the steps that check --wait explicitly, and the test polls the API for the rest. Nodes that a test only
 * needs as a starting point are set up over HTTP; what a test is about goes through the CLI.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT) // only with -Djunit.jupiter.execution.parallel.enabled=true; every test has its own nodes
class LifecycleCliIT {
    /** The reference's settings that matter here (compat/ironic.conf.in), in Ferrum's configuration file. */
    static final String FERRUM_CONFIG = """
            [DEFAULT]
            enabled_hardware_types = fake-hardware,manual-management,ipmi
            enabled_boot_interfaces = fake,pxe,ipxe
            enabled_deploy_interfaces = fake,direct,ramdisk
            enabled_power_interfaces = fake,ipmitool
            enabled_management_interfaces = fake,ipmitool,noop
            enabled_inspect_interfaces = fake,no-inspect
            enabled_console_interfaces = fake,no-console
            enabled_raid_interfaces = fake,no-raid,agent
            enabled_bios_interfaces = fake,no-bios
            enabled_vendor_interfaces = fake,no-vendor,ipmitool
            enabled_rescue_interfaces = fake,no-rescue
            enabled_network_interfaces = noop,flat
            default_network_interface = noop
            enabled_storage_interfaces = noop,fake
            [conductor]
            automated_clean = false
            """;
    static final String MASKED = "******";
    static final String CONFIG_DRIVE_JSON = "{\"meta_data\": {\"hostname\": \"e2e\"}, \"user_data\": \"#!/bin/sh\\necho hi\\n\"}";

    static FerrumProcess ferrum;
    static Baremetal bm;
    static final String RUN = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
    static final List<String> createdNodes = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() {
        Tools.require(Baremetal.CLI, "python3-ironicclient");
        String external = System.getProperty("ferrum.e2e.endpoint", "").strip();
        boolean cliWaitAll = "all".equals(System.getProperty("ferrum.e2e.cliWait", ""));
        if (external.isEmpty()) {
            ferrum = new FerrumProcess(FERRUM_CONFIG);
            bm = new Baremetal(ferrum.endpoint(), ferrum::log, cliWaitAll);
        } else {
            bm = new Baremetal(external.replaceAll("/+$", ""), null, cliWaitAll);
        }
    }

    @AfterAll
    static void stop() {
        if (ferrum != null) {
            ferrum.close();
            return;
        }
        // A shared server: take this run's nodes away again (maintenance first so any state can be deleted).
        for (String uuid : createdNodes) {
            try {
                bm.request("PUT", "/v1/nodes/" + uuid + "/maintenance", "{\"reason\": \"e2e clean-up\"}");
                bm.request("DELETE", "/v1/nodes/" + uuid, null);
            } catch (RuntimeException e) {
                // best effort
            }
        }
    }

    static String name(String base) {
        return "lc" + RUN + "-" + base;
    }

    static String trait(String base) {
        return "CUSTOM_LC" + RUN.toUpperCase() + "_" + base;
    }

    /** {@code baremetal node create --driver fake-hardware --name <name> …}; remembers it for clean-up. */
    static JsonNode createNode(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("node", "create", "--driver", "fake-hardware", "--name", name));
        args.addAll(List.of(extra));
        JsonNode n = bm.json(args.toArray(String[]::new));
        createdNodes.add(n.get("uuid").asText());
        return n;
    }

    /** Setup, not under test: a node created over HTTP (the CLI costs 2-3 s per call); returns its UUID. */
    static String setupNode(String name, String... fields) {
        StringBuilder body = new StringBuilder("{\"driver\": \"fake-hardware\", \"name\": \"" + name + "\"");
        for (int i = 0; i < fields.length; i += 2) {
            body.append(", \"").append(fields[i]).append("\": ").append(fields[i + 1]);
        }
        String uuid = bm.call("POST", "/v1/nodes", body + "}", 201).get("uuid").asText();
        createdNodes.add(uuid);
        return uuid;
    }

    /** Setup, not under test: a node taken to manageable over HTTP. */
    static String setupManageable(String name, String... fields) {
        String uuid = setupNode(name, fields);
        bm.setProvisionState(uuid, "manage", "manageable");
        return uuid;
    }

    /** Setup, not under test: a node taken to available over HTTP (cleaning is off by configuration). */
    static String setupAvailable(String name, String... fields) {
        String uuid = setupManageable(name, fields);
        bm.setProvisionState(uuid, "provide", "available");
        return uuid;
    }

    static void assertStates(JsonNode n, String provision, String target, String power) {
        assertThat(n.get("provision_state").isNull() ? null : n.get("provision_state").asText())
                .as("provision_state of %s", n).isEqualTo(provision);
        assertThat(n.get("target_provision_state").isNull() ? null : n.get("target_provision_state").asText())
                .as("target_provision_state of %s", n).isEqualTo(target);
        assertThat(n.get("power_state").isNull() ? null : n.get("power_state").asText())
                .as("power_state of %s", n).isEqualTo(power);
        assertThat(n.get("target_power_state").isNull()).as("target_power_state of %s", n).isTrue();
    }

    static String invalidState(String action, String uuid, String state) {
        return "The requested action \"" + action + "\" can not be performed on node \"" + uuid
                + "\" while it is in state \"" + state + "\". (HTTP 400)";
    }

    @Test
    @Order(1)
    void enrollManageInspectProvideWithCleaningDeployRebuildUndeploy() {
        String n = name("auto");
        JsonNode created = createNode(n, "--automated-clean");
        assertStates(created, "enroll", null, null);
        assertThat(created.get("automated_clean").asBoolean()).isTrue();
        assertThat(created.get("last_error").isNull()).isTrue();
        assertThat(created.get("provision_updated_at").isNull()).isTrue();
        assertThat(created.get("network_interface").asText()).isEqualTo("noop");

        JsonNode s = bm.provision(n, "manage", "manageable");
        assertStates(s, "manageable", null, null); // fake power reports the stored state: none yet
        assertThat(s.get("last_error").isNull()).isTrue();
        assertThat(s.get("provision_updated_at").isNull()).isFalse();

        s = bm.provision(n, "inspect", "manageable");
        assertStates(s, "manageable", null, null);
        assertThat(s.get("inspection_finished_at").isNull()).isFalse();
        assertThat(s.get("inspection_started_at").isNull()).isTrue();

        // automated_clean=true on the node wins over [conductor]automated_clean=false: cleaning runs (with no steps
        // on fake-hardware) and leaves clean_steps=null behind; a node that skips cleaning has no such key.
        s = bm.provision(n, "provide", "available");
        assertStates(s, "available", null, null);
        assertThat(s.get("driver_internal_info").has("clean_steps")).as("%s", s).isTrue();
        assertThat(s.get("driver_internal_info").get("clean_steps").isNull()).isTrue();
        assertThat(s.get("clean_step").isEmpty()).isTrue();

        // a long action with the CLI's own --wait (it polls every 10 s)
        s = bm.provisionWithCliWait(n, "deploy", "active", "--config-drive", CONFIG_DRIVE_JSON);
        assertStates(s, "active", null, null); // the fake deploy interface does not power the node on
        assertThat(s.get("last_error").isNull()).isTrue();
        assertThat(s.get("instance_info").get("configdrive").asText()).isEqualTo(MASKED);
        assertThat(s.get("deploy_step").isEmpty()).isTrue();
        assertThat(s.get("driver_internal_info").has("deploy_steps")).isTrue();
        assertThat(s.get("driver_internal_info").get("deploy_steps").isNull()).isTrue();

        s = bm.provision(n, "rebuild", "active");
        assertStates(s, "active", null, null);
        assertThat(s.get("instance_info").get("configdrive").asText()).as("rebuild keeps the config drive").isEqualTo(MASKED);

        s = bm.provision(n, "undeploy", "available");
        assertStates(s, "available", null, null);
        assertThat(s.get("instance_info").isEmpty()).as("%s", s).isTrue();
        assertThat(s.get("instance_uuid").isNull()).isTrue();
        assertThat(s.get("driver_internal_info").has("clean_steps")).isTrue();

        assertThat(bm.json("node", "history", "list", n)).as("no errors, no history").isEmpty();
    }

    @Test
    @Order(2)
    void provideWithoutCleaningAndDeployWithConfigDriveDirectory(@TempDir Path dir) throws IOException {
        // automated_clean unset: [conductor]automated_clean=false applies
        String n = name("noclean");
        JsonNode created = createNode(n);
        assertThat(created.get("automated_clean").isNull()).isTrue();
        bm.provision(n, "manage", "manageable");
        JsonNode s = bm.provision(n, "provide", "available");
        assertStates(s, "available", null, null);
        assertThat(s.get("driver_internal_info").has("clean_steps")).as("cleaning skipped: %s", s).isFalse();

        // automated_clean=false on the node
        String off = name("cleanoff");
        JsonNode offNode = createNode(off, "--no-automated-clean");
        assertThat(offNode.get("automated_clean").asBoolean(true)).isFalse();
        bm.setProvisionState(offNode.get("uuid").asText(), "manage", "manageable");
        s = bm.provision(off, "provide", "available");
        assertThat(s.get("driver_internal_info").has("clean_steps")).as("cleaning skipped: %s", s).isFalse();

        Path latest = Files.createDirectories(dir.resolve("openstack/latest"));
        Files.writeString(latest.resolve("meta_data.json"), "{\"uuid\": \"e2e\", \"hostname\": \"e2e\"}");
        s = bm.provision(n, "deploy", "active", "--config-drive", dir.toString());
        assertStates(s, "active", null, null);
        assertThat(s.get("instance_info").get("configdrive").asText()).isEqualTo(MASKED);

        s = bm.provision(n, "undeploy", "available");
        assertStates(s, "available", null, null);
        assertThat(s.get("instance_info").isEmpty()).isTrue();
        assertThat(s.get("driver_internal_info").has("clean_steps")).isFalse();
    }

    @Test
    @Order(3)
    void manualCleanWithFakeBiosSteps() {
        String n = name("clean");
        String uuid = setupManageable(n);

        JsonNode s = bm.provision(n, "clean", "manageable", "--clean-steps",
                "[{\"interface\": \"bios\", \"step\": \"apply_configuration\", \"args\": {\"settings\": "
                        + "[{\"name\": \"LogicalProc\", \"value\": \"Enabled\"}, {\"name\": \"SriovEnable\", \"value\": \"Disabled\"}]}}]");
        assertStates(s, "manageable", null, null);
        assertThat(s.get("last_error").isNull()).isTrue();
        assertThat(s.get("clean_step").isEmpty()).isTrue();
        assertThat(s.get("driver_internal_info").get("clean_steps").isNull()).isTrue();
        JsonNode bios = bm.json("node", "bios", "setting", "list", n);
        assertThat(bios).extracting(b -> b.get("BIOS setting name").asText() + "=" + b.get("BIOS setting value").asText())
                .containsExactlyInAnyOrder("LogicalProc=Enabled", "SriovEnable=Disabled");
        assertThat(bm.json("node", "bios", "setting", "show", n, "LogicalProc").get("value").asText()).isEqualTo("Enabled");

        s = bm.provision(n, "clean", "manageable", "--clean-steps", "[{\"interface\": \"bios\", \"step\": \"factory_reset\"}]");
        assertStates(s, "manageable", null, null);
        assertThat(bm.json("node", "bios", "setting", "list", n)).as("factory_reset drops the settings").isEmpty();

        // A step the node does not have: accepted (202), then clean failed; the CLI's --wait reports it.
        String error = "Cannot clean node " + uuid
                + ": node does not support this clean step: {'interface': 'bios', 'step': 'no_such_step'}";
        String out = bm.fails("node", "clean", n, "--clean-steps", "[{\"interface\": \"bios\", \"step\": \"no_such_step\"}]",
                "--wait", "90");
        assertThat(out).contains("Node " + n + " failed to reach state manageable. It's in state clean failed, and has error: " + error);
        bm.awaitState(n, "clean failed", "manageable");
        s = bm.show(n);
        assertStates(s, "clean failed", "manageable", null);
        assertThat(s.get("last_error").asText()).isEqualTo(error);

        JsonNode history = bm.json("node", "history", "list", n);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("Severity").asText()).isEqualTo("ERROR");
        assertThat(history.get(0).get("Description of the event").asText()).isEqualTo(error);
        JsonNode event = bm.json("node", "history", "get", n, history.get(0).get("UUID").asText());
        assertThat(event.get("event_type").asText()).isEqualTo("cleaning");
        assertThat(event.get("severity").asText()).isEqualTo("ERROR");
        assertThat(event.get("event").asText()).isEqualTo(error);
        assertThat(event.get("conductor").asText()).isEqualTo(s.get("conductor").asText());
        assertThat(event.get("user").isNull()).isTrue();

        s = bm.provision(n, "manage", "manageable");
        assertStates(s, "manageable", null, null);
        assertThat(s.get("last_error").asText()).as("manage from clean failed keeps last_error").isEqualTo(error);
    }

    @Test
    @Order(4)
    void rescueAndUnrescue() {
        String n = name("rescue");
        String uuid = setupAvailable(n);
        bm.setProvisionState(uuid, "active", "active");

        JsonNode s = bm.provision(n, "rescue", "rescue", "--rescue-password", "s3cret-pw");
        assertThat(s.get("rescue_interface").asText()).isEqualTo("fake");
        assertStates(s, "rescue", null, null);
        assertThat(s.get("last_error").isNull()).isTrue();
        assertThat(s.get("instance_info").get("rescue_password").asText()).isEqualTo(MASKED);
        assertThat(s.get("instance_info").get("hashed_rescue_password").asText()).isEqualTo(MASKED);

        s = bm.provision(n, "unrescue", "active");
        assertStates(s, "active", null, null);
        // the fake rescue interface does not clean up: the password stays in instance_info
        assertThat(s.get("instance_info").get("rescue_password").asText()).isEqualTo(MASKED);

        assertThat(bm.fails("node", "unrescue", n)).contains(invalidState("unrescue", uuid, "active"));
    }

    @Test
    @Order(5)
    void adoptManageableNode() {
        String n = name("adopt");
        String uuid = setupNode(n);
        assertThat(bm.fails("node", "adopt", n)).contains(invalidState("adopt", uuid, "enroll"));
        bm.setProvisionState(uuid, "manage", "manageable");
        JsonNode s = bm.provision(n, "adopt", "active");
        assertStates(s, "active", null, null);
        assertThat(s.get("last_error").isNull()).isTrue();
        assertThat(s.get("instance_info").isEmpty()).isTrue();
    }

    @Test
    @Order(6)
    void abortCleanWaitAndRejectedAborts() {
        // Rejected: abort is only for clean wait, inspect wait and rescue wait.
        String n = name("abortno");
        String uuid = setupNode(n);
        assertThat(bm.fails("node", "abort", n)).contains(invalidState("abort", uuid, "enroll"));
        bm.setProvisionState(uuid, "manage", "manageable");
        assertThat(bm.fails("node", "abort", n)).contains(invalidState("abort", uuid, "manageable"));
        assertStates(bm.show(n), "manageable", null, null);

        // The direct deploy interface prepares cleaning by booting the (fake) ramdisk and then waits for the agent
        // that never calls back: the node stays in clean wait until aborted.
        String w = name("cleanwait");
        String wUuid = setupManageable(w, "deploy_interface", "\"direct\"", "automated_clean", "true");
        bm.call("PUT", "/v1/nodes/" + wUuid + "/states/provision", "{\"target\": \"provide\"}", 202);
        bm.awaitState(w, "clean wait", "available");
        JsonNode s = bm.show(w);
        assertThat(s.get("deploy_interface").asText()).isEqualTo("direct");
        assertStates(s, "clean wait", "available", "power on");
        assertThat(s.get("last_error").isNull()).as("needs [service_catalog]endpoint_override in Ironic: %s", s).isTrue();

        assertThat(bm.ok("node", "abort", w)).isEmpty();
        bm.awaitState(w, "clean failed", "available");
        s = bm.show(w);
        assertStates(s, "clean failed", "available", "power off");
        assertThat(s.get("last_error").asText()).isEqualTo("By request, the clean operation was aborted");
        assertThat(s.get("clean_step").isEmpty()).isTrue();
        assertThat(bm.json("node", "history", "list", w)).as("an abort is not an error event").isEmpty();

        s = bm.provision(w, "manage", "manageable");
        assertStates(s, "manageable", null, "power off");
    }

    @Test
    @Order(7)
    void maintenanceAndPower() {
        String n = name("power");
        String uuid = setupNode(n);

        assertThat(bm.ok("node", "maintenance", "set", n, "--reason", "disk swap")).isEmpty();
        JsonNode s = bm.show(n);
        assertThat(s.get("maintenance").asBoolean()).isTrue();
        assertThat(s.get("maintenance_reason").asText()).isEqualTo("disk swap");
        assertThat(s.get("fault").isNull()).isTrue();
        bm.ok("node", "maintenance", "unset", n);
        s = bm.show(n);
        assertThat(s.get("maintenance").asBoolean()).isFalse();
        assertThat(s.get("maintenance_reason").isNull()).isTrue();

        // power actions are accepted asynchronously (202); the node has target_power_state until done
        assertThat(bm.ok("node", "power", "on", n)).isEmpty();
        bm.awaitPower(uuid, "power on");
        s = bm.show(n);
        assertStates(s, "enroll", null, "power on");
        assertThat(s.get("last_error").isNull()).isTrue();
        assertThat(s.get("driver_internal_info").has("last_power_state_change")).isTrue();

        bm.ok("node", "reboot", n);
        bm.awaitPower(uuid, "power on");
        bm.ok("node", "power", "off", n, "--power-timeout", "30");
        bm.awaitPower(uuid, "power off");
        assertStates(bm.show(n), "enroll", null, "power off");
        bm.ok("node", "power", "off", "--soft", n);
        bm.awaitPower(uuid, "power off");
        bm.ok("node", "reboot", "--soft", n);
        bm.awaitPower(uuid, "power on");
        s = bm.show(n);
        assertStates(s, "enroll", null, "power on");
        assertThat(s.get("last_error").isNull()).isTrue();
    }

    @Test
    @Order(8)
    void bootDevice() {
        String n = name("boot");
        setupNode(n);
        assertThat(bm.json("node", "boot", "device", "show", n, "--supported").get("supported_boot_devices").asText()).isEqualTo("pxe");
        JsonNode d = bm.json("node", "boot", "device", "show", n);
        assertThat(d.get("boot_device").asText()).isEqualTo("pxe");
        assertThat(d.get("persistent").asBoolean()).isFalse();
        assertThat(bm.ok("node", "boot", "device", "set", n, "pxe", "--persistent")).isEmpty();
        // the fake management interface accepts and forgets
        d = bm.json("node", "boot", "device", "show", n);
        assertThat(d.get("boot_device").asText()).isEqualTo("pxe");
        assertThat(d.get("persistent").asBoolean()).isFalse();
        assertThat(bm.fails("node", "boot", "device", "set", n, "cdrom")).contains("Invalid boot device cdrom specified. (HTTP 400)");
    }

    @Test
    @Order(9)
    void traits() {
        String n = name("traits");
        String uuid = setupNode(n);
        String gpu = trait("GPU");
        assertThat(bm.ok("node", "add", "trait", n, gpu, "HW_CPU_X86_AVX2"))
                .contains("Added trait " + gpu).contains("Added trait HW_CPU_X86_AVX2");
        assertThat(bm.json("node", "trait", "list", n)).extracting(t -> t.get("Traits").asText())
                .containsExactlyInAnyOrder(gpu, "HW_CPU_X86_AVX2");
        assertThat(bm.show(n).get("traits")).extracting(JsonNode::asText).containsExactlyInAnyOrder(gpu, "HW_CPU_X86_AVX2");

        assertThat(bm.fails("node", "add", "trait", n, "lowercase_bad")).contains("Failed to add trait lowercase_bad: "
                + "Schema error for trait: 'lowercase_bad' is not valid under any of the given schemas. Possible root cause: "
                + "'lowercase_bad' does not match '^CUSTOM_[A-Z0-9_]+$' (HTTP 400)");

        assertThat(bm.ok("node", "remove", "trait", n, gpu)).contains("Removed trait " + gpu);
        assertThat(bm.json("node", "trait", "list", n)).extracting(t -> t.get("Traits").asText()).containsExactly("HW_CPU_X86_AVX2");
        String missing = trait("NOPE");
        assertThat(bm.fails("node", "remove", "trait", n, missing))
                .contains("Failed to remove trait " + missing + ": Node " + uuid + " doesn't have a trait '" + missing + "' (HTTP 404)");
        bm.ok("node", "remove", "trait", n, "--all");
        assertThat(bm.json("node", "trait", "list", n)).isEmpty();
    }

    @Test
    @Order(10)
    void vifsWithNoopNetworkInterface() {
        // Ironic's noop network interface accepts attach and detach and lists nothing (flat needs Neutron).
        String n = name("vif");
        String uuid = setupNode(n);
        String mac = "52:54:00:" + RUN.substring(0, 2) + ":" + RUN.substring(2, 4) + ":" + RUN.substring(4, 6);
        String port = bm.call("POST", "/v1/ports", "{\"address\": \"" + mac + "\", \"node_uuid\": \"" + uuid + "\"}", 201)
                .get("uuid").asText();
        String vif = "1c7c0b1e-0000-4000-8000-0000000" + RUN.substring(0, 5);
        assertThat(bm.ok("node", "vif", "attach", n, vif)).isEmpty();
        assertThat(bm.json("node", "vif", "list", n)).isEmpty();
        assertThat(bm.fails("node", "vif", "attach", n, vif, "--port-uuid", port, "--vif-info",
                "portgroup_uuid=5a5a5a5a-5555-4555-8555-555555555555")).contains("Cannot specify both port_uuid and portgroup_uuid (HTTP 400)");
        assertThat(bm.ok("node", "vif", "detach", n, vif)).isEmpty();
        assertThat(bm.ok("node", "vif", "detach", n, vif)).as("noop: detaching twice is fine").isEmpty();
        assertThat(bm.json("node", "vif", "list", n)).isEmpty();
        bm.call("DELETE", "/v1/ports/" + port, null, 204);
    }

    @Test
    @Order(11)
    void allocations() {
        String rc = "lc" + RUN + "-gold";
        String t = trait("ALLOC");
        String n = name("alloc");
        String uuid = setupAvailable(n, "resource_class", "\"" + rc + "\"");
        bm.call("PUT", "/v1/nodes/" + uuid + "/traits/" + t, null, 204);
        // candidates need a known power state; the fake power interface has none until a power action
        bm.call("PUT", "/v1/nodes/" + uuid + "/states/power", "{\"target\": \"power off\"}", 202);
        bm.awaitPower(uuid, "power off");

        String a = name("alloc-ok");
        JsonNode alloc = bm.json("allocation", "create", "--resource-class", rc, "--trait", t, "--name", a, "--wait", "60");
        String allocUuid = alloc.get("uuid").asText();
        assertThat(alloc.get("state").asText()).isEqualTo("active");
        assertThat(alloc.get("node_uuid").asText()).isEqualTo(uuid);
        assertThat(alloc.get("last_error").isNull()).isTrue();
        assertThat(alloc.get("resource_class").asText()).isEqualTo(rc);
        assertThat(alloc.get("traits")).extracting(JsonNode::asText).containsExactly(t);
        JsonNode s = bm.show(n);
        assertThat(s.get("allocation_uuid").asText()).isEqualTo(allocUuid);
        assertThat(s.get("instance_uuid").asText()).isEqualTo(allocUuid);
        assertThat(s.get("instance_info").get("traits")).extracting(JsonNode::asText).containsExactly(t);
        assertThat(s.get("provision_state").asText()).isEqualTo("available");
        assertThat(bm.json("allocation", "show", a).get("node_uuid").asText()).isEqualTo(uuid);
        assertThat(bm.json("allocation", "list", "--node", uuid)).extracting(x -> x.get("UUID").asText()).containsExactly(allocUuid);

        // nothing left with that resource class
        String b = name("alloc-none");
        String out = bm.fails("allocation", "create", "--resource-class", rc, "--name", b, "--wait", "60");
        Matcher m = Pattern.compile("Allocation (\\S+) failed: Failed to process allocation \\1: no available nodes match the resource class "
                + Pattern.quote(rc) + "\\.").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        JsonNode failed = bm.json("allocation", "show", b);
        assertThat(failed.get("uuid").asText()).isEqualTo(m.group(1));
        assertThat(failed.get("state").asText()).isEqualTo("error");
        assertThat(failed.get("node_uuid").isNull()).isTrue();
        assertThat(failed.get("last_error").asText())
                .isEqualTo("Failed to process allocation " + m.group(1) + ": no available nodes match the resource class " + rc + ".");

        assertThat(bm.ok("allocation", "delete", a)).contains("Deleted allocation " + a);
        s = bm.show(n);
        assertThat(s.get("allocation_uuid").isNull()).isTrue();
        assertThat(s.get("instance_uuid").isNull()).isTrue();
        assertThat(s.get("instance_info").get("traits")).as("Ironic leaves the traits behind").extracting(JsonNode::asText).containsExactly(t);
        bm.ok("allocation", "delete", b);
        assertThat(bm.fails("allocation", "show", b)).contains("could not be found");
    }

    @Test
    @Order(12)
    void deployTemplates() {
        String tpl = trait("TPL");
        String steps = "[{\"interface\": \"deploy\", \"step\": \"deploy\", \"args\": {}, \"priority\": 0}]";
        JsonNode created = bm.json("deploy", "template", "create", tpl, "--steps", steps, "--extra", "team=e2e");
        assertThat(created.get("name").asText()).isEqualTo(tpl);
        assertThat(created.get("steps")).isEqualTo(Baremetal.parse(steps));
        assertThat(created.get("extra").get("team").asText()).isEqualTo("e2e");
        String tplUuid = created.get("uuid").asText();
        assertThat(bm.json("deploy", "template", "list")).extracting(x -> x.get("UUID").asText() + " " + x.get("Name").asText())
                .contains(tplUuid + " " + tpl);
        assertThat(bm.json("deploy", "template", "show", tpl).get("uuid").asText()).isEqualTo(tplUuid);
        assertThat(bm.fails("deploy", "template", "create", name("bad"), "--steps", "[]"))
                .contains("Schema error for template: [] is too short (HTTP 400)");

        // The template matches the instance's traits and disables the only deploy step fake-hardware has.
        String n = name("tpl");
        String uuid = setupAvailable(n);
        bm.call("PUT", "/v1/nodes/" + uuid + "/traits/" + tpl, null, 204);
        bm.ok("node", "set", n, "--instance-info", "traits=[\"" + tpl + "\"]");
        bm.ok("node", "deploy", n);
        bm.awaitState(n, "deploy failed", "active");
        JsonNode s = bm.show(n);
        assertStates(s, "deploy failed", "active", null);
        assertThat(s.get("last_error").asText()).isEqualTo("No deploy steps returned by the driver");
        JsonNode history = bm.json("node", "history", "list", n);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("Description of the event").asText()).isEqualTo("No deploy steps returned by the driver");
        JsonNode event = bm.json("node", "history", "get", n, history.get(0).get("UUID").asText());
        assertThat(event.get("event_type").asText()).isEqualTo("deploying");
        assertThat(event.get("severity").asText()).isEqualTo("ERROR");

        assertThat(bm.ok("deploy", "template", "delete", tpl)).contains("Deleted deploy template " + tpl);
        assertThat(bm.fails("deploy", "template", "show", tpl)).contains("Deploy template " + tpl + " could not be found. (HTTP 404)");
        // without the template the same node deploys (deploy is allowed from deploy failed)
        s = bm.provision(n, "deploy", "active");
        assertStates(s, "active", null, null);
        assertThat(s.get("last_error").isNull()).isTrue();
        assertThat(uuid).isEqualTo(s.get("uuid").asText());
    }

    @Test
    @Order(13)
    void validate() {
        String n = name("valid");
        setupNode(n);
        assertThat(bm.json("node", "validate", n)).extracting(
                v -> v.get("Interface").asText() + "=" + v.get("Result").asBoolean() + ":" + v.get("Reason").asText())
                .containsExactly("bios=true:", "boot=true:", "console=true:", "deploy=true:", "inspect=true:",
                        "management=true:", "network=true:", "power=true:", "raid=true:", "rescue=true:", "storage=true:");

        String d = name("valid-direct");
        String uuid = setupNode(d, "deploy_interface", "\"direct\"", "rescue_interface", "\"no-rescue\"");
        JsonNode v = bm.json("node", "validate", d);
        assertThat(v).hasSize(11);
        for (JsonNode i : v) {
            switch (i.get("Interface").asText()) {
                case "deploy" -> {
                    assertThat(i.get("Result").asBoolean()).isFalse();
                    assertThat(i.get("Reason").asText()).isEqualTo("Node " + uuid + " failed to validate deploy image info. "
                            + "Some parameters were missing. Missing are: ['instance_info.image_source']");
                }
                case "rescue" -> {
                    assertThat(i.get("Result").asBoolean()).isFalse();
                    assertThat(i.get("Reason").asText()).isEqualTo("Driver fake-hardware does not support rescue (disabled or not implemented).");
                }
                default -> assertThat(i.get("Result").asBoolean()).as("%s", i).isTrue();
            }
        }
    }

    @Test
    @Order(14)
    void invalidTransitions() {
        String n = name("invalid");
        String uuid = setupNode(n);
        // the CLI names the target state for deploy ("active") and undeploy ("deleted")
        assertThat(bm.fails("node", "deploy", n)).contains(invalidState("active", uuid, "enroll"));
        assertThat(bm.fails("node", "provide", n)).contains(invalidState("provide", uuid, "enroll"));
        assertThat(bm.fails("node", "inspect", n)).contains(invalidState("inspect", uuid, "enroll"));
        assertStates(bm.show(n), "enroll", null, null);

        bm.setProvisionState(uuid, "manage", "manageable");
        assertThat(bm.fails("node", "deploy", n)).contains(invalidState("active", uuid, "manageable"));
        assertThat(bm.fails("node", "undeploy", n)).contains(invalidState("deleted", uuid, "manageable"));
        assertThat(bm.fails("node", "rebuild", n)).contains(invalidState("rebuild", uuid, "manageable"));
        assertThat(bm.fails("node", "rescue", n, "--rescue-password", "x")).contains(invalidState("rescue", uuid, "manageable"));
        JsonNode s = bm.show(n);
        assertStates(s, "manageable", null, null);
        assertThat(s.get("last_error").isNull()).as("rejected requests leave no error").isTrue();
    }
}
