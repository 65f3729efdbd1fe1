package dev.ferrum.conductor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.drivers.HardwareType;
import dev.ferrum.drivers.base.ManagementInterface;
import dev.ferrum.drivers.base.RaidConfig;
import dev.ferrum.drivers.base.VendorInterface;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conductor's node management RPC methods, one per action as in Ironic's ConductorManager: NMI,
 * indicators, boot mode and secure boot, console, target RAID configuration, VIFs and vendor passthru. Each
 * takes the node's lock through the TaskManager (shared for reads, exclusive for changes) and queues long
 * work with {@link Task#spawnAfter}, so the API can answer 202 at once.
 */
public final class NodeManagement {
    private static final Logger LOG = LoggerFactory.getLogger(NodeManagement.class);
    private final TaskManager tasks;

    public NodeManagement(TaskManager tasks) {
        this.tasks = Objects.requireNonNull(tasks);
    }

    // ---- management ----------------------------------------------------------------------------

    public void injectNmi(String uuid) {
        try (Task task = tasks.acquire(uuid, "inject nmi")) {
            ManagementInterface m = task.driver().management();
            m.validate(task);
            m.injectNmi(task);
        }
    }

    /** component → indicator name → {"readonly": bool, "states": [...]}, sorted by component and name. */
    public Map<String, Map<String, Map<String, Object>>> getSupportedIndicators(String uuid) {
        try (Task task = tasks.acquireShared(uuid, "getting supported indicators")) {
            Map<String, Map<String, Map<String, Object>>> out = new TreeMap<>();
            task.driver().management().supportedIndicators(task).forEach((component, indicators) -> {
                Map<String, Map<String, Object>> byName = new TreeMap<>();
                indicators.forEach((name, info) -> byName.put(name, asMap(info)));
                out.put(component, byName);
            });
            return out;
        }
    }

    /** Ironic reads an indicator under the exclusive lock: reading it talks to the BMC. */
    public String getIndicatorState(String uuid, String component, String indicator) {
        try (Task task = tasks.acquire(uuid, "getting indicators states")) {
            task.driver().management().validate(task);
            return task.driver().management().getIndicatorState(task, component, indicator);
        }
    }

    public void setIndicatorState(String uuid, String component, String indicator, String state) {
        try (Task task = tasks.acquire(uuid, "setting indicator state")) {
            task.driver().management().validate(task);
            task.driver().management().setIndicatorState(task, component, indicator, state);
        }
    }

    /** PUT /states/boot_mode: validates now, changes the mode in a worker; failures land in last_error. */
    public void changeNodeBootMode(String uuid, String mode) {
        try (Task task = tasks.acquire(uuid, "changing node boot mode")) {
            task.driver().management().validate(task);
            task.spawnAfter(() -> changeBootMode(task, mode));
            task.save("last_error", null);
        }
    }

    /** PUT /states/secure_boot: as boot mode. */
    public void changeNodeSecureBoot(String uuid, boolean on) {
        try (Task task = tasks.acquire(uuid, "changing node secure boot")) {
            task.driver().management().validate(task);
            task.spawnAfter(() -> changeSecureBoot(task, on));
            task.save("last_error", null);
        }
    }

    private static void changeBootMode(Task task, String mode) {
        ManagementInterface m = task.driver().management();
        String current = null;
        try {
            current = m.getBootMode(task);
        } catch (RuntimeException e) {
            LOG.warn("Could not read the boot mode of node {} before changing it: {}", task.uuid(), e.getMessage());
        }
        if (mode.equals(current)) {
            LOG.info("Node {} already boots in {} mode; nothing to change", task.uuid(), mode);
            return;
        }
        try {
            m.setBootMode(task, mode);
        } catch (RuntimeException e) {
            LOG.error("Changing the boot mode of node {} to {} failed: {}", task.uuid(), mode, e.getMessage());
            task.save("last_error", "Failed to change boot mode to '" + mode + "': " + e.getMessage());
            return;
        }
        task.save("boot_mode", mode);
    }

    private static void changeSecureBoot(Task task, boolean on) {
        ManagementInterface m = task.driver().management();
        Boolean current = null;
        try {
            current = m.getSecureBootState(task);
        } catch (RuntimeException e) {
            LOG.warn("Could not read the secure boot state of node {} before changing it: {}", task.uuid(), e.getMessage());
        }
        if (current != null && current == on) {
            LOG.info("Secure boot of node {} is already {}; nothing to change", task.uuid(), on);
            return;
        }
        try {
            m.setSecureBootState(task, on);
        } catch (RuntimeException e) {
            LOG.error("Changing secure boot of node {} to {} failed: {}", task.uuid(), on, e.getMessage());
            task.save("last_error", "Failed to change secure_boot state to '" + (on ? "True" : "False") + "': " + e.getMessage());
            return;
        }
        task.save("secure_boot", on);
    }

    // ---- console -------------------------------------------------------------------------------

    /** The console's connection information, or null when the node's console is not enabled. */
    public Map<String, Object> getConsoleInformation(String uuid) {
        try (Task task = tasks.acquireShared(uuid, "getting console information")) {
            if (!Boolean.TRUE.equals(task.node().get("console_enabled"))) {
                return null;
            }
            task.driver().console().validate(task);
            return task.driver().console().getConsole(task);
        }
    }

    /** PUT /states/console: validates, then starts or stops the console in a worker; console_enabled follows. */
    public void setConsoleMode(String uuid, boolean enabled) {
        try (Task task = tasks.acquireShared(uuid, "setting console mode")) {
            task.driver().console().validate(task);
            if (enabled == Boolean.TRUE.equals(task.node().get("console_enabled"))) {
                LOG.info("No console action on node {}: the console is already {}", uuid, enabled ? "enabled" : "disabled");
                return;
            }
        }
        try (Task task = tasks.acquire(uuid, "setting console mode")) {
            if (enabled == Boolean.TRUE.equals(task.node().get("console_enabled"))) {
                return; // another request got there first
            }
            task.spawnAfter(() -> consoleMode(task, enabled));
            task.save("last_error", null);
        }
    }

    private static void consoleMode(Task task, boolean enabled) {
        try {
            if (enabled) {
                task.driver().console().startConsole(task);
            } else {
                task.driver().console().stopConsole(task);
            }
        } catch (RuntimeException e) {
            String msg = "Error " + (enabled ? "enabling" : "disabling") + " the console on node " + task.uuid()
                    + ". Reason: " + e.getMessage();
            LOG.error(msg);
            task.history("console", "ERROR", msg);
            task.save("last_error", msg);
            return;
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("console_enabled", enabled);
        changes.put("last_error", null);
        task.save(changes);
    }

    // ---- RAID ----------------------------------------------------------------------------------

    /**
     * Stores node.target_raid_config; an empty object clears it without validation. A node whose RAID
     * interface cannot do RAID answers 404 (Ironic's API turns that "does not support" into a 404).
     */
    public void setTargetRaidConfig(String uuid, JsonNode config) {
        try (Task task = tasks.acquire(uuid, "setting target RAID config")) {
            if (config != null && !config.isEmpty()) {
                var raid = task.driver().raid();
                try {
                    raid.validateRaidConfig(task, config);
                } catch (FerrumException e) {
                    if (raid.name().startsWith("no-")) {
                        throw new FerrumException(ErrorCode.NOT_FOUND, e.getMessage());
                    }
                    throw e;
                }
            }
            task.save("target_raid_config", config);
        }
    }

    /** What a logical disk of a target RAID configuration may say, for any hardware type this conductor serves. */
    public Map<String, String> getRaidLogicalDiskProperties(String driver) {
        hardwareType(driver);
        return RaidConfig.logicalDiskProperties();
    }

    // ---- VIFs ----------------------------------------------------------------------------------

    public List<Map<String, Object>> vifList(String uuid) {
        try (Task task = tasks.acquireShared(uuid, "list vifs")) {
            task.driver().network().validate(task);
            return Vifs.list(task);
        }
    }

    public void vifAttach(String uuid, Map<String, Object> vifInfo) {
        try (Task task = tasks.acquire(uuid, "attach vif")) {
            task.driver().network().validate(task);
            Vifs.attach(task, vifInfo);
        }
        LOG.info("VIF {} attached to node {}", vifInfo.get("id"), uuid);
    }

    public void vifDetach(String uuid, String vifId) {
        try (Task task = tasks.acquire(uuid, "detach vif")) {
            task.driver().network().validate(task);
            Vifs.detach(task, vifId);
        }
        LOG.info("VIF {} detached from node {}", vifId, uuid);
    }

    // ---- vendor passthru -----------------------------------------------------------------------

    public Map<String, Map<String, Object>> getNodeVendorPassthruMethods(String uuid) {
        try (Task task = tasks.acquireShared(uuid, "listing vendor passthru methods")) {
            return Passthru.describe(task.driver().vendor().methods());
        }
    }

    /**
     * Calls a node's vendor method: {"return": value, "async": bool, "attach": bool}. The method is found and
     * its HTTP method checked under a shared lock; methods that need the exclusive lock take it before their
     * arguments are validated. Asynchronous methods run in a worker and return null.
     */
    public Map<String, Object> vendorPassthru(String uuid, String method, String httpMethod, Map<String, Object> info) {
        try (Task task = tasks.acquireShared(uuid, "calling vendor passthru")) {
            VendorInterface.Method m = Passthru.route(task.driver().vendor().methods(), method, httpMethod);
            if (!m.requireExclusiveLock()) {
                return Passthru.invoke(tasks, task, m, httpMethod, info);
            }
        }
        try (Task task = tasks.acquire(uuid, "calling vendor passthru")) {
            return Passthru.invoke(tasks, task, Passthru.route(task.driver().vendor().methods(), method, httpMethod), httpMethod, info);
        }
    }

    public Map<String, Map<String, Object>> getDriverVendorPassthruMethods(String driver) {
        return Passthru.describe(Passthru.driverRoutes(Passthru.defaultVendor(tasks, hardwareType(driver))));
    }

    /** Calls a driver-level vendor method of the hardware type's default vendor interface; no node, no lock. */
    public Map<String, Object> driverVendorPassthru(String driver, String method, String httpMethod, Map<String, Object> info) {
        return Passthru.invokeDriver(tasks, Passthru.defaultVendor(tasks, hardwareType(driver)), method, httpMethod, info);
    }

    private HardwareType hardwareType(String driver) {
        return tasks.drivers().hardwareType(driver)
                .orElseThrow(() -> FerrumException.notFound("The driver '%s' is unknown.", driver));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object info) {
        return info instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    }
}
