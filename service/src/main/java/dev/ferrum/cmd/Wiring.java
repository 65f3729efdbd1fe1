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
import dev.ferrum.common.FerrumException;
import dev.ferrum.rpc.AmqpConductorApi;
import dev.ferrum.rpc.Broker;
import dev.ferrum.rpc.ConductorApi;
import dev.ferrum.rpc.HashRingRouter;
import dev.ferrum.rpc.LocalConductorApi;
import dev.ferrum.rpc.RpcClient;
import dev.ferrum.rpc.RpcServer;
import dev.ferrum.rpc.TransportUrl;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The whole object graph, built explicitly from the configuration. Closing it stops everything in reverse. */
public final class Wiring implements AutoCloseable {
    /** The shared queue every conductor consumes; {@code <topic>.<host>} is one conductor's own. */
    static final String TOPIC = "ferrum.conductor";
    /** Requests one conductor holds unacknowledged; each is a short validation, so this bounds memory, not work. */
    private static final int RPC_PREFETCH = 64;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Config config;
    private Database database;
    private ApiServer api;
    private Stores stores;
    private Conductors conductors;
    private PeriodicTasks periodic;
    private Broker broker;

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

    /** API + conductor in one JVM: in-process RPC by default; with amqp the conductor also serves other API processes. */
    public Wiring startAll() {
        checkAuthBinding();
        HttpBasicAuth auth = auth();
        ConductorApi local = startConductor();
        startApi(amqp() ? amqpClient() : local, auth);
        return this;
    }

    /** {@code ferrum api}: the REST API alone, reaching conductors over RabbitMQ. */
    public Wiring startApiOnly() {
        requireSplitSetup("api");
        checkAuthBinding();
        HttpBasicAuth auth = auth();
        openSharedDatabase();
        startApi(amqpClient(), auth);
        return this;
    }

    /** {@code ferrum conductor}: registers, heartbeats, runs periodic tasks and serves RPC from the queues. */
    public Wiring startConductorOnly() {
        requireSplitSetup("conductor");
        startConductor();
        return this;
    }

    private void openSharedDatabase() {
        if (database == null) {
            database = track(openDatabase(config));
            database.upgrade(); // several processes may start at once: Flyway's database lock serialises them
            stores = new Stores(database);
            conductors = new Conductors(stores.conductors, Duration.ofSeconds(config.get(Options.HEARTBEAT_TIMEOUT)));
        }
    }

    private ConductorApi startConductor() {
        DriverFactory drivers = new DriverFactory(config);
        openSharedDatabase();
        ConductorService conductor = new ConductorService(stores.conductors, hostname(), config.get(Options.CONDUCTOR_GROUP),
                drivers.enabledHardwareTypes().stream().map(HardwareType::name).toList(),
                Duration.ofSeconds(config.get(Options.HEARTBEAT_INTERVAL)));
        conductor.start();
        track(conductor);
        Workers workers = track(new Workers(config.get(Options.WORKERS_POOL_SIZE),
                Duration.ofSeconds(config.get(Options.GRACEFUL_SHUTDOWN_TIMEOUT))));
        TaskManager tasks = new TaskManager(stores, drivers, workers, conductor.hostname(), Duration.ofSeconds(
                (long) config.get(Options.NODE_LOCKED_RETRY_ATTEMPTS) * config.get(Options.NODE_LOCKED_RETRY_INTERVAL)));
        Recovery.run(tasks);
        Conductors members = conductors;
        periodic = track(new PeriodicTasks(tasks, new PeriodicTasks.Settings(
                Duration.ofSeconds(config.get(Options.SYNC_POWER_STATE_INTERVAL)),
                Duration.ofSeconds(config.get(Options.POWER_FAILURE_RECOVERY_INTERVAL)),
                new PowerSync.Settings(config.get(Options.FORCE_POWER_STATE_DURING_SYNC), config.get(Options.SYNC_POWER_STATE_WORKERS),
                        config.get(Options.POWER_STATE_SYNC_MAX_RETRIES), Duration.ofSeconds(config.get(Options.POWER_STATE_SYNC_TIMEOUT))),
                Duration.ofSeconds(config.get(Options.CHECK_PROVISION_STATE_INTERVAL)),
                new PeriodicTasks.Timeouts(config.get(Options.DEPLOY_CALLBACK_TIMEOUT), config.get(Options.CLEAN_CALLBACK_TIMEOUT),
                        config.get(Options.INSPECT_WAIT_TIMEOUT), config.get(Options.RESCUE_CALLBACK_TIMEOUT)),
                Duration.ofSeconds(config.get(Options.SYNC_LOCAL_STATE_INTERVAL))),
                node -> members.ring().owner((String) node.get("uuid"), (String) node.get("driver"),
                        (String) node.get("conductor_group")).map(conductor.hostname()::equals).orElse(false),
                members::aliveHosts));
        periodic.start();
        Allocations allocations = track(new Allocations(stores));
        var local = new LocalConductorApi(new ConductorManager(stores, drivers, tasks, new ConductorManager.Settings(
                config.get(Options.AUTOMATED_CLEAN), config.get(Options.ALLOW_PROVISIONING_IN_MAINTENANCE)), allocations),
                new NodeManagement(tasks));
        allocations.resumeUnfinished();
        if (amqp()) {
            // tracked last, so closed first: no new request is taken while the rest shuts down
            track(new RpcServer(broker("conductor"), TOPIC, conductor.hostname(), local, RPC_PREFETCH).start());
        }
        return local;
    }

