package dev.ferrum.conductor;

import dev.ferrum.common.FerrumException;
import dev.ferrum.common.ProvisionMachine;
import dev.ferrum.db.HistoryStore;
import dev.ferrum.db.ObjectStore;
import dev.ferrum.db.Stores;
import dev.ferrum.drivers.Driver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One action on one node under its lock (Ironic's TaskManager context): the node as read when the lock was
 * taken, its driver, and work to continue in a conductor worker after the request returns. The lock passes
 * to that worker and is released when it ends, so a node is never left locked by a finished action.
 */
public final class Task implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Task.class);
    private final TaskManager manager;
    private final Map<String, Object> node;
    private final boolean shared;
    private final String purpose;
    private Driver driver;
    private Workers.Slot slot;
    private Runnable work;
    private boolean closed;
    /** Whether the request part has ended and a conductor worker runs the rest. */
    private boolean inWorker;
    /** Changes and history events not written yet: they ride this task's next write, or the release of its lock. */
    private final Map<String, Object> staged = new HashMap<>();
    private final List<ObjectStore.Row> stagedHistory = new ArrayList<>();

    Task(TaskManager manager, Map<String, Object> node, boolean shared, String purpose) {
        this.manager = manager;
        this.node = new HashMap<>(node);
        this.shared = shared;
        this.purpose = purpose;
    }

    /** The node's fields; drivers may change values in memory, {@link #save} writes them. */
    public Map<String, Object> node() {
        return node;
    }

    public String uuid() {
        return (String) node.get("uuid");
    }

    public String provisionState() {
        return (String) node.get("provision_state");
    }

    public boolean shared() {
        return shared;
    }

    public String purpose() {
        return purpose;
    }

    public Stores stores() {
        return manager.stores();
    }

    public String host() {
        return manager.host();
    }

    public Driver driver() {
        if (driver == null) {
            driver = manager.drivers().driverFor(node);
        }
        return driver;
    }

    /** A copy of a JSON object field (driver_internal_info, instance_info, ...) to change and {@link #save}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> jsonField(String field) {
        Object v = node.get(field);
        if (v == null || (v instanceof com.fasterxml.jackson.databind.JsonNode j && j.isNull())) {
            return new java.util.LinkedHashMap<>();
        }
        return new java.util.LinkedHashMap<>(dev.ferrum.common.Json.MAPPER.convertValue(v, Map.class));
    }

    /** Writes fields of the node (and keeps the in-memory copy in step), with whatever is staged. */
    public void save(Map<String, Object> changes) {
        requireExclusive();
        node.putAll(changes);
        write(changes, null, false);
    }

    /**
     * Changes to write with this task's next write, or with the release of its lock at the latest (one statement
     * for both): for a flow's last changes, after which nothing slow happens.
     */
    public void stage(Map<String, Object> changes) {
        requireExclusive();
        node.putAll(changes);
        staged.putAll(changes);
    }

    /** One write of the node: {@code changes}, what is staged, and {@code event} in its history; releases if asked. */
    private void write(Map<String, Object> changes, HistoryStore.Event event, boolean release) {
        Map<String, Object> all = new HashMap<>(staged);
        all.putAll(changes);
        List<ObjectStore.Row> rows = new ArrayList<>(stagedHistory);
        if (event != null) {
            rows.add(HistoryStore.row(event));
        }
        staged.clear();
        stagedHistory.clear();
        manager.stores().nodes.update(uuid(), all, rows, release ? host() : null);
    }

    public void save(String field, Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put(field, value);
        save(m);
    }

    /** Raises an event of the provision state machine with no follow-up work. */
    public void processEvent(String event) {
        processEvent(event, null, null, null);
    }

    /**
     * Moves the node along the state machine. With {@code work}, a worker slot is reserved first (503 if none,
     * before anything changes) and the work runs after the request part of the task ends.
     *
     * @param explicitTarget the target provision state when it is not the new state's own (manual cleaning)
     * @param lastError      the node's last_error after the transition (null clears it when work is queued)
     */
    public void processEvent(String event, String explicitTarget, String lastError, Runnable work) {
        requireExclusive();
        String from = provisionState();
        String to = ProvisionMachine.next(from, event).orElseThrow(() -> FerrumException.invalidStateRequested(event, uuid(), from));
        if (work != null) {
            reserveWorker();
        }
        Map<String, Object> changes = new HashMap<>();
        changes.put("provision_state", to);
        changes.put("target_provision_state", ProvisionMachine.targetAfter(to, (String) node.get("target_provision_state"),
                explicitTarget, work != null));
        changes.put("provision_updated_at", ObjectStore.now());
        if (work != null || lastError != null) {
            changes.put("last_error", lastError);
        }
        // an abort asked for by the operator is not an error, though it lands in a failed state
        boolean failed = !event.equals("abort") && (to.endsWith("failed") || to.equals("error") || lastError != null);
        String text = lastError != null ? lastError
                : "Provision state changed from \"" + from + "\" to \"" + to + "\" (" + event + ")";
        HistoryStore.Event historyEvent = event(eventType(from, to), failed ? "ERROR" : "INFO", text);
        node.putAll(changes);
        if (inWorker && changes.get("target_provision_state") == null) {
            // A worker's flow ends where the node settles: the transition rides the release of the lock.
            staged.putAll(changes);
            stagedHistory.add(HistoryStore.row(historyEvent));
        } else {
            write(changes, historyEvent, false);
        }
        this.work = work;
        if (failed) {
            LOG.error("Node {} moved to provision state \"{}\" from \"{}\": {}", uuid(), to, from, lastError);
        } else {
            LOG.info("Node {} moved to provision state \"{}\" from \"{}\"; target \"{}\"", uuid(), to, from,
                    changes.get("target_provision_state"));
        }
    }

    /** Queues work for a conductor worker without a state change (power actions). */
    public void spawnAfter(Runnable work) {
        requireExclusive();
        reserveWorker();
        this.work = work;
    }

    /**
     * Records a node history event: under an exclusive lock with the task's next write of the node (or the
     * release), otherwise at once.
     */
    public void history(String eventType, String severity, String event) {
        HistoryStore.Event e = event(eventType, severity, event);
        if (!shared) {
            stagedHistory.add(HistoryStore.row(e));
            return;
        }
        try {
            manager.stores().history.record(e);
        } catch (RuntimeException ex) {
            LOG.warn("Could not record history of node {}: {}", uuid(), ex.getMessage());
        }
    }

    private HistoryStore.Event event(String eventType, String severity, String text) {
        return new HistoryStore.Event(uuid(), host(), eventType, severity, text, null);
    }

    /**
     * Reserves the worker slot for work queued later in this task (idempotent). Actions that write the node
     * before raising their event call it first, so a full pool (503) leaves nothing half-written.
     */
    void reserveWorker() {
        if (slot == null) {
            slot = manager.workers().reserve();
        }
    }

    private void requireExclusive() {
        if (shared) {
            throw new IllegalStateException("a shared task cannot change node " + uuid());
        }
    }

    /** Hands queued work and the lock to a worker, or releases the lock. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (work == null || shared) {
            if (slot != null) {
                slot.release();
            }
            if (!shared) {
                releaseLock();
            }
            return;
        }
        Runnable w = work;
        inWorker = true;
        slot.run(() -> {
            try {
                w.run();
            } catch (Throwable t) {
                failSafely(t);
            } finally {
                releaseLock();
            }
        });
    }

    /** Releases the lock, in one statement with what is staged if anything is. */
    private void releaseLock() {
        if (staged.isEmpty() && stagedHistory.isEmpty()) {
            manager.release(uuid());
            return;
        }
        try {
            write(Map.of(), null, true);
        } catch (RuntimeException e) {
            LOG.error("Node {}: could not write the end of {}; releasing its lock", uuid(), purpose, e);
            manager.release(uuid());
        }
    }

    /** Last resort when a worker's flow throws: a node in a transient state moves to its failed state. */
    private void failSafely(Throwable t) {
        String message = t instanceof FerrumException f ? f.getMessage()
                : "Unexpected error while " + purpose + ": " + t;
        LOG.error("Node {}: {} failed", uuid(), purpose, t);
        try {
            if (!staged.isEmpty() || !stagedHistory.isEmpty()) {
                write(Map.of(), null, false); // what the flow staged before it threw did happen
            }
            Map<String, Object> fresh = manager.stores().nodes.get("uuid", uuid()).orElse(null);
            if (fresh == null) {
                return;
            }
            node.putAll(fresh);
            if (ProvisionMachine.actionable(provisionState(), "fail")) {
                processEvent("fail", null, message, null);
            } else {
                save("last_error", message);
                history("conductor", "ERROR", message);
            }
        } catch (RuntimeException e) {
            LOG.error("Node {}: could not record the failure of {}", uuid(), purpose, e);
        }
    }

    /** Ironic's node history event types. */
    static String eventType(String from, String to) {
        for (String s : new String[] {to, from}) {
            switch (s) {
                case "deploying", "wait call-back", "deploy failed", "deploy hold" -> {
                    return "deploying";
                }
                case "cleaning", "clean wait", "clean failed", "clean hold" -> {
                    return "cleaning";
                }
                case "inspecting", "inspect wait", "inspect failed" -> {
                    return "introspection";
                }
                case "rescuing", "rescue wait", "rescue failed", "rescue", "unrescuing", "unrescue failed" -> {
                    return "rescue";
                }
                case "adopting", "adopt failed" -> {
                    return "adoption";
                }
                case "verifying" -> {
                    return "verify";
                }
                case "deleting", "error" -> {
                    return "unprovision";
                }
                default -> {
                }
            }
        }
        return "provisioning";
    }

}
