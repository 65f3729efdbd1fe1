package dev.ferrum.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.jdbc.JdbcConnection;
import org.h2.engine.SessionLocal;
import org.h2.mvstore.MVStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleListener;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/**
 * Group commit for the embedded H2 database: a handle that wrote returns only once its changes are in the file,
 * so kill -9 loses nothing that was acknowledged, yet one store of the MVStore covers every transaction committed
 * meanwhile.
 *
 * <p>Why: with H2's {@code WRITE_DELAY=0} each commit writes a chunk of its own (pages, chunk metadata, free-space
 * bookkeeping), which cost more than half of the server's CPU under load. Here H2 keeps its background writer and
 * a single flusher thread stores on demand: writers that commit while a store is running all ride the next one.
 * A store writes to the OS (no fsync), exactly what {@code WRITE_DELAY=0} did: it survives a process crash.
 */
final class GroupCommit implements HandleListener, StatementCustomizer, AutoCloseable {
    private final MVStore store;
    /** Connections whose handle wrote since it was opened (Hikari's proxies compare by identity). */
    private final Set<Connection> wrote = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long requested;
    private long waited;
    private long stored;
    private boolean closed;
    private final Thread flusher;

    private GroupCommit(MVStore store) {
        this.store = store;
        this.flusher = Thread.ofPlatform().daemon().name("h2-group-commit").start(this::flushLoop);
    }

    /** Installs group commit on {@code jdbi}, whose connections must be embedded H2 ones. */
    static GroupCommit install(Jdbi jdbi) {
        MVStore store = jdbi.withHandle(h -> {
            try {
                SessionLocal session = (SessionLocal) h.getConnection().unwrap(JdbcConnection.class).getSession();
                return session.getDatabase().getStore().getMvStore();
            } catch (SQLException e) {
                throw new IllegalStateException("not an embedded H2 connection", e);
            }
        });
        GroupCommit gc = new GroupCommit(store);
        jdbi.getConfig(SqlStatements.class).addCustomizer(gc);
        jdbi.getConfig(Handles.class).addListener(gc);
        return gc;
    }

    MVStore store() {
        return store;
    }

    /** How many stores handles have asked for (waiting, or deferred: {@link Durability}). */
    long requested() {
        lock.lock();
        try {
            return requested;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void afterExecution(java.sql.PreparedStatement stmt, StatementContext ctx) {
        if (isWrite(ctx.getRenderedSql())) {
            wrote.add(ctx.getConnection());
        }
    }

    static boolean isWrite(String sql) {
        String s = sql == null ? "" : sql.stripLeading();
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        String verb = s.substring(0, end).toUpperCase(Locale.ROOT);
        return !verb.equals("SELECT") && !verb.equals("WITH") && !verb.equals("VALUES");
    }

    @Override
    public void handleClosed(Handle handle) {
        if (wrote.remove(handle.getConnection())) {
            if (Durability.isDeferred()) {
                requestStore();
            } else {
                awaitStored();
            }
        }
    }

    /** Asks for a store and returns at once; the ticket is the store's number. */
    private long requestStore() {
        lock.lock();
        try {
            long ticket = ++requested;
            changed.signalAll();
            return ticket;
        } finally {
            lock.unlock();
        }
    }

    /** How many times a handle has waited for a store. */
    long waited() {
        lock.lock();
        try {
            return waited;
        } finally {
            lock.unlock();
        }
    }

    /** Returns once a store that began after this call has finished. */
    void awaitStored() {
        long ticket = requestStore();
        lock.lock();
        try {
            waited++;
            while (stored < ticket && !closed) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    private void flushLoop() {
        while (true) {
            long target;
            lock.lock();
            try {
                while (requested == stored && !closed) {
                    changed.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                target = requested;
            } finally {
                lock.unlock();
            }
            try {
                if (!store.isClosed()) {
                    store.commit();
                }
            } catch (RuntimeException e) {
                // The store failed or is closing: waiters go on (their data is committed in memory), and the
                // next commit or H2's background writer tries again.
            }
            lock.lock();
            try {
                stored = target;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
