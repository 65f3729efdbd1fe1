package dev.ferrum.conductor;

import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.States;
import dev.ferrum.db.NodeAllocationStore.Reservation;
import dev.ferrum.db.Stores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Allocations on the conductor (Ironic's conductor/allocations.py): a new allocation is stored in state
 * {@code allocating} and matched to a node in the background; backfilling links an already deployed
 * node at once. Deleting an allocation frees its node.
 */
public final class Allocations implements AutoCloseable {
    public static final String ALLOCATING = "allocating";
    public static final String ERROR = "error";
    private static final Logger LOG = LoggerFactory.getLogger(Allocations.class);
    /** Transitional states in which Ironic lets a node with a target state be updated (UPDATE_ALLOWED_STATES). */
    private static final Set<String> UPDATE_ALLOWED = Set.of("deploy failed", States.INSPECTING, "inspect failed",
            States.INSPECT_WAIT, "clean failed", "error", States.VERIFYING, States.ADOPT_FAILED, "rescue failed", "unrescue failed");

    private final Stores stores;
    private final ExecutorService executor;
    private final int lockedRetryAttempts;
    private final Duration lockedRetryInterval;
    private final AllocationCandidates candidates;

    /** Processes on virtual threads; a locked node is retried 3 times, 1 s apart (Ironic's node_locked_retry_*). */
    public Allocations(Stores stores) {
        this(stores, Executors.newVirtualThreadPerTaskExecutor(), 3, Duration.ofSeconds(1));
    }

    /**
     * @param executor runs the matching of new allocations; tests may pass their own to observe it
     */
    public Allocations(Stores stores, ExecutorService executor, int lockedRetryAttempts, Duration lockedRetryInterval) {
        this.stores = Objects.requireNonNull(stores);
        this.executor = Objects.requireNonNull(executor);
        this.lockedRetryAttempts = Math.max(1, lockedRetryAttempts);
        this.lockedRetryInterval = Objects.requireNonNull(lockedRetryInterval);
        this.candidates = new AllocationCandidates(stores);
    }

    /**
     * Stores a new allocation. With {@code node_uuid} set it is a backfill, done now; otherwise the
     * allocation is returned in state {@code allocating} and matched in the background.
     */
    public Map<String, Object> create(Map<String, Object> values) {
        String nodeUuid = (String) values.get("node_uuid");
        if (nodeUuid != null) {
            return backfill(values, nodeUuid);
        }
        Map<String, Object> v = new HashMap<>(values);
        v.put("state", ALLOCATING);
        Map<String, Object> row = stores.allocations.insert(v);
        submit((String) row.get("uuid"));
        return row;
    }

    /** Picks up allocations a previous run left in {@code allocating} (a crash or a stop mid-way). */
    public void resumeUnfinished() {
        stores.nodeAllocations.unfinished().forEach(this::submit);
    }

    /** Deletes an allocation, refusing when its node is active or busy (unless in maintenance), as Ironic. */
    public void destroy(String uuid) {
        Map<String, Object> allocation = stores.allocations.get("uuid", uuid)
                .orElseThrow(() -> FerrumException.notFound("Allocation %s could not be found.", uuid));
        Object nodeUuid = allocation.get("node_uuid");
        if (nodeUuid != null) {
            // the caller (ConductorManager.destroyAllocation) holds the node's lock
            stores.nodes.get("uuid", nodeUuid).ifPresent(node -> verifyDeallocation(node, uuid));
        }
        if (!stores.nodeAllocations.destroy(uuid)) {
            throw FerrumException.notFound("Allocation %s could not be found.", uuid);
        }
        LOG.info("Deleted allocation {}", uuid);
    }

    /** Ironic's rule: a node in maintenance can always lose its allocation; else not while active or busy. */
    static void verifyDeallocation(Map<String, Object> node, String allocationUuid) {
        if (Boolean.TRUE.equals(node.get("maintenance"))) {
            return;
        }
        Object state = node.get("provision_state");
        if (node.get("target_provision_state") != null && !UPDATE_ALLOWED.contains(state)) {
            throw new FerrumException(ErrorCode.INVALID_STATE, "Cannot remove allocation " + allocationUuid + " for node "
                    + node.get("uuid") + ", because the node is in state " + state + " where updates are not allowed "
                    + "(and maintenance mode is off)");
        }
        if (States.ACTIVE.equals(state)) {
            throw new FerrumException(ErrorCode.INVALID_STATE, "Cannot remove allocation " + allocationUuid + " for node "
                    + node.get("uuid") + ", because the node is active (and maintenance mode is off)");
        }
    }

    private Map<String, Object> backfill(Map<String, Object> values, String nodeUuid) {
        // No task lock: the backfill's conditional UPDATE only takes a node with no reservation, so it never
        // changes a node another action holds, and the checks below are repeated inside it.
        Map<String, Object> node = stores.nodes.get("uuid", nodeUuid)
                .orElseThrow(() -> FerrumException.invalid("Node %s could not be found.", nodeUuid));
        List<String> errors = new ArrayList<>();
        if (!States.ACTIVE.equals(node.get("provision_state"))) {
            errors.add("Node must be in the \"active\" state, but the current state is \"" + node.get("provision_state") + "\"");
        }
        Object rc = values.get("resource_class");
        if (rc != null && !rc.equals(node.get("resource_class"))) {
            errors.add("Resource class " + node.get("resource_class") + " does not match the requested resource class " + rc);
        }
        List<String> traits = AllocationCandidates.strings(values.get("traits"));
        List<String> nodeTraits = stores.traits.forNodes(List.of(nodeUuid)).getOrDefault(nodeUuid, List.of());
        if (!nodeTraits.containsAll(traits)) {
            List<String> missing = new ArrayList<>(new LinkedHashSet<>(traits));
            missing.removeAll(nodeTraits);
            errors.add("The node's traits " + nodeTraits + " lack the requested traits " + missing);
        }
        List<String> wanted = AllocationCandidates.strings(values.get("candidate_nodes"));
        if (!wanted.isEmpty() && !wanted.contains(nodeUuid)) {
            errors.add("Candidate nodes must be empty or contain the target node, but got " + wanted);
        }
        if (!errors.isEmpty()) {
            throw FerrumException.invalid("Cannot backfill an allocation for node %s: %s.", nodeUuid, String.join("; ", errors));
        }
        Map<String, Object> v = new HashMap<>(values);
        v.put("state", States.ACTIVE);
        v.put("resource_class", rc != null ? rc : node.get("resource_class"));
        Map<String, Object> row = stores.nodeAllocations.backfill(v, nodeUuid);
        LOG.info("Node {} has been backfilled into allocation {}", nodeUuid, row.get("uuid"));
        return row;
    }

    private void submit(String uuid) {
        try {
            executor.execute(() -> process(uuid));
        } catch (RejectedExecutionException e) {
            // Stopping: the allocation stays in "allocating" and is resumed on the next start.
            LOG.warn("Allocation {} not processed: the conductor is stopping", uuid);
        }
    }

    /** Never throws: every failure ends in state error with last_error. */
    void process(String uuid) {
        try {
            allocate(uuid);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping; resumed on the next start
        } catch (RuntimeException e) {
            LOG.error("Unexpected exception while processing allocation {}", uuid, e);
            stores.nodeAllocations.fail(uuid, "Unexpected exception during allocation: " + e.getMessage());
        }
    }

    private void allocate(String uuid) throws InterruptedException {
        Map<String, Object> allocation = stores.allocations.get("uuid", uuid).orElse(null);
        if (allocation == null || !ALLOCATING.equals(allocation.get("state"))) {
            return;
        }
        AllocationCandidates.Found found = candidates.find(allocation);
        if (found.failure() != null) {
            fail(uuid, found.failure());
            return;
        }
        // Parallel allocations must not try nodes in the same order; a node named like the allocation goes first.
        List<Map<String, Object>> shuffled = new ArrayList<>(found.nodes());
        Collections.shuffle(shuffled, ThreadLocalRandom.current());
        Object name = allocation.get("name");
        if (name != null) {
            shuffled.stream().filter(n -> name.equals(n.get("name"))).findFirst().ifPresent(n -> {
                shuffled.remove(n);
                shuffled.addFirst(n);
            });
        }
        List<Map<String, Object>> nodes = shuffled;
        for (int attempt = 1; ; attempt++) {
            List<String> locked = new ArrayList<>();
            for (Map<String, Object> node : nodes) {
                String nodeUuid = (String) node.get("uuid");
                // The conditional UPDATE is the lock: it takes the node only while no action reserves it and every
                // match condition still holds, so it needs no task of its own.
                switch (stores.nodeAllocations.reserve(allocation, nodeUuid)) {
                    case RESERVED -> {
                        LOG.info("Node {} has been reserved for allocation {}", nodeUuid, uuid);
                        return;
                    }
                    case ALLOCATION_GONE -> {
                        return;
                    }
                    case LOCKED -> locked.add(nodeUuid);
                    case UNAVAILABLE -> LOG.debug("Node {} no longer suits allocation {}", nodeUuid, uuid);
                }
            }
            if (locked.isEmpty()) {
                fail(uuid, candidates.explain(allocation, "all nodes were filtered out during reservation",
                        found.nodes().stream().map(n -> (String) n.get("uuid")).toList()));
                return;
            }
            if (attempt >= lockedRetryAttempts) {
                fail(uuid, candidates.explain(allocation, "could not reserve any of " + locked.size() + " suitable nodes", locked));
                return;
            }
            nodes = nodes.stream().filter(n -> locked.contains((String) n.get("uuid"))).toList();
            Thread.sleep(lockedRetryInterval);
        }
    }

    private void fail(String uuid, String error) {
        LOG.error(error);
        stores.nodeAllocations.fail(uuid, error);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