    private void startApi(ConductorApi rpc, HttpBasicAuth auth) {
        api = track(new ApiServer(new ApiServer.Settings(config.get(Options.API_HOST_IP), config.get(Options.API_PORT),
                config.get(Options.API_MAX_LIMIT), config.get(Options.MAX_REQUEST_BODY_SIZE),
                config.get(Options.API_PUBLIC_ENDPOINT), config.get(Options.DEFAULT_RESOURCE_CLASS),
                config.get(Options.DEFAULT_PORTGROUP_MODE), auth),
                stores, rpc, new DriverFactory(config), conductors)).start();
    }

    private boolean amqp() {
        return !config.get(Options.RPC_TRANSPORT).equals("none");
    }

    private ConductorApi amqpClient() {
        RpcClient client = track(new RpcClient(broker("api"), TOPIC, Duration.ofSeconds(config.get(Options.RPC_RESPONSE_TIMEOUT))));
        Stores s = stores;
        return new AmqpConductorApi(client, new HashRingRouter(uuid -> s.nodes.get("uuid", uuid), conductors::ring));
    }

    private Broker broker(String role) {
        if (broker == null) {
            TransportUrl url;
            try {
                url = TransportUrl.parse(config.get(Options.TRANSPORT_URL));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("Invalid [DEFAULT]transport_url: " + e.getMessage());
            }
            try {
                broker = track(new Broker(url, "ferrum-" + role + "@" + hostname()));
            } catch (FerrumException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        return broker;
    }

    /** Separate processes share their state: refuse a setup where they could not see each other. */
    private void requireSplitSetup(String command) {
        if (!amqp()) {
            throw new ConfigException("'ferrum " + command + "' talks to the other processes over RabbitMQ: set [DEFAULT]rpc_transport = amqp "
                    + "and [DEFAULT]transport_url = rabbit://user:password@host:5672/ (or run 'ferrum all' for one process)");
        }
        DatabaseUrl url;
        try {
            url = DatabaseUrl.parse(config.get(Options.DB_CONNECTION), Path.of(config.get(Options.STATE_PATH)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid [database]connection: " + e.getMessage());
        }
        boolean h2Server = url.jdbcUrl().startsWith("jdbc:h2:tcp:") || url.jdbcUrl().startsWith("jdbc:h2:ssl:");
        if (url.dialect() == dev.ferrum.db.Dialect.H2 && !h2Server) {
            throw new ConfigException("'ferrum " + command + "' shares one database with the API and the other conductors: set "
                    + "[database]connection to a PostgreSQL or MariaDB URL (e.g. postgresql+psycopg2://ironic:password@db/ironic); "
                    + "the embedded H2 database serves only 'ferrum all'");
        }
    }

    /** The database of a started service (tests inspect and stage rows through it). */
    public Database database() {
        return database;
    }

    public int apiPort() {
        return api == null ? -1 : api.port();
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
