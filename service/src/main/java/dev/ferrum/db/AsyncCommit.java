package dev.ferrum.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleListener;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's side of {@link Durability}: a handle opened within either of its scopes runs with
 * {@code synchronous_commit} off, so its commits are visible at once and reach the disk with the WAL writer
 * (within {@code wal_writer_delay}) instead of each waiting for a flush. Only a crash of PostgreSQL itself could
 * lose them; a crash of Ferrum cannot. An answer's scope ends with one synchronous commit
 * ({@link Database#awaitDurable}), whose flush covers all the WAL before it. Every other handle commits
 * synchronously, as the server is configured.
 *
 * <p>A pooled connection keeps its session setting, so the setting changes only when a connection passes from one
 * kind of handle to the other: one SET, far cheaper than the flush it saves.
 */
final class AsyncCommit implements HandleListener, StatementCustomizer {
    /** Physical connections whose session has synchronous_commit off; weak, as the pool may retire them. */
    private final Set<Object> asynchronous = Collections.newSetFromMap(Collections.synchronizedMap(new WeakHashMap<>()));

    static void install(Jdbi jdbi) {
        AsyncCommit ac = new AsyncCommit();
        jdbi.getConfig(Handles.class).addListener(ac);
        jdbi.getConfig(SqlStatements.class).addCustomizer(ac);
    }

    @Override
    public void afterExecution(PreparedStatement stmt, StatementContext ctx) {
        Durability.noteWriteInAnswer(ctx.getRenderedSql());
    }

    @Override
    public void handleCreated(Handle handle) {
        boolean deferred = Durability.isLater();
        Object physical = physical(handle.getConnection());
        if (deferred != asynchronous.contains(physical)) {
            // RESET: back to what the server (or the role) configures, not a value of ours.
            handle.execute(deferred ? "SET synchronous_commit TO off" : "RESET synchronous_commit");
            if (deferred) {
                asynchronous.add(physical);
            } else {
                asynchronous.remove(physical);
            }
        }
    }

    private static Object physical(Connection c) {
        try {
            return c.unwrap(PGConnection.class);
        } catch (SQLException e) {
            throw new IllegalStateException("not a PostgreSQL connection", e);
        }
    }
}
