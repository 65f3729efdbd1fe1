package dev.ferrum.cmd;

import dev.ferrum.common.config.Config;
import dev.ferrum.common.config.ConfigException;
import dev.ferrum.db.Database;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferrum all | api | conductor | db upgrade}, each taking repeatable --config-file. */
@Command(name = "ferrum", mixinStandardHelpOptions = true, version = "ferrum 0.1.0",
        description = "Bare metal provisioning, wire-compatible with OpenStack Ironic's v1 API.",
        subcommands = {Main.All.class, Main.Api.class, Main.Conductor.class, Main.Db.class})
public final class Main {
    /** Options every subcommand takes. */
    static class ConfigOptions {
        @Option(names = "--config-file", paramLabel = "FILE", description = "INI file in ironic.conf format; repeatable, later files win.")
        List<Path> files = new ArrayList<>();

        Config load() {
            Config c = Config.load(files, Map.of());
            Logging.configure(c);
            return c;
        }
    }

    /** Starts a wiring, then serves until SIGTERM/SIGINT, when the shutdown hook stops everything in reverse. */
    static int serve(ConfigOptions opts, java.util.function.UnaryOperator<Wiring> start, String what) throws InterruptedException {
        Wiring w = new Wiring(opts.load());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            w.close();
            stop.countDown();
        }));
        try {
            start.apply(w);
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
        org.slf4j.LoggerFactory.getLogger(Main.class).info(what, w.apiPort());
        stop.await();
        return 0;
    }

    @Command(name = "all", description = "Run the API and a conductor in one process (embedded database by default).")
    static final class All implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOptions opts = new ConfigOptions();

        @Override
        public Integer call() throws InterruptedException {
            return serve(opts, Wiring::startAll, "Ferrum is serving the Ironic API on port {}");
        }
    }

    @Command(name = "api", description = "Run the REST API only; it reaches conductors over RabbitMQ (rpc_transport = amqp).")
    static final class Api implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOptions opts = new ConfigOptions();

        @Override
        public Integer call() throws InterruptedException {
            return serve(opts, Wiring::startApiOnly, "Ferrum API is serving the Ironic API on port {}");
        }
    }

    @Command(name = "conductor", description = "Run a conductor only; it takes work from RabbitMQ (rpc_transport = amqp).")
    static final class Conductor implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOptions opts = new ConfigOptions();

        @Override
        public Integer call() throws InterruptedException {
            return serve(opts, Wiring::startConductorOnly, "Ferrum conductor is running");
        }
    }

    @Command(name = "db", description = "Database maintenance.", subcommands = Db.Upgrade.class)
    static final class Db {
        @Command(name = "upgrade", description = "Apply pending schema migrations.")
        static final class Upgrade implements Callable<Integer> {
            @CommandLine.Mixin
            ConfigOptions opts = new ConfigOptions();

            @Override
            public Integer call() {
                try (Database db = Wiring.openDatabase(opts.load())) {
                    db.upgrade();
                    System.out.println("Database " + db.url() + " is up to date.");
                }
                return 0;
            }
        }
    }

    private Main() {
    }

    public static int run(String... args) {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof ConfigException) {
                        cmd.getErr().println("ferrum: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                })
                .execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
