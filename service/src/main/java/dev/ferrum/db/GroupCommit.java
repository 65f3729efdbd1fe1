package dev.ferrum.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
    /**
     * How long a deferred write's store may wait for company. Why: a store serializes every page changed since the
     * last one (a node row's leaf, its indexes' leaves, the paths to their roots), so a worker's writes stored one
     * store each cost ~30 % of the server's CPU in a lifecycle run and grew the file by tens of MB/s. Deferred
     * writes ride the next store a waiting writer asks for, or this long after the first of them at the latest.
     */
    private static final long DEFERRED_STORE_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private long requested;
    /** The highest ticket a handle waits for; the flusher stores at once while it is ahead of {@code stored}. */
    private long awaited;
    /** System.nanoTime() of the first deferred request not stored yet, or 0. */
    private long deferredSince;
    private long waited;
    private long stored;
    private long stores;
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
        if (Durability.changesData(ctx.getRenderedSql())) {
            wrote.add(ctx.getConnection());
        }
    }

    @Override
    public void handleClosed(Handle handle) {
        if (wrote.remove(handle.getConnection())) {
            if (Durability.isDeferred()) {
                requestStore(true);
            } else if (!Durability.wroteInAnswer()) {
                awaitStored();
            }
        }
    }

    /** Asks for a store (soon, if deferred) and returns at once; the ticket is the store's number. */
    private long requestStore(boolean deferred) {
        lock.lock();
        try {
            long ticket = ++requested;
            if (!deferred) {
                awaited = ticket;
            } else if (deferredSince == 0) {
                deferredSince = System.nanoTime();
            }
            changed.signalAll();
            return ticket;
        } finally {
            lock.unlock();
        }
    }

    /** How many stores the flusher has made. */
    long stores() {
        lock.lock();
        try {
            return stores;
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
        long ticket = requestStore(false);
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
                while (!closed && awaited <= stored) {
                    if (deferredSince == 0) {
                        changed.awaitUninterruptibly();
                        continue;
                    }
                    long left = deferredSince + DEFERRED_STORE_DELAY_NANOS - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        changed.awaitNanos(left);
                    } catch (InterruptedException e) {
                        // only close() stops the flusher
                    }
                }
                if (closed) {
                    return;
                }
                target = requested;
                deferredSince = 0;
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
                stores++;
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
