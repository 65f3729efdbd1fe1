package dev.ferrum.cmd;

import dev.ferrum.api.ApiServer;
import dev.ferrum.api.Conductors;
import dev.ferrum.api.HttpBasicAuth;
import dev.ferrum.common.config.Config;
import dev.ferrum.common.config.ConfigException;
import dev.ferrum.common.config.Options;
import dev.ferrum.conductor.Allocations;
import dev.ferrum.conductor.ConductorManager;
import dev.ferrum.conductor.ConductorService;
import dev.ferrum.conductor.NodeManagement;
import dev.ferrum.conductor.PeriodicTasks;
import dev.ferrum.conductor.PowerSync;
import dev.ferrum.conductor.Recovery;
import dev.ferrum.conductor.TaskManager;
import dev.ferrum.conductor.Workers;
import dev.ferrum.db.Database;
import dev.ferrum.db.DatabaseUrl;
import dev.ferrum.db.Stores;
import dev.ferrum.drivers.DriverFactory;
import dev.ferrum.drivers.HardwareType;
import dev.ferrum.rpc.LocalConductorApi;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The whole object graph, built explicitly from the configuration. Closing it stops everything in reverse. */
public final class Wiring implements AutoCloseable {
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Config config;
    private Database database;
    private ApiServer api;
    private Stores stores;
    private PeriodicTasks periodic;

    public Wiring(Config config) {
        this.config = config;
    }

    public static Database openDatabase(Config config) {
        Path state = Path.of(config.get(Options.STATE_PATH));
        DatabaseUrl url;
        try {
            url = DatabaseUrl.parse(config.get(Options.DB_CONNECTION), state);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid [database]connection: " + e.getMessage());
        }
        if (url.dialect() == dev.ferrum.db.Dialect.H2) {
            try {
                Files.createDirectories(state);
            } catch (java.io.IOException e) {
                throw new ConfigException("Cannot create [DEFAULT]state_path " + state + ": " + e.getMessage());
            }
        }
        return new Database(url, config.get(Options.DB_MAX_POOL_SIZE));
    }

    /** API + conductor in one JVM with the in-process RPC transport. */
    public Wiring startAll() {
        checkAuthBinding();
        HttpBasicAuth auth = auth();
        DriverFactory drivers = new DriverFactory(config);
        database = track(openDatabase(config));
        database.upgrade();
        stores = new Stores(database);
        ConductorService conductor = new ConductorService(stores.conductors, hostname(), config.get(Options.CONDUCTOR_GROUP),
                drivers.enabledHardwareTypes().stream().map(HardwareType::name).toList(),
                Duration.ofSeconds(config.get(Options.HEARTBEAT_INTERVAL)));
        conductor.start();
        track(conductor);
        Conductors conductors = new Conductors(stores.conductors, Duration.ofSeconds(config.get(Options.HEARTBEAT_TIMEOUT)));
        Workers workers = track(new Workers(config.get(Options.WORKERS_POOL_SIZE),
                Duration.ofSeconds(config.get(Options.GRACEFUL_SHUTDOWN_TIMEOUT))));
        TaskManager tasks = new TaskManager(stores, drivers, workers, conductor.hostname(), Duration.ofSeconds(
                (long) config.get(Options.NODE_LOCKED_RETRY_ATTEMPTS) * config.get(Options.NODE_LOCKED_RETRY_INTERVAL)));
        Recovery.run(tasks);
        periodic = track(new PeriodicTasks(tasks, new PeriodicTasks.Settings(
                Duration.ofSeconds(config.get(Options.SYNC_POWER_STATE_INTERVAL)),
                Duration.ofSeconds(config.get(Options.POWER_FAILURE_RECOVERY_INTERVAL)),
                new PowerSync.Settings(config.get(Options.FORCE_POWER_STATE_DURING_SYNC), config.get(Options.SYNC_POWER_STATE_WORKERS),
                        config.get(Options.POWER_STATE_SYNC_MAX_RETRIES), Duration.ofSeconds(config.get(Options.POWER_STATE_SYNC_TIMEOUT))),
                Duration.ofSeconds(config.get(Options.CHECK_PROVISION_STATE_INTERVAL)),
                new PeriodicTasks.Timeouts(config.get(Options.DEPLOY_CALLBACK_TIMEOUT), config.get(Options.CLEAN_CALLBACK_TIMEOUT),
                        config.get(Options.INSPECT_WAIT_TIMEOUT), config.get(Options.RESCUE_CALLBACK_TIMEOUT)),
                Duration.ofSeconds(config.get(Options.SYNC_LOCAL_STATE_INTERVAL))),
                node -> conductors.ring().owner((String) node.get("uuid"), (String) node.get("driver"),
                        (String) node.get("conductor_group")).map(conductor.hostname()::equals).orElse(false),
                conductors::aliveHosts));
        periodic.start();
        Allocations allocations = track(new Allocations(stores));
        var rpc = new LocalConductorApi(new ConductorManager(stores, drivers, tasks, new ConductorManager.Settings(
                config.get(Options.AUTOMATED_CLEAN), config.get(Options.ALLOW_PROVISIONING_IN_MAINTENANCE)), allocations),
                new NodeManagement(tasks));
        allocations.resumeUnfinished();
        api = track(new ApiServer(new ApiServer.Settings(config.get(Options.API_HOST_IP), config.get(Options.API_PORT),
                config.get(Options.API_MAX_LIMIT), config.get(Options.MAX_REQUEST_BODY_SIZE),
                config.get(Options.API_PUBLIC_ENDPOINT), config.get(Options.DEFAULT_RESOURCE_CLASS),
                config.get(Options.DEFAULT_PORTGROUP_MODE), auth),
                stores, rpc, drivers, conductors)).start();
        return this;
    }

    /** The database of a started service (tests inspect and stage rows through it). */
    public Database database() {
        return database;
    }

    public int apiPort() {
        return api.port();
    }

    /** The conductor's periodic tasks (tests run a power sync round on demand). */
    public PeriodicTasks periodic() {
        return periodic;
    }

    /** The stores of the running process (for tests that set up state the API cannot, e.g. provision states). */
    public Stores stores() {
        return stores;
    }

    private HttpBasicAuth auth() {
        return switch (config.get(Options.AUTH_STRATEGY)) {
            case "http_basic" -> new HttpBasicAuth(Path.of(config.get(Options.HTTP_BASIC_AUTH_USER_FILE)));
            default -> null;
        };
    }

    /** noauth on a reachable address would hand every BMC to anyone on the network. */
    private void checkAuthBinding() {
        String host = config.get(Options.API_HOST_IP);
        if (!config.get(Options.AUTH_STRATEGY).equals("noauth") || config.get(Options.API_ALLOW_INSECURE_NOAUTH)) {
            return;
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException("Invalid [api]host_ip '" + host + "': " + e.getMessage());
        }
        if (!loopback) {
            throw new ConfigException("Refusing to serve the API without authentication on non-loopback address " + host
                    + ": set [DEFAULT]auth_strategy = http_basic, bind [api]host_ip to 127.0.0.1, or force it with "
                    + "[api]allow_insecure_noauth = true");
        }
    }

    private String hostname() {
        String h = config.get(Options.HOST);
        if (!h.isEmpty()) {
            return h;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private <T extends AutoCloseable> T track(T c) {
        started.add(c);
        return c;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        started.clear();
    }
}
