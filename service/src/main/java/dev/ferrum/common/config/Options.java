package dev.ferrum.common.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every option Ferrum understands, with ironic.conf's section and option names. */
public final class Options {
    public static final List<String> INTERFACE_TYPES = List.of("bios", "boot", "console", "deploy", "inspect",
            "management", "network", "power", "raid", "rescue", "storage", "vendor");

    // [DEFAULT]
    public static final Opt<String> HOST = Opt.str("DEFAULT", "host", "", "Name of this conductor; defaults to the machine's hostname.");
    public static final Opt<String> STATE_PATH = Opt.str("DEFAULT", "state_path", "var", "Directory for the embedded database and other state.");
    public static final Opt<String> AUTH_STRATEGY = Opt.choice("DEFAULT", "auth_strategy", "noauth", Set.of("noauth", "http_basic"), "API authentication.");
    public static final Opt<String> HTTP_BASIC_AUTH_USER_FILE = Opt.str("DEFAULT", "http_basic_auth_user_file", "/etc/ironic/htpasswd", "htpasswd file (bcrypt entries) for http_basic.");
    public static final Opt<List<String>> ENABLED_HARDWARE_TYPES = Opt.list("DEFAULT", "enabled_hardware_types", "fake-hardware,manual-management,ipmi,redfish", "Hardware types this service can manage.");
    public static final Opt<String> DEFAULT_RESOURCE_CLASS = Opt.str("DEFAULT", "default_resource_class", "", "Resource class given to new nodes that name none.");
    public static final Opt<String> RPC_TRANSPORT = Opt.choice("DEFAULT", "rpc_transport", "none", Set.of("none", "oslo", "amqp"),
            "How the API reaches conductors: 'none' is in-process ('ferrum all' only); 'amqp' (or Ironic's 'oslo') is RabbitMQ at transport_url.");
    public static final Opt<String> TRANSPORT_URL = Opt.str("DEFAULT", "transport_url", "",
            "Message broker for rpc_transport = amqp: rabbit://user:pass@host:port[,user:pass@host2:port2]/vhost.");
    public static final Opt<Integer> RPC_RESPONSE_TIMEOUT = Opt.integer("DEFAULT", "rpc_response_timeout", 60, 1, 86400,
            "Seconds the API waits for a conductor's reply to an RPC call before answering 500.");
    public static final Opt<String> DEFAULT_PORTGROUP_MODE = Opt.str("DEFAULT", "default_portgroup_mode", "active-backup",
            "Bonding mode of port groups created without one.");
    public static final Opt<Boolean> DEBUG = Opt.bool("DEFAULT", "debug", false, "Log at debug level.");
    public static final Opt<String> LOG_FILE = Opt.str("DEFAULT", "log_file", "", "Log to this file instead of stderr.");

    // [api]
    public static final Opt<String> API_HOST_IP = Opt.str("api", "host_ip", "127.0.0.1", "Address the API listens on.");
    public static final Opt<Integer> API_PORT = Opt.integer("api", "port", 6385, 0, 65535, "Port the API listens on.");
    public static final Opt<Integer> API_MAX_LIMIT = Opt.integer("api", "max_limit", 1000, 1, Integer.MAX_VALUE, "Most items one list request returns.");
    public static final Opt<String> API_PUBLIC_ENDPOINT = Opt.str("api", "public_endpoint", "", "Base URL used in links; defaults to the request's host.");
    public static final Opt<Boolean> API_ALLOW_INSECURE_NOAUTH = Opt.bool("api", "allow_insecure_noauth", false,
            "Allow auth_strategy=noauth on a non-loopback address. Anyone who can reach the port then owns every BMC.");

    // [database]
    public static final Opt<String> DB_CONNECTION = Opt.str("database", "connection", "", "Database URL (SQLAlchemy-style as in ironic.conf, or JDBC); empty = embedded H2 under state_path.");
    public static final Opt<Integer> DB_MAX_POOL_SIZE = Opt.integer("database", "max_pool_size", 10, 1, 1000, "Most open database connections.");

