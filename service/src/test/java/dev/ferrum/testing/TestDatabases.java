package dev.ferrum.testing;

import dev.ferrum.db.Database;
import dev.ferrum.db.DatabaseUrl;
import dev.ferrum.db.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty database on one engine, dropped on close: H2 in a temporary directory; on PostgreSQL and
 * MariaDB a uniquely named database ({@code ferrum_t_<random>}) created through an admin connection and
 * reached through the SQLAlchemy-style URL an operator would write in {@code [database]connection}.
 *
 * <p>An unreachable server skips the test, unless {@code FERRUM_REQUIRE_ALL=1} (as in CI), which fails it.
 */
public final class TestDatabases implements AutoCloseable {
    static final String REQUIRE_ALL = "FERRUM_REQUIRE_ALL";
    private static final String HOST = "127.0.0.1";
    private static final Map<Engine, String> UNREACHABLE = new ConcurrentHashMap<>();

    private final Engine engine;
    private final String name;
    private final Path h2Dir;
    private final String connection;
    private final Database database;

    private TestDatabases(Engine engine, String name, Path h2Dir, String connection) {
        this.engine = engine;
        this.name = name;
        this.h2Dir = h2Dir;
        this.connection = connection;
        this.database = new Database(DatabaseUrl.parse(connection, h2Dir == null ? Path.of("unused") : h2Dir), 4);
    }

    /** An empty, migrated database. */
    public static TestDatabases fresh(Engine engine) {
        TestDatabases t = empty(engine);
        try {
            t.database.upgrade();
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    /** An empty database with no schema at all. */
    public static TestDatabases empty(Engine engine) {
        String name = "ferrum_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (engine == Engine.H2) {
            try {
                return new TestDatabases(engine, name, Files.createTempDirectory(name), "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        requireReachable(engine);
        admin(engine, "CREATE DATABASE " + name);
        try {
            return new TestDatabases(engine, name, null, sqlalchemyUrl(engine, name));
        } catch (RuntimeException e) {
            admin(engine, dropSql(engine, name));
            throw e;
        }
    }

    public Engine engine() {
        return engine;
    }

    /** The {@code [database]connection} value this database was opened with ("" for H2). */
    public String connection() {
        return connection;
    }

    /** The database's own name (on H2, the temporary directory's). */
    public String name() {
        return name;
    }

    public Database database() {
        return database;
    }

    public Stores stores() {
        return new Stores(database);
    }

    /** Whether the database still exists: the H2 directory, or the server's catalogue entry. */
    public boolean exists() {
        if (engine == Engine.H2) {
            return Files.exists(h2Dir);
        }
        String sql = engine == Engine.POSTGRESQL
                ? "SELECT 1 FROM pg_database WHERE datname = '" + name + "'"
                : "SELECT 1 FROM information_schema.schemata WHERE schema_name = '" + name + "'";
        try (Connection c = adminConnection(engine); Statement s = c.createStatement()) {
            return s.executeQuery(sql).next();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        database.close();
        if (engine == Engine.H2) {
            deleteTree(h2Dir);
        } else {
            admin(engine, dropSql(engine, name));
        }
    }

    static String sqlalchemyUrl(Engine engine, String db) {
        return switch (engine) {
            case H2 -> "";
            case POSTGRESQL -> "postgresql+psycopg2://postgres@" + HOST + "/" + db;
            case MARIADB -> "mysql+pymysql://root:@" + HOST + "/" + db;
        };
    }

    /** Skips the calling test when the engine's server cannot be reached, or fails it if all are required. */
    static void requireReachable(Engine engine) {
        String why = UNREACHABLE.computeIfAbsent(engine, e -> {
            try (Connection c = adminConnection(e)) {
                return "";
            } catch (SQLException ex) {
                return ex.getMessage();
            }
        });
        if (!why.isEmpty()) {
            unavailable(engine, why, "1".equals(System.getenv(REQUIRE_ALL)));
        }
    }

    static void unavailable(Engine engine, String why, boolean requireAll) {
        String msg = engine + " is not reachable on " + HOST + ": " + why;
        if (requireAll) {
            throw new AssertionError(msg + " (" + REQUIRE_ALL + "=1 requires every engine)");
        }
        Assumptions.abort(msg + " (skipped; set " + REQUIRE_ALL + "=1 to make this a failure)");
    }

    private static String dropSql(Engine engine, String name) {
        return engine == Engine.POSTGRESQL ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)" : "DROP DATABASE IF EXISTS " + name;
    }

    private static void admin(Engine engine, String sql) {
        try (Connection c = adminConnection(engine); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(engine + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    private static Connection adminConnection(Engine engine) throws SQLException {
        return switch (engine) {
            case POSTGRESQL -> DriverManager.getConnection("jdbc:postgresql://" + HOST + ":5432/postgres?connectTimeout=5", "postgres", "");
            case MARIADB -> DriverManager.getConnection("jdbc:mariadb://" + HOST + ":3306/?connectTimeout=5000", "root", "");
            case H2 -> throw new IllegalArgumentException("H2 needs no server");
        };
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return engine.name().toLowerCase(Locale.ROOT) + ":" + name;
    }
}
