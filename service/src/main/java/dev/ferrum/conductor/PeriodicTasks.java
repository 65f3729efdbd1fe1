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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conductor's periodic tasks: power state sync and power failure recovery ({@link PowerSync}), wait-state
 * timeouts that fail nodes whose callback never came, and the takeover of nodes dead conductors held ({@link Takeover}).
 */
public final class PeriodicTasks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicTasks.class);

    /** Timeouts of the wait states, in seconds (0 = never). */
    public record Timeouts(int deployCallback, int cleanCallback, int inspectWait, int rescueCallback) {
    }

    /** What the periodic tasks need from configuration. */
    public record Settings(Duration powerSyncInterval, Duration powerFailureRecoveryInterval, PowerSync.Settings powerSync,
                           Duration provisionCheckInterval, Timeouts timeouts, Duration takeoverInterval) {
    }

    private final TaskManager tasks;
    private final Settings settings;
    private final Predicate<Map<String, Object>> mine;
    private final PowerSync powerSync;
    private final Takeover takeover;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("conductor-periodic").daemon().factory());

    /**
     * @param mine       whether this conductor is responsible for a node (its hash ring share)
     * @param aliveHosts the conductors alive now, whose locks are respected by the takeover
     */
    public PeriodicTasks(TaskManager tasks, Settings settings, Predicate<Map<String, Object>> mine,
                         java.util.function.Supplier<java.util.Set<String>> aliveHosts) {
        this.tasks = tasks;
        this.settings = settings;
        this.mine = mine;
        this.powerSync = new PowerSync(tasks, settings.powerSync(), mine);
        this.takeover = new Takeover(tasks, aliveHosts, mine);
    }

    public Takeover takeover() {
        return takeover;
    }

    public PowerSync powerSync() {
        return powerSync;
    }

    public void start() {
        schedule(settings.powerSyncInterval(), powerSync::syncPowerStates);
        schedule(settings.powerFailureRecoveryInterval(), powerSync::recoverPowerFailures);
        schedule(settings.provisionCheckInterval(), this::checkTimeouts);
        schedule(settings.takeoverInterval(), takeover::run);
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
        powerSync.close();
    }
}
