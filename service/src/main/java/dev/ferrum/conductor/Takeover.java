package dev.ferrum.conductor;

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

    /** @return how many nodes this conductor took over from dead ones */
    public int run() {
        Set<String> alive = aliveHosts.get();
        List<Map<String, Object>> locked = tasks.stores().nodes.list(new ListQuery(
                List.of(new Condition.IsNull("reservation", false)), "id", false, 0, null));
        int taken = 0;
        int failed = 0;
        for (Map<String, Object> node : locked) {
            String holder = (String) node.get("reservation");
            if (holder == null || holder.equals(tasks.host()) || alive.contains(holder) || !mine.test(node)) {
                continue;
            }
            taken++;
            String why = "was interrupted: conductor " + holder + " stopped heartbeating while it held the node, and conductor "
                    + tasks.host() + " took the node over";
            if (Recovery.recover(tasks, node, holder, why, "conductor " + holder + " going offline")) {
                failed++;
            }
        }
        if (taken > 0) {
            LOG.warn("Conductor {} took over {} node(s) locked by dead conductors; {} moved to a failed state", tasks.host(),
                    taken, failed);
        }
        return taken;
    }
}
