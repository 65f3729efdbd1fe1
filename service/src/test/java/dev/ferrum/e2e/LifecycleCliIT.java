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

    /**
     * The node's error events. Ironic records only errors in node history; Ferrum also records every state
     * change (severity INFO), so tests look at the errors, which both record the same way.
     */
    static List<JsonNode> errorEvents(String node) {
        List<JsonNode> errors = new ArrayList<>();
        bm.json("node", "history", "list", node).forEach(e -> {
            if (e.get("Severity").asText().equals("ERROR")) {
                errors.add(e);
            }
        });
        return errors;
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

    static JsonNode at(JsonNode n, String dottedPath) {
        JsonNode v = n;
        for (String p : dottedPath.split("\\.")) {
            v = v.path(p);
        }
        return v;
    }

    /** The field is present and null (Ironic shows absent values as null). */
    static void assertNull(JsonNode n, String dottedPath) {
        assertThat(at(n, dottedPath).isNull()).as("%s should be null in %s", dottedPath, n).isTrue();
    }

    static void assertNotNull(JsonNode n, String dottedPath) {
        JsonNode v = at(n, dottedPath);
        assertThat(v.isNull() || v.isMissingNode()).as("%s should be set in %s", dottedPath, n).isFalse();
    }

    static void assertText(JsonNode n, String dottedPath, String expected) {
        JsonNode v = at(n, dottedPath);
        assertThat(v.isTextual() ? v.asText() : String.valueOf(v)).as("%s in %s", dottedPath, n).isEqualTo(expected);
    }

    static void assertStates(JsonNode n, String provision, String target, String power) {
        assertThat(n.get("provision_state").isNull() ? null : n.get("provision_state").asText())
                .as("provision_state of %s", n).isEqualTo(provision);
        assertThat(n.get("target_provision_state").isNull() ? null : n.get("target_provision_state").asText())
                .as("target_provision_state of %s", n).isEqualTo(target);
        assertThat(n.get("power_state").isNull() ? null : n.get("power_state").asText())
                .as("power_state of %s", n).isEqualTo(power);
        assertNull(n, "target_power_state");
    }

    /**
     * A CLI failure that carries an API fault. The status is Ironic's; the words are the server's own
     * (docs/design.md: "Fault strings are Ferrum's own words"), so only the facts a message must name are checked.
     * Ironic's exact texts are in compat/lifecycle.py's capture.
     */
    static void assertFault(String out, int status, String... mentions) {
        assertThat(out).as("CLI error").contains("(HTTP " + status + ")");
        for (String m : mentions) {
            assertThat(out).as("CLI error names %s", m).contains(m);
        }
    }

    /** Ironic: {@code The requested action "<action>" can not be performed on node "<uuid>" while it is in state "<state>". (HTTP 400)}. */
    static void assertInvalidState(String out, String action, String uuid, String state) {
        assertFault(out, 400, action, uuid, state);
    }

    @Test
    @Order(1)
    void enrollManageInspectProvideWithCleaningDeployRebuildUndeploy() {
        String n = name("auto");
        JsonNode created = createNode(n, "--automated-clean");
        assertStates(created, "enroll", null, null);
        assertThat(created.get("automated_clean").asBoolean()).isTrue();
        assertNull(created, "last_error");
        assertNull(created, "provision_updated_at");
        assertText(created, "network_interface", "noop");

        JsonNode s = bm.provision(n, "manage", "manageable");
        assertStates(s, "manageable", null, null); // fake power reports the stored state: none yet
        assertNull(s, "last_error");
        assertNotNull(s, "provision_updated_at");

        s = bm.provision(n, "inspect", "manageable");
        assertStates(s, "manageable", null, null);
        assertNotNull(s, "inspection_finished_at");
        assertNull(s, "inspection_started_at");

        // automated_clean=true on the node wins over [conductor]automated_clean=false: cleaning runs (with no steps
        // on fake-hardware) and leaves clean_steps=null behind; a node that skips cleaning has no such key.
        s = bm.provision(n, "provide", "available");
        assertStates(s, "available", null, null);
        assertThat(at(s, "driver_internal_info").has("clean_steps")).as("driver_internal_info.has(clean_steps) in %s", s).isTrue();
        assertNull(s, "driver_internal_info.clean_steps");
        assertThat(at(s, "clean_step").isEmpty()).as("clean_step.isEmpty in %s", s).isTrue();

        // a long action with the CLI's own --wait (it polls every 10 s)
        s = bm.provisionWithCliWait(n, "deploy", "active", "--config-drive", CONFIG_DRIVE_JSON);
        assertStates(s, "active", null, null); // the fake deploy interface does not power the node on
        assertNull(s, "last_error");
        assertText(s, "instance_info.configdrive", MASKED);
        assertThat(at(s, "deploy_step").isEmpty()).as("deploy_step.isEmpty in %s", s).isTrue();
        assertThat(at(s, "driver_internal_info").has("deploy_steps")).as("driver_internal_info.has(deploy_steps) in %s", s).isTrue();
        assertNull(s, "driver_internal_info.deploy_steps");

        s = bm.provision(n, "rebuild", "active");
        assertStates(s, "active", null, null);
        assertText(s, "instance_info.configdrive", MASKED); // a rebuild without a new config drive keeps the old one

        s = bm.provision(n, "undeploy", "available");
        assertStates(s, "available", null, null);
        assertThat(at(s, "instance_info").isEmpty()).as("instance_info.isEmpty in %s", s).isTrue();
        assertNull(s, "instance_uuid");
        assertThat(at(s, "driver_internal_info").has("clean_steps")).as("driver_internal_info.has(clean_steps) in %s", s).isTrue();

        assertThat(errorEvents(n)).as("no errors in the history").isEmpty();
    }

    @Test
    @Order(2)
    void provideWithoutCleaningAndDeployWithConfigDriveDirectory(@TempDir Path dir) throws IOException {
        // automated_clean unset: [conductor]automated_clean=false applies
        String n = name("noclean");
        JsonNode created = createNode(n);
        assertNull(created, "automated_clean");
        bm.provision(n, "manage", "manageable");
        JsonNode s = bm.provision(n, "provide", "available");
        assertStates(s, "available", null, null);
        assertThat(at(s, "driver_internal_info").has("clean_steps")).as("cleaning skipped: no clean_steps in %s", s).isFalse();

        // automated_clean=false on the node
        String off = name("cleanoff");
        JsonNode offNode = createNode(off, "--no-automated-clean");
        assertThat(offNode.get("automated_clean").asBoolean(true)).isFalse();
        bm.setProvisionState(offNode.get("uuid").asText(), "manage", "manageable");
        s = bm.provision(off, "provide", "available");
        assertThat(at(s, "driver_internal_info").has("clean_steps")).as("cleaning skipped: no clean_steps in %s", s).isFalse();

        Path latest = Files.createDirectories(dir.resolve("openstack/latest"));
        Files.writeString(latest.resolve("meta_data.json"), "{\"uuid\": \"e2e\", \"hostname\": \"e2e\"}");
        s = bm.provision(n, "deploy", "active", "--config-drive", dir.toString());
        assertStates(s, "active", null, null);
        assertText(s, "instance_info.configdrive", MASKED);

        s = bm.provision(n, "undeploy", "available");
        assertStates(s, "available", null, null);
        assertThat(at(s, "instance_info").isEmpty()).as("instance_info.isEmpty in %s", s).isTrue();
        assertThat(at(s, "driver_internal_info").has("clean_steps")).as("driver_internal_info.has(clean_steps) in %s", s).isFalse();
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
        assertNull(s, "last_error");
        assertThat(at(s, "clean_step").isEmpty()).as("clean_step.isEmpty in %s", s).isTrue();
        assertNull(s, "driver_internal_info.clean_steps");
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
        assertText(s, "last_error", error);

        List<JsonNode> history = errorEvents(n);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("Description of the event").asText()).isEqualTo(error);
        JsonNode event = bm.json("node", "history", "get", n, history.get(0).get("UUID").asText());
        assertText(event, "event_type", "cleaning");
        assertText(event, "severity", "ERROR");
        assertText(event, "event", error);
        assertText(event, "conductor", s.get("conductor").asText());
        assertNull(event, "user");

        s = bm.provision(n, "manage", "manageable");
        assertStates(s, "manageable", null, null);
        assertText(s, "last_error", error); // manage from clean failed keeps last_error
    }

    @Test
    @Order(4)
    void rescueAndUnrescue() {
        String n = name("rescue");
        String uuid = setupAvailable(n);
        bm.setProvisionState(uuid, "active", "active");

        JsonNode s = bm.provision(n, "rescue", "rescue", "--rescue-password", "s3cret-pw");
        assertText(s, "rescue_interface", "fake");
        assertStates(s, "rescue", null, null);
        assertNull(s, "last_error");
        assertText(s, "instance_info.rescue_password", MASKED);
        assertText(s, "instance_info.hashed_rescue_password", MASKED);

        s = bm.provision(n, "unrescue", "active");
        assertStates(s, "active", null, null);
        // the fake rescue interface does not clean up: the password stays in instance_info
        assertText(s, "instance_info.rescue_password", MASKED);

        assertInvalidState(bm.fails("node", "unrescue", n), "unrescue", uuid, "active");
    }

    @Test
    @Order(5)
    void adoptManageableNode() {
        String n = name("adopt");
        String uuid = setupNode(n);
        assertInvalidState(bm.fails("node", "adopt", n), "adopt", uuid, "enroll");
        bm.setProvisionState(uuid, "manage", "manageable");
        JsonNode s = bm.provision(n, "adopt", "active");
        assertStates(s, "active", null, null);
        assertNull(s, "last_error");
        assertThat(at(s, "instance_info").isEmpty()).as("instance_info.isEmpty in %s", s).isTrue();
    }

    @Test
    @Order(6)
    void abortCleanWaitAndRejectedAborts() {
        // Rejected: abort is only for clean wait, inspect wait and rescue wait.
        String n = name("abortno");
        String uuid = setupNode(n);
        assertInvalidState(bm.fails("node", "abort", n), "abort", uuid, "enroll");
        bm.setProvisionState(uuid, "manage", "manageable");
        assertInvalidState(bm.fails("node", "abort", n), "abort", uuid, "manageable");
        assertStates(bm.show(n), "manageable", null, null);

        // The direct deploy interface prepares cleaning by booting the (fake) ramdisk and then waits for the agent
        // that never calls back: the node stays in clean wait until aborted.
        String w = name("cleanwait");
        String wUuid = setupManageable(w, "deploy_interface", "\"direct\"", "automated_clean", "true");
        bm.call("PUT", "/v1/nodes/" + wUuid + "/states/provision", "{\"target\": \"provide\"}", 202);
        bm.awaitState(w, "clean wait", "available");
        JsonNode s = bm.show(w);
        assertText(s, "deploy_interface", "direct");
        assertStates(s, "clean wait", "available", "power on");
        assertNull(s, "last_error");

        assertThat(bm.ok("node", "abort", w)).isEmpty();
        bm.awaitState(w, "clean failed", "available");
        s = bm.show(w);
        assertStates(s, "clean failed", "available", "power off");
        assertText(s, "last_error", "By request, the clean operation was aborted");
        assertThat(at(s, "clean_step").isEmpty()).as("clean_step.isEmpty in %s", s).isTrue();
        // Ironic records only errors; Ferrum records every state change too. Either way an abort is not an error.
        assertThat(errorEvents(w)).as("an abort is not an error event").isEmpty();

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
        assertText(s, "maintenance_reason", "disk swap");
        assertNull(s, "fault");
        bm.ok("node", "maintenance", "unset", n);
        s = bm.show(n);
        assertThat(s.get("maintenance").asBoolean()).isFalse();
        assertNull(s, "maintenance_reason");

        // power actions are accepted asynchronously (202); the node has target_power_state until done
        assertThat(bm.ok("node", "power", "on", n)).isEmpty();
        bm.awaitPower(uuid, "power on");
        s = bm.show(n);
        assertStates(s, "enroll", null, "power on");
        assertNull(s, "last_error");
        assertThat(at(s, "driver_internal_info").has("last_power_state_change"))
                .as("driver_internal_info.last_power_state_change in %s", s).isTrue();

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
        assertNull(s, "last_error");
    }

    @Test
    @Order(8)
    void bootDevice() {
        String n = name("boot");
        setupNode(n);
        assertThat(bm.json("node", "boot", "device", "show", n, "--supported").get("supported_boot_devices").asText()).isEqualTo("pxe");
        JsonNode d = bm.json("node", "boot", "device", "show", n);
        assertText(d, "boot_device", "pxe");
        assertThat(d.get("persistent").asBoolean()).isFalse();
        assertThat(bm.ok("node", "boot", "device", "set", n, "pxe", "--persistent")).isEmpty();
        // the fake management interface accepts and forgets
        d = bm.json("node", "boot", "device", "show", n);
        assertText(d, "boot_device", "pxe");
        assertThat(d.get("persistent").asBoolean()).isFalse();
        // Ironic: "Invalid boot device cdrom specified."
        assertFault(bm.fails("node", "boot", "device", "set", n, "cdrom"), 400, "cdrom");
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

        // Ironic: "Schema error for trait: 'lowercase_bad' is not valid under any of the given schemas. …"
        assertFault(bm.fails("node", "add", "trait", n, "lowercase_bad"), 400, "Failed to add trait lowercase_bad: ");

        assertThat(bm.ok("node", "remove", "trait", n, gpu)).contains("Removed trait " + gpu);
        assertThat(bm.json("node", "trait", "list", n)).extracting(t -> t.get("Traits").asText()).containsExactly("HW_CPU_X86_AVX2");
        String missing = trait("NOPE");
        // Ironic: "Node <uuid> doesn't have a trait '<trait>'"
        assertFault(bm.fails("node", "remove", "trait", n, missing), 404, "Failed to remove trait " + missing + ": ", uuid);
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
        // Ironic: "Cannot specify both port_uuid and portgroup_uuid"
        assertFault(bm.fails("node", "vif", "attach", n, vif, "--port-uuid", port, "--vif-info",
                "portgroup_uuid=5a5a5a5a-5555-4555-8555-555555555555"), 400, "portgroup_uuid");
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
        assertText(alloc, "state", "active");
        assertText(alloc, "node_uuid", uuid);
        assertNull(alloc, "last_error");
        assertText(alloc, "resource_class", rc);
        assertThat(alloc.get("traits")).extracting(JsonNode::asText).containsExactly(t);
        JsonNode s = bm.show(n);
        assertText(s, "allocation_uuid", allocUuid);
        assertText(s, "instance_uuid", allocUuid);
        assertThat(s.get("instance_info").get("traits")).extracting(JsonNode::asText).containsExactly(t);
        assertText(s, "provision_state", "available");
        assertThat(bm.json("allocation", "show", a).get("node_uuid").asText()).isEqualTo(uuid);
        assertThat(bm.json("allocation", "list", "--node", uuid)).extracting(x -> x.get("UUID").asText()).containsExactly(allocUuid);

        // nothing left with that resource class; the CLI's --wait prints "Allocation <uuid> failed: <last_error>"
        String b = name("alloc-none");
        String out = bm.fails("allocation", "create", "--resource-class", rc, "--name", b, "--wait", "60");
        Matcher m = Pattern.compile("Allocation (\\S+) failed: Failed to process allocation \\1: "
                + "no available nodes match the resource class "
                + Pattern.quote(rc) + "\\.").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        JsonNode failed = bm.json("allocation", "show", b);
        assertText(failed, "uuid", m.group(1));
        assertText(failed, "state", "error");
        assertNull(failed, "node_uuid");
        // Ironic's whole message; Ferrum keeps this opening and explains each excluded node after it (docs/design.md)
        assertThat(at(failed, "last_error").asText()).as("%s", failed)
                .startsWith("Failed to process allocation " + m.group(1) + ": no available nodes match the resource class " + rc + ".");
        if (ferrum != null) {
            assertThat(at(failed, "last_error").asText()).contains("Excluded nodes: " + n).contains("already allocated");
        }

        assertThat(bm.ok("allocation", "delete", a)).contains("Deleted allocation " + a);
        s = bm.show(n);
        assertNull(s, "allocation_uuid");
        assertNull(s, "instance_uuid");
        assertThat(at(s, "instance_info.traits")).as("Ironic leaves the traits behind: %s", s)
                .extracting(JsonNode::asText).containsExactly(t);
        bm.ok("allocation", "delete", b);
        assertFault(bm.fails("allocation", "show", b), 404, b);
    }

    @Test
    @Order(12)
    void deployTemplates() {
        String tpl = trait("TPL");
        String steps = "[{\"interface\": \"deploy\", \"step\": \"deploy\", \"args\": {}, \"priority\": 0}]";
        JsonNode created = bm.json("deploy", "template", "create", tpl, "--steps", steps, "--extra", "team=e2e");
        assertText(created, "name", tpl);
        assertThat(created.get("steps")).isEqualTo(Baremetal.parse(steps));
        assertText(created, "extra.team", "e2e");
        String tplUuid = created.get("uuid").asText();
        assertThat(bm.json("deploy", "template", "list")).extracting(x -> x.get("UUID").asText() + " " + x.get("Name").asText())
                .contains(tplUuid + " " + tpl);
        assertThat(bm.json("deploy", "template", "show", tpl).get("uuid").asText()).isEqualTo(tplUuid);
        // Ironic: "Schema error for template: [] is too short"
        assertFault(bm.fails("deploy", "template", "create", trait("EMPTY"), "--steps", "[]"), 400);
        // Ironic: "Schema error for template: 'lowercase_bad' is not valid under any of the given schemas. …"
        assertFault(bm.fails("deploy", "template", "create", "lowercase_bad", "--steps", steps), 400, "lowercase_bad");

        // The template matches the instance's traits and disables the only deploy step fake-hardware has.
        String n = name("tpl");
        String uuid = setupAvailable(n);
        bm.call("PUT", "/v1/nodes/" + uuid + "/traits/" + tpl, null, 204);
        bm.ok("node", "set", n, "--instance-info", "traits=[\"" + tpl + "\"]");
        bm.ok("node", "deploy", n);
        bm.awaitState(n, "deploy failed", "active");
        JsonNode s = bm.show(n);
        assertStates(s, "deploy failed", "active", null);
        assertText(s, "last_error", "No deploy steps returned by the driver");
        List<JsonNode> history = errorEvents(n);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("Description of the event").asText()).isEqualTo("No deploy steps returned by the driver");
        JsonNode event = bm.json("node", "history", "get", n, history.get(0).get("UUID").asText());
        assertText(event, "event_type", "deploying");
        assertText(event, "severity", "ERROR");

        assertThat(bm.ok("deploy", "template", "delete", tpl)).contains("Deleted deploy template " + tpl);
        // Ironic: "Deploy template <name> could not be found."
        assertFault(bm.fails("deploy", "template", "show", tpl), 404, tpl);
        // without the template the same node deploys (deploy is allowed from deploy failed)
        s = bm.provision(n, "deploy", "active");
        assertStates(s, "active", null, null);
        assertNull(s, "last_error");
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
                    assertText(i, "Reason", "Node " + uuid + " failed to validate deploy image info. "
                            + "Some parameters were missing. Missing are: ['instance_info.image_source']");
                }
                case "rescue" -> {
                    assertThat(i.get("Result").asBoolean()).isFalse();
                    assertText(i, "Reason", "Driver fake-hardware does not support rescue (disabled or not implemented).");
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
        assertInvalidState(bm.fails("node", "deploy", n), "active", uuid, "enroll");
        assertInvalidState(bm.fails("node", "provide", n), "provide", uuid, "enroll");
        assertInvalidState(bm.fails("node", "inspect", n), "inspect", uuid, "enroll");
        assertStates(bm.show(n), "enroll", null, null);

        bm.setProvisionState(uuid, "manage", "manageable");
        assertInvalidState(bm.fails("node", "deploy", n), "active", uuid, "manageable");
        assertInvalidState(bm.fails("node", "undeploy", n), "deleted", uuid, "manageable");
        assertInvalidState(bm.fails("node", "rebuild", n), "rebuild", uuid, "manageable");
        assertInvalidState(bm.fails("node", "rescue", n, "--rescue-password", "x"), "rescue", uuid, "manageable");
        JsonNode s = bm.show(n);
        assertStates(s, "manageable", null, null);
        assertNull(s, "last_error");
    }
}
