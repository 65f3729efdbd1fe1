package dev.ferrum.conductor;

import dev.ferrum.common.States;
import dev.ferrum.db.Condition;
import dev.ferrum.db.ListQuery;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a conductor stops heartbeating, the hash ring (built from alive conductors) hands its nodes to the
 * survivors; this periodic task makes them usable: each survivor takes the locks the dead conductor still held on
 * the nodes it now owns, fails the operations that died with it (a deploy or cleaning cannot resume without the
 * thread that ran it) and drops its pending power actions, each with a last_error naming both conductors.
 * Nodes in wait states hold no lock and simply continue with their new owner (callbacks, timeouts).
 */
public final class Takeover {
    private static final Logger LOG = LoggerFactory.getLogger(Takeover.class);
    private final TaskManager tasks;
    private final Supplier<Set<String>> aliveHosts;
    private final Predicate<Map<String, Object>> mine;

    /**
     * @param aliveHosts the conductors whose heartbeat is within [conductor]heartbeat_timeout
     * @param mine       whether this conductor owns a node on the hash ring
     */
    public Takeover(TaskManager tasks, Supplier<Set<String>> aliveHosts, Predicate<Map<String, Object>> mine) {
        this.tasks = tasks;
        this.aliveHosts = aliveHosts;
        this.mine = mine;
    }

    /** @return how many nodes this conductor took over: locked by dead conductors, or active and prepared elsewhere */
    public int run() {
        Set<String> alive = aliveHosts.get();
        List<Map<String, Object>> locked = tasks.stores().nodes.list(new ListQuery(
                List.of(new Condition.IsNull("reservation", false)), "id", false, 0, null));
        Set<String> taken = new java.util.HashSet<>();
        int failed = 0;
        for (Map<String, Object> node : locked) {
            String holder = (String) node.get("reservation");
            if (holder == null || holder.equals(tasks.host()) || alive.contains(holder) || !mine.test(node)) {
                continue;
            }
            taken.add((String) node.get("uuid"));
            String why = "was interrupted: conductor " + holder + " stopped heartbeating while it held the node, and conductor "
                    + tasks.host() + " took the node over";
            if (Recovery.recover(tasks, node, holder, why, "conductor " + holder + " going offline")) {
                failed++;
            }
        }
        if (!taken.isEmpty()) {
            LOG.warn("Conductor {} took over {} node(s) locked by dead conductors; {} moved to a failed state", tasks.host(),
                    taken.size(), failed);
        }
        return takeOverActive(taken).size();
    }

    /**
     * Active nodes this conductor owns whose boot another conductor prepared (it died, or the ring moved them):
     * prepare their boot here, as Ironic's take over does, since a network-booting instance's boot files live
     * on the conductor that wrote them. A node that is busy, or whose driver fails, is tried again next round.
     */
    private Set<String> takeOverActive(Set<String> taken) {
        int active = 0;
        for (String uuid : Affinity.strangers(tasks)) {
            var node = tasks.stores().nodes.get("uuid", uuid);
            if (node.isEmpty() || !mine.test(node.get())) {
                continue;
            }
            try (Task task = tasks.acquire(uuid, "node take over")) {
                if (!States.ACTIVE.equals(task.provisionState())) {
                    continue;
                }
                task.driver().boot().prepareInstance(task);
                task.driver().deploy().takeOver(task);
                Affinity.claim(task);
                taken.add(uuid);
                active++;
            } catch (RuntimeException e) { // NodeLocked, or the driver failed: next round
                LOG.warn("Conductor {} could not take over active node {}: {}", tasks.host(), uuid, e.getMessage());
            }
        }
        if (active > 0) {
            LOG.info("Conductor {} took over {} active node(s) whose boot another conductor had prepared", tasks.host(), active);
        }
        return taken;
    }
}