    public static final Opt<Integer> GRACEFUL_SHUTDOWN_TIMEOUT = Opt.integer("DEFAULT", "graceful_shutdown_timeout", 60, 0, 86400,
            "Seconds a stopping conductor lets running work (deploys, cleanings, power actions) finish before interrupting it.");
    // [deploy]
    public static final Opt<String> DEFAULT_BOOT_MODE = Opt.choice("deploy", "default_boot_mode", "uefi", Set.of("uefi", "bios"),
            "Boot mode of nodes that name none (instance_info deploy_boot_mode, capabilities boot_mode, boot_mode).");
    // [conductor]
    public static final Opt<Integer> HEARTBEAT_INTERVAL = Opt.integer("conductor", "heartbeat_interval", 10, 1, 3600, "Seconds between conductor heartbeats.");
    public static final Opt<Integer> HEARTBEAT_TIMEOUT = Opt.integer("conductor", "heartbeat_timeout", 60, 1, 86400, "Seconds without a heartbeat after which a conductor is dead.");
    public static final Opt<Integer> WORKERS_POOL_SIZE = Opt.integer("conductor", "workers_pool_size", 100, 3, 100000,
            "Most background actions (deploys, cleanings, power changes) one conductor runs at once; more answer 503.");
    public static final Opt<Integer> NODE_LOCKED_RETRY_ATTEMPTS = Opt.integer("conductor", "node_locked_retry_attempts", 3, 0, 1000,
            "Times a request retries a locked node before answering 409 NodeLocked.");
    public static final Opt<Integer> NODE_LOCKED_RETRY_INTERVAL = Opt.integer("conductor", "node_locked_retry_interval", 1, 0, 3600,
            "Seconds between those retries.");
    public static final Opt<Boolean> AUTOMATED_CLEAN = Opt.bool("conductor", "automated_clean", true,
            "Clean nodes automatically on provide and after tear down.");
    public static final Opt<Integer> SYNC_POWER_STATE_INTERVAL = Opt.integer("conductor", "sync_power_state_interval", 60, 0, 86400,
            "Seconds between power state syncs with the hardware; 0 disables them.");
    public static final Opt<Boolean> FORCE_POWER_STATE_DURING_SYNC = Opt.bool("conductor", "force_power_state_during_sync", true,
            "On a mismatch, drive the hardware to the recorded power state instead of recording the hardware's.");
    public static final Opt<Integer> SYNC_POWER_STATE_WORKERS = Opt.integer("conductor", "sync_power_state_workers", 8, 1, 1000,
            "Nodes whose power state is synced in parallel.");
    public static final Opt<Integer> POWER_STATE_SYNC_MAX_RETRIES = Opt.integer("conductor", "power_state_sync_max_retries", 3, 0, 1000,
            "Failed or mismatching power state reads in a row tolerated before a node goes to maintenance with fault 'power failure'.");
    public static final Opt<Integer> POWER_STATE_SYNC_TIMEOUT = Opt.integer("conductor", "power_state_sync_timeout", 30, 1, 3600,
            "Seconds one BMC power state read may take during the sync before it counts as failed.");
    public static final Opt<Integer> POWER_FAILURE_RECOVERY_INTERVAL = Opt.integer("conductor", "power_failure_recovery_interval", 300, 0, 86400,
            "Seconds between attempts to take nodes with a power failure out of maintenance once their BMC answers; 0 disables them.");
    public static final Opt<Integer> POWER_STATE_CHANGE_TIMEOUT = Opt.integer("conductor", "power_state_change_timeout", 60, 1, 86400,
            "Seconds a power action waits for the node to reach the requested power state.");
    public static final Opt<Integer> SOFT_POWER_OFF_TIMEOUT = Opt.integer("conductor", "soft_power_off_timeout", 600, 1, 86400,
            "Seconds a soft power off or soft reboot waits for the operating system to shut down.");
    public static final Opt<Integer> SYNC_LOCAL_STATE_INTERVAL = Opt.integer("conductor", "sync_local_state_interval", 180, 0, 86400,
            "Seconds between checks for nodes that dead conductors held: the survivor that owns each takes it over (0 = never).");
    public static final Opt<Integer> CHECK_PROVISION_STATE_INTERVAL = Opt.integer("conductor", "check_provision_state_interval", 60, 0, 86400,
            "Seconds between checks for nodes stuck in a wait state past its timeout; 0 disables them.");
    public static final Opt<Integer> DEPLOY_CALLBACK_TIMEOUT = Opt.integer("conductor", "deploy_callback_timeout", 1800, 0, 86400 * 7,
            "Seconds a node may wait in wait call-back before its deploy fails; 0 waits forever.");
    public static final Opt<Integer> CLEAN_CALLBACK_TIMEOUT = Opt.integer("conductor", "clean_callback_timeout", 1800, 0, 86400 * 7,
            "Seconds a node may wait in clean wait before its cleaning fails; 0 waits forever.");
    public static final Opt<Integer> INSPECT_WAIT_TIMEOUT = Opt.integer("conductor", "inspect_wait_timeout", 1800, 0, 86400 * 7,
            "Seconds a node may wait in inspect wait before its inspection fails; 0 waits forever.");
    public static final Opt<Integer> RESCUE_CALLBACK_TIMEOUT = Opt.integer("conductor", "rescue_callback_timeout", 1800, 0, 86400 * 7,
            "Seconds a node may wait in rescue wait before its rescue fails; 0 waits forever.");
    public static final Opt<Boolean> ALLOW_DELETING_AVAILABLE_NODES = Opt.bool("conductor", "allow_deleting_available_nodes", true,
            "Allow deleting nodes in the available state.");
    public static final Opt<Boolean> ALLOW_PROVISIONING_IN_MAINTENANCE = Opt.bool("conductor", "allow_provisioning_in_maintenance", true,
            "Allow provide, clean and rescue on nodes in maintenance mode.");
    public static final Opt<String> CONDUCTOR_GROUP = Opt.str("conductor", "conductor_group", "", "Conductor group this conductor serves.");

