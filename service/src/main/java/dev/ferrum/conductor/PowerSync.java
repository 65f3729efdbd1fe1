package dev.ferrum.conductor;

import dev.ferrum.common.FerrumException;
import dev.ferrum.common.States;
import dev.ferrum.db.Condition;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Power state sync with many BMCs (Ironic's {@code _sync_power_states} and {@code _power_failure_recovery}).
 *
 * <p>Each node's BMC is read on its own virtual thread, at most {@code workers} at once, and every read has a
 * deadline: a BMC that never answers costs one slot for {@code callTimeout}, never the whole round. A node whose
 * read is still hanging from an earlier round is skipped. Reads that fail, time out or answer {@code error} are
 * counted per node; only after more than {@code maxRetries} of them in a row does the node go to maintenance
 * with fault {@code power failure}. A failed read never leads to a power action: the recorded state is forced
 * onto the hardware only after a read that succeeded showed a mismatch, under the node's lock, re-read.
 * The recovery pass takes such nodes out of maintenance once their BMC answers again.
 */
public final class PowerSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PowerSync.class);
    public static final String POWER_FAILURE = "power failure";
    /** States whose power state is in flux or meaningless; the sync leaves them alone. */
    private static final Set<String> EXCLUDED = Set.of(States.ENROLL, States.DEPLOY_WAIT, States.CLEAN_WAIT,
            States.RESCUE_WAIT, States.INSPECT_WAIT, States.ADOPTING, States.VERIFYING);
    private static final int PAGE = 1000;

    /** @param callTimeout deadline of one BMC read; {@code maxRetries} failures in a row are tolerated */
    public record Settings(boolean forcePowerState, int workers, int maxRetries, Duration callTimeout) {
    }

    private final TaskManager tasks;
    private final Settings settings;
    private final Predicate<Map<String, Object>> mine;
    /** Consecutive failed or mismatching reads per node, kept in memory as Ironic does; a success clears it. */
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    /** Nodes whose BMC read has not returned yet (possibly from an earlier round). */
    private final Set<String> reading = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger failedReads = new java.util.concurrent.atomic.AtomicInteger();
    private final ExecutorService readers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("power-read-", 0).factory());

    public PowerSync(TaskManager tasks, Settings settings, Predicate<Map<String, Object>> mine) {
        this.tasks = tasks;
        this.settings = settings;
        this.mine = mine;
    }

    /** What one round did: nodes looked at, how many of their reads failed, and how long it took. */
    public record Round(int nodes, int failedReads, Duration took) {
    }

    /** One round over every idle node this conductor owns; returns when each read has answered or timed out. */
    public Round syncPowerStates() {
        long start = System.nanoTime();
        int before = failedReads.get();
        int nodes = forEachOwned(List.of(new Condition.Eq("maintenance", false), new Condition.IsNull("reservation", true),
                new Condition.IsNull("target_power_state", true)), this::sync);
        Round r = new Round(nodes, failedReads.get() - before, Duration.ofNanos(System.nanoTime() - start));
        if (nodes > 0) {
            LOG.info("Power sync: {} nodes in {} ms, {} failed reads", nodes, r.took().toMillis(), r.failedReads());
        }
        return r;
    }

    /** Takes nodes out of maintenance whose power failure has gone: their BMC answers again. */
    public void recoverPowerFailures() {
        forEachOwned(List.of(new Condition.Eq("maintenance", true), new Condition.Eq("fault", POWER_FAILURE),
                new Condition.IsNull("reservation", true)), this::recover);
    }

    /** How many reads of a node failed in a row (0 when the last one succeeded). */
    public int failureCount(String nodeUuid) {
        return failures.getOrDefault(nodeUuid, 0);
    }

    private int forEachOwned(List<Condition> where, java.util.function.Consumer<Map<String, Object>> job) {
        int workers = settings.workers();
        int[] count = {0};
        Semaphore parallel = new Semaphore(workers);
        // A page of rows at a time: every row of a 100,000-node inventory at once is hundreds of MB.
        tasks.stores().nodes.forEachPage(where, PAGE, node -> {
            if (EXCLUDED.contains(node.get("provision_state")) || !mine.test(node) || reading.contains(node.get("uuid"))) {
                return;
            }
            count[0]++;
            parallel.acquireUninterruptibly();
            Thread.ofVirtual().start(() -> {
                try {
                    job.accept(node);
                } catch (RuntimeException e) {
                    LOG.warn("Power sync of node {} failed: {}", node.get("uuid"), e.toString());
                } finally {
                    parallel.release();
                }
            });
        });
        parallel.acquireUninterruptibly(workers); // every job of this round has finished
        parallel.release(workers);
        return count[0];
    }

    private void sync(Map<String, Object> row) {
        String uuid = (String) row.get("uuid");
        Read seen = read(new Task(tasks, row, true, "power state sync"));
        if (seen.failure() == null && seen.state().equals(row.get("power_state"))) {
            failures.remove(uuid); // the common case: in step, no lock, no write
            return;
        }
        try (Task task = tasks.acquire(uuid, "power state sync")) {
            if (!idle(task)) {
                return; // changed while we read; the next round looks again
            }
            Read actual = seen.failure() == null ? read(task) : seen; // re-read under the lock before acting
            String recorded = (String) task.node().get("power_state");
            if (actual.failure() == null && actual.state().equals(recorded)) {
                failures.remove(uuid);
                return;
            }
            if (actual.failure() == null && recorded == null) {
                failures.remove(uuid); // nothing recorded yet: the hardware is the truth
                task.save("power_state", actual.state());
                return;
            }
            int count = failures.merge(uuid, 1, Integer::sum);
            if (count > settings.maxRetries()) {
                powerFailure(task, actual, count);
            } else if (actual.failure() != null) {
                LOG.warn("Power sync of node {}: could not read the power state (attempt {} of {}): {}", uuid, count,
                        settings.maxRetries(), actual.failure());
            } else if (settings.forcePowerState()) {
                force(task, recorded, actual.state());
            } else {
                failures.remove(uuid);
                LOG.warn("Node {}: power state changed out of band from '{}' to '{}'", uuid, recorded, actual.state());
                task.save("power_state", actual.state());
                task.history("monitoring", "WARNING", "Power state changed out of band from " + recorded + " to " + actual.state());
            }
        } catch (FerrumException e) {
            LOG.debug("Power sync of node {} skipped: {}", uuid, e.getMessage());
        }
    }

    private void force(Task task, String recorded, String actual) {
        LOG.warn("Node {}: power state is '{}' but '{}' is recorded; forcing it back", task.uuid(), actual, recorded);
        try {
            task.driver().power().setPowerState(task, recorded, null);
            task.history("monitoring", "WARNING", "Power state was " + actual + "; forced back to " + recorded);
        } catch (RuntimeException e) {
            LOG.warn("Node {}: forcing power state '{}' failed: {}", task.uuid(), recorded, e.toString());
        }
    }

    /** The BMC stopped answering (or keeps disagreeing): maintenance with a fault, and why, in one write. */
    private void powerFailure(Task task, Read actual, int count) {
        String why = actual.failure() != null
                ? "the BMC did not give a power state " + count + " times in a row; last error: " + actual.failure()
                : "the hardware stayed '" + actual.state() + "' instead of the recorded '" + task.node().get("power_state")
                  + "' after " + (count - 1) + " attempts to correct it";
        String msg = "Power state sync of node " + task.uuid() + " failed: " + why + ". The node is in maintenance until "
                + "its BMC answers again (power failure recovery), or an operator takes it out.";
        Map<String, Object> changes = new HashMap<>();
        changes.put("power_state", actual.failure() == null ? actual.state() : null);
        changes.put("maintenance", true);
        changes.put("maintenance_reason", msg);
        changes.put("fault", POWER_FAILURE);
        changes.put("last_error", msg);
        task.save(changes);
        task.history("monitoring", "ERROR", msg);
        LOG.error("Node {}: {}", task.uuid(), msg);
    }

    private void recover(Map<String, Object> row) {
        String uuid = (String) row.get("uuid");
        Read seen = read(new Task(tasks, row, true, "power failure recovery"));
        if (seen.failure() != null) {
            LOG.debug("Node {} still has a power failure: {}", uuid, seen.failure());
            return;
        }
        try (Task task = tasks.acquire(uuid, "power failure recovery")) {
            if (!Boolean.TRUE.equals(task.node().get("maintenance")) || !POWER_FAILURE.equals(task.node().get("fault"))) {
                return; // an operator dealt with it meanwhile
            }
            failures.remove(uuid);
            Map<String, Object> changes = new HashMap<>();
            changes.put("power_state", seen.state());
            changes.put("maintenance", false);
            changes.put("maintenance_reason", null);
            changes.put("fault", null);
            task.save(changes);
            String msg = "Power failure recovered: the BMC answers again (power state " + seen.state() + "); maintenance unset.";
            task.history("monitoring", "INFO", msg);
            LOG.info("Node {}: {}", uuid, msg);
        } catch (FerrumException e) {
            LOG.debug("Power failure recovery of node {} skipped: {}", uuid, e.getMessage());
        }
    }

    private static boolean idle(Task task) {
        return !Boolean.TRUE.equals(task.node().get("maintenance")) && task.node().get("target_power_state") == null
                && !EXCLUDED.contains(task.provisionState());
    }

    /** A power state, or why none could be read. */
    private record Read(String state, String failure) {
    }

    /** Reads the BMC on its own thread with a deadline, so a hung BMC costs its caller callTimeout at most. */
    private Read read(Task task) {
        Read r = readWithDeadline(task);
        if (r.failure() != null) {
            failedReads.incrementAndGet();
        }
        return r;
    }

    private Read readWithDeadline(Task task) {
        String uuid = task.uuid();
        if (!reading.add(uuid)) {
            return new Read(null, "an earlier power state read is still waiting for the BMC");
        }
        Future<String> f;
        try {
            f = readers.submit(() -> {
                try {
                    return task.driver().power().getPowerState(task);
                } finally {
                    reading.remove(uuid);
                }
            });
        } catch (RuntimeException e) {
            reading.remove(uuid);
            throw e;
        }
        try {
            String state = f.get(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (state == null || States.ERROR.equals(state)) {
                return new Read(null, "the power interface reported power state '" + state + "'");
            }
            return new Read(state, null);
        } catch (TimeoutException e) {
            f.cancel(true); // interrupts the blocked read; the node stays in `reading` until it really returns
            return new Read(null, "no answer from the BMC within " + settings.callTimeout().toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            return new Read(null, c instanceof FerrumException fe ? fe.getMessage() : String.valueOf(c));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            return new Read(null, "interrupted");
        }
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
