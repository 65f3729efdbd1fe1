package dev.ferrum.conductor;

import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.db.Stores;
import dev.ferrum.drivers.DriverFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;

/**
 * Node locks, as Ironic's task manager takes them: an exclusive lock is the node row's {@code reservation}
 * column set to this conductor's host by a conditional UPDATE, so exactly one conductor (and one task)
 * changes a node at a time across every process sharing the database. A shared lock only reads.
 */
public final class TaskManager {
    private static final Duration POLL = Duration.ofMillis(50);
    private final Stores stores;
    private final DriverFactory drivers;
    private final Workers workers;
    private final String host;
    private final Duration lockWait;

    /**
     * @param lockWait how long to keep retrying a held lock before answering NodeLocked
     *                 ({@code node_locked_retry_attempts × node_locked_retry_interval})
     */
    public TaskManager(Stores stores, DriverFactory drivers, Workers workers, String host, Duration lockWait) {
        this.stores = Objects.requireNonNull(stores);
        this.drivers = Objects.requireNonNull(drivers);
        this.workers = Objects.requireNonNull(workers);
        this.host = Objects.requireNonNull(host);
        this.lockWait = Objects.requireNonNull(lockWait);
    }

    public Stores stores() {
        return stores;
    }

    public DriverFactory drivers() {
        return drivers;
    }

    public Workers workers() {
        return workers;
    }

    public String host() {
        return host;
    }

    /** Takes the node's exclusive lock, waiting up to the lock wait; 409 NodeLocked if another holder keeps it. */
    public Task acquire(String nodeUuid, String purpose) {
        long deadline = System.nanoTime() + lockWait.toNanos();
        while (true) {
            Optional<Map<String, Object>> reserved = reserve(nodeUuid);
            if (reserved.isPresent()) {
                return new Task(this, reserved.get(), false, purpose);
            }
            Map<String, Object> node = stores.nodes.get("uuid", nodeUuid).orElseThrow(() -> nodeNotFound(nodeUuid));
            if (System.nanoTime() >= deadline) {
                throw FerrumException.nodeLocked(nodeUuid, node.get("reservation"));
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FerrumException(ErrorCode.INTERNAL, "Interrupted while waiting for the lock of node " + nodeUuid);
            }
        }
    }

    /** Reads the node without locking it, for actions that do not change it. */
    public Task acquireShared(String nodeUuid, String purpose) {
        Map<String, Object> node = stores.nodes.get("uuid", nodeUuid).orElseThrow(() -> nodeNotFound(nodeUuid));
        return new Task(this, node, true, purpose);
    }

    /**
     * Takes the lock if it is free. {@code COALESCE(reservation, '') = ''} rather than {@code reservation IS NULL}:
     * on a PostgreSQL table without statistics (autovacuum off, or just after a bulk load) the planner may pick the
     * reservation index for IS NULL and walk every unlocked node's entry to find one uuid; seen at 110,000 nodes,
     * where each lock cost ~50 ms of database CPU. A hostname is never empty. Returns the node as locked, or
     * empty when another holder has it (or it is gone).
     */
    private Optional<Map<String, Object>> reserve(String nodeUuid) {
        return stores.nodes.updateWhere(nodeUuid, "reservation = ?", "COALESCE(reservation, '') = ''", host);
    }

    /** Takes a lock away from a holder that cannot finish (this host after a restart, or a dead conductor). */
    boolean releaseHeldBy(String nodeUuid, String holder) {
        return stores.db.jdbi().withHandle(h -> h.createUpdate(
                "UPDATE nodes SET reservation = NULL WHERE uuid = ? AND reservation = ?").bind(0, nodeUuid).bind(1, holder)
                .execute()) == 1;
    }

    void release(String nodeUuid) {
        stores.db.jdbi().useHandle(h -> h.createUpdate("UPDATE nodes SET reservation = NULL WHERE uuid = ? AND reservation = ?")
                .bind(0, nodeUuid).bind(1, host).execute());
    }

    static FerrumException nodeNotFound(String uuid) {
        return FerrumException.notFound("Node %s could not be found.", uuid);
    }
}