    // [oslo_middleware]
    public static final Opt<Integer> MAX_REQUEST_BODY_SIZE = Opt.integer("oslo_middleware", "max_request_body_size", 114688, 1, Integer.MAX_VALUE, "Largest request body accepted, in bytes.");

    /** [fake] X_delay: simulated hardware latency of fake-hardware's interfaces, "N" or "A,B" seconds. */
    public static final Map<String, Opt<String>> FAKE_DELAYS = new LinkedHashMap<>();

    /** enabled_X_interfaces and default_X_interface for every interface type. */
    public static final Map<String, Opt<List<String>>> ENABLED_INTERFACES = new LinkedHashMap<>();
    public static final Map<String, Opt<String>> DEFAULT_INTERFACES = new LinkedHashMap<>();

    static {
        Map<String, String> enabled = Map.ofEntries(
                Map.entry("bios", "fake,redfish,no-bios"),
                Map.entry("boot", "fake,ipxe,pxe"),
                Map.entry("console", "fake,no-console"),
                Map.entry("deploy", "fake,direct,ramdisk"),
                Map.entry("inspect", "fake,redfish,no-inspect"),
                Map.entry("management", "fake,ipmitool,redfish,noop"),
                Map.entry("network", "flat,noop"),
                Map.entry("power", "fake,ipmitool,redfish"),
                Map.entry("raid", "fake,agent,no-raid"),
                Map.entry("rescue", "fake,no-rescue"),
                Map.entry("storage", "fake,noop"),
                Map.entry("vendor", "fake,ipmitool,redfish,no-vendor"));
        for (String t : INTERFACE_TYPES) {
            ENABLED_INTERFACES.put(t, Opt.list("DEFAULT", "enabled_" + t + "_interfaces", enabled.get(t), "Enabled " + t + " interfaces."));
            if (!t.equals("network")) {
                FAKE_DELAYS.put(t, Opt.str("fake", t + "_delay", "", "Seconds the fake " + t + " interface takes per operation."));
            }
            DEFAULT_INTERFACES.put(t, Opt.str("DEFAULT", "default_" + t + "_interface", "", "Default " + t + " interface for new nodes."));
        }
    }

    private Options() {
    }

    /** All declared options by section.name (here and in the per-driver sections), used to reject unknown ones. */
    public static Map<String, Opt<?>> all() {
        Map<String, Opt<?>> all = new LinkedHashMap<>();
        for (Class<?> declaring : List.of(Options.class, IpmiOptions.class, RedfishOptions.class)) {
            for (var f : declaring.getFields()) {
                if (f.getType() == Opt.class) {
                    try {
                        Opt<?> o = (Opt<?>) f.get(null);
                        all.put(o.key(), o);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        ENABLED_INTERFACES.values().forEach(o -> all.put(o.key(), o));
        DEFAULT_INTERFACES.values().forEach(o -> all.put(o.key(), o));
        FAKE_DELAYS.values().forEach(o -> all.put(o.key(), o));
        return all;
    }
}
