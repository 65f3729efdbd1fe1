package dev.ferrum.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleListener;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's side of {@link Durability}: a handle opened within {@link Durability#deferred} runs with
 * {@code synchronous_commit} off, so its commits are visible at once and reach the disk with the WAL writer
 * (within {@code wal_writer_delay}) instead of each waiting for a flush. Only a crash of PostgreSQL itself could
 * lose them; a crash of Ferrum cannot. Every other handle commits synchronously, as the server is configured.
 *
 * <p>A pooled connection keeps its session setting, so the setting changes only when a connection passes from one
 * kind of handle to the other: one SET, far cheaper than the flush it saves.
 */
final class AsyncCommit implements HandleListener {
    /** Physical connections whose session has synchronous_commit off; weak, as the pool may retire them. */
    private final Set<Object> asynchronous = Collections.newSetFromMap(Collections.synchronizedMap(new WeakHashMap<>()));

    static void install(Jdbi jdbi) {
        jdbi.getConfig(Handles.class).addListener(new AsyncCommit());
    }

    @Override
    public void handleCreated(Handle handle) {
        boolean deferred = Durability.isDeferred();
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
