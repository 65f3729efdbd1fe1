package dev.ferrum.conductor;

import dev.ferrum.common.FerrumException;
import dev.ferrum.common.States;
import dev.ferrum.db.Condition;
import dev.ferrum.db.ListQuery;
import dev.ferrum.db.ObjectStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conductor's periodic tasks: power state sync (parallel, optionally forcing the recorded state onto
 * the hardware) and wait-state timeouts that fail nodes whose callback never came.
 */
public final class PeriodicTasks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicTasks.class);
    /** States whose power state is in flux or meaningless; the sync leaves them alone. */
    private static final List<String> SYNC_EXCLUDED = List.of(States.ENROLL, States.DEPLOY_WAIT, States.CLEAN_WAIT,
            States.RESCUE_WAIT, States.INSPECT_WAIT, States.ADOPTING, States.VERIFYING);

    /** Timeouts of the wait states, in seconds (0 = never). */
    public record Timeouts(int deployCallback, int cleanCallback, int inspectWait, int rescueCallback) {
    }

    /** What the periodic tasks need from configuration. */
    public record Settings(Duration powerSyncInterval, boolean forcePowerState, int powerSyncWorkers,
                           Duration provisionCheckInterval, Timeouts timeouts) {
    }

    private final TaskManager tasks;
    private final Settings settings;
    private final Predicate<Map<String, Object>> mine;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("conductor-periodic").daemon().factory());

    /** @param mine whether this conductor is responsible for a node (its hash ring share) */
    public PeriodicTasks(TaskManager tasks, Settings settings, Predicate<Map<String, Object>> mine) {
        this.tasks = tasks;
        this.settings = settings;
        this.mine = mine;
    }

    public void start() {
        schedule(settings.powerSyncInterval(), this::syncPowerStates);
        schedule(settings.provisionCheckInterval(), this::checkTimeouts);
    }

    private void schedule(Duration every, Runnable job) {
        if (every.isZero()) {
            return;
        }
        timer.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.warn("Periodic task failed: {}", e.toString());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Compares each idle node's recorded power state with the hardware's, in parallel. */
    public void syncPowerStates() {
        int workers = settings.powerSyncWorkers();
        Semaphore parallel = new Semaphore(workers);
        // A page of rows at a time and only uuids kept: every row of a 100,000-node inventory at once is hundreds of MB.
        tasks.stores().nodes.forEachPage(List.of(new Condition.Eq("maintenance", false),
                new Condition.IsNull("reservation", true)), 1000, node -> {
            if (SYNC_EXCLUDED.contains(node.get("provision_state")) || !mine.test(node)) {
                return;
            }
            String uuid = (String) node.get("uuid");
            parallel.acquireUninterruptibly();
            Thread.ofVirtual().start(() -> {
                try {
                    syncPowerState(uuid);
                } finally {
                    parallel.release();
                }
            });
        });
        parallel.acquireUninterruptibly(workers); // every sync of this round has finished
        parallel.release(workers);
    }

    private void syncPowerState(String uuid) {
        try (Task look = tasks.acquireShared(uuid, "power state sync")) {
            String seen = look.driver().power().getPowerState(look);
            if (seen == null || seen.equals(look.node().get("power_state"))) {
                return; // the common case needs no lock
            }
        } catch (RuntimeException e) {
            LOG.debug("Power sync of node {} skipped: {}", uuid, e.getMessage());
            return;
        }
        try (Task task = tasks.acquire(uuid, "power state sync")) {
            String recorded = (String) task.node().get("power_state");
            String actual = task.driver().power().getPowerState(task);
            if (actual == null || actual.equals(recorded)) {
                return;
            }
            if (recorded != null && settings.forcePowerState()) {
                LOG.warn("Node {}: power state is '{}' but '{}' is recorded; forcing it back", uuid, actual, recorded);
                task.driver().power().setPowerState(task, recorded, null);
                task.history("monitoring", "WARNING", "Power state was " + actual + "; forced back to " + recorded);
            } else {
                LOG.warn("Node {}: power state changed out of band from '{}' to '{}'", uuid, recorded, actual);
                task.save("power_state", actual);
                task.history("monitoring", "WARNING", "Power state changed out of band from " + recorded + " to " + actual);
            }
        } catch (FerrumException e) {
            LOG.debug("Power sync of node {} skipped: {}", uuid, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Power sync of node {} failed: {}", uuid, e.toString());
        }
    }

    /** Fails nodes that waited in a wait state longer than its timeout. */
    public void checkTimeouts() {
        var t = settings.timeouts();
        failStale(States.DEPLOY_WAIT, t.deployCallback(), task -> Deployments.fail(task,
                "Timeout reached while waiting for callback for node " + task.uuid()));
        failStale(States.CLEAN_WAIT, t.cleanCallback(), task -> Cleaning.fail(task, "Timeout reached while cleaning the node. "
                + "Please check if the ramdisk responsible for the cleaning is running on the node. Failed on step "
                + task.node().get("clean_step") + ".", true));
        failStale(States.INSPECT_WAIT, t.inspectWait(), task -> task.processEvent("fail", null,
                "Timeout reached while inspecting the node", null));
        failStale(States.RESCUE_WAIT, t.rescueCallback(), task -> task.processEvent("fail", null,
                "Timeout reached while waiting for rescue ramdisk callback for node " + task.uuid(), null));
    }

    private void failStale(String state, int timeoutSeconds, java.util.function.Consumer<Task> fail) {
        if (timeoutSeconds <= 0) {
            return;
        }
        var before = ObjectStore.now().minusSeconds(timeoutSeconds);
        List<Map<String, Object>> stale = tasks.stores().nodes.list(new ListQuery(List.of(
                new Condition.Eq("provision_state", state), new Condition.IsNull("reservation", true),
                new Condition.Sql("provision_updated_at < ?", List.of(before))), "id", false, 0, null));
        for (Map<String, Object> node : stale) {
            if (!mine.test(node)) {
                continue;
            }
            try (Task task = tasks.acquire((String) node.get("uuid"), "wait state timeout")) {
                if (state.equals(task.provisionState())) {
                    fail.accept(task);
                }
            } catch (FerrumException e) {
                LOG.debug("Timeout check of node {} skipped: {}", node.get("uuid"), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
