package dev.ferrum.conductor;

import dev.ferrum.common.FerrumException;
import dev.ferrum.common.ProvisionMachine;
import dev.ferrum.db.HistoryStore;
import dev.ferrum.db.ObjectStore;
import dev.ferrum.db.Stores;
import dev.ferrum.drivers.Driver;
import java.util.HashMap;
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

    /** Writes fields of the node (and keeps the in-memory copy in step). */
    public void save(Map<String, Object> changes) {
        requireExclusive();
        node.putAll(changes);
        manager.stores().nodes.update(uuid(), changes);
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
        save(changes);
        this.work = work;
        // an abort asked for by the operator is not an error, though it lands in a failed state
        boolean failed = !event.equals("abort") && (to.endsWith("failed") || to.equals("error") || lastError != null);
        String text = lastError != null ? lastError
                : "Provision state changed from \"" + from + "\" to \"" + to + "\" (" + event + ")";
        history(eventType(from, to), failed ? "ERROR" : "INFO", text);
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

    /** Records a node history event. */
    public void history(String eventType, String severity, String event) {
        try {
            manager.stores().history.record(new HistoryStore.Event(uuid(), host(), eventType, severity, event, null));
        } catch (RuntimeException e) {
            LOG.warn("Could not record history of node {}: {}", uuid(), e.getMessage());
        }
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
                manager.release(uuid());
            }
            return;
        }
        Runnable w = work;
        slot.run(() -> {
            try {
                w.run();
            } catch (Throwable t) {
                failSafely(t);
            } finally {
                manager.release(uuid());
            }
        });
    }

    /** Last resort when a worker's flow throws: a node in a transient state moves to its failed state. */
    private void failSafely(Throwable t) {
        String message = t instanceof FerrumException f ? f.getMessage()
                : "Unexpected error while " + purpose + ": " + t;
        LOG.error("Node {}: {} failed", uuid(), purpose, t);
        try {
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
