package dev.ferrum.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/** The connection pool, schema migrations and Jdbi handle for one database. */
public final class Database implements AutoCloseable {
    private final DatabaseUrl url;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    /** Embedded H2 only: acknowledged writes reach the file in shared stores (see GroupCommit). */
    private final GroupCommit groupCommit;
    /** PostgreSQL only: the synchronous commit that makes answers' asynchronous commits durable, shared. */
    private final SharedFlush walFlush;

    public Database(DatabaseUrl url, int maxPoolSize) {
        this.url = Objects.requireNonNull(url);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            hc.setUsername(url.user());
        }
        if (url.password() != null) {
            hc.setPassword(url.password());
        }
        hc.setMaximumPoolSize(maxPoolSize);
        hc.setMinimumIdle(Math.min(2, maxPoolSize));
        hc.setPoolName("ferrum-db");
        hc.setConnectionTimeout(10_000);
        if (url.dialect() == Dialect.MARIADB) {
            // As Ironic does: never let a non-strict server silently truncate or coerce a value.
            hc.setConnectionInitSql("SET SESSION sql_mode = 'TRADITIONAL'");
        }
        this.dataSource = new HikariDataSource(hc);
        this.jdbi = Jdbi.create(dataSource);
        this.groupCommit = url.dialect() == Dialect.H2 && !url.jdbcUrl().startsWith("jdbc:h2:mem:")
                ? GroupCommit.install(jdbi) : null;
        if (url.dialect() == Dialect.POSTGRESQL) {
            AsyncCommit.install(jdbi);
            // In one round trip, and synchronous only locally: the pooled session stays asynchronous, as the
            // answers' handles want it, instead of a SET and a RESET around the flush.
            this.walFlush = new SharedFlush(() -> Durability.deferred(() -> jdbi.useHandle(h -> h.execute(
                    "BEGIN; SET LOCAL synchronous_commit TO on; SELECT pg_logical_emit_message(true, 'ferrum', ''); COMMIT"))));
        } else {
            this.walFlush = null;
        }
    }

    /** Applies pending Flyway migrations; safe to run on every start and from several processes. */
    public void upgrade() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(url.dialect().placeholders())
                .load()
                .migrate();
        if (groupCommit != null) {
            groupCommit.awaitStored();
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Returns once every write committed on this thread so far is durable: ends an answer's scope that wrote
     * ({@link Durability#endAnswer}). On H2, a store that began after them; on PostgreSQL, a synchronous commit begun
     * after them, whose WAL flush covers the asynchronous commits before it, shared by the answers that end
     * meanwhile ({@link SharedFlush}). It has to write WAL of its own to flush at
     * all (a bare transaction id, {@code txid_current()}, does not): a transactional logical message does, touches
     * no table and needs no privilege. MariaDB's commits were durable already.
     */
    public void awaitDurable() {
        if (groupCommit != null) {
            groupCommit.awaitStored();
        } else if (walFlush != null) {
            walFlush.await();
        }
    }

    /** The embedded H2 file database's group commit, or null. */
    GroupCommit groupCommit() {
        return groupCommit;
    }

    public Dialect dialect() {
        return url.dialect();
    }

    public DatabaseUrl url() {
        return url;
    }

    @Override
    public void close() {
        if (groupCommit != null) {
            groupCommit.close();
        }
        dataSource.close();
    }
}
