package dev.ferrum.conductor;

import dev.ferrum.db.ConductorStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A conductor's membership: registers on start, heartbeats into the conductors table, deregisters on stop. */
public final class ConductorService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConductorService.class);
    private final ConductorStore store;
    private final String hostname;
    private final String group;
    private final List<String> hardwareTypes;
    private final Duration heartbeatInterval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("conductor-heartbeat").daemon().factory());

    public ConductorService(ConductorStore store, String hostname, String group, List<String> hardwareTypes, Duration heartbeatInterval) {
        this.store = Objects.requireNonNull(store);
        this.hostname = Objects.requireNonNull(hostname);
        this.group = Objects.requireNonNull(group);
        this.hardwareTypes = List.copyOf(hardwareTypes);
        this.heartbeatInterval = Objects.requireNonNull(heartbeatInterval);
    }

    public String hostname() {
        return hostname;
    }

    public void start() {
        store.register(hostname, group, hardwareTypes);
        long ms = heartbeatInterval.toMillis();
        timer.scheduleWithFixedDelay(this::heartbeat, ms, ms, TimeUnit.MILLISECONDS);
        LOG.info("Conductor {} registered (group '{}', hardware types {})", hostname, group, hardwareTypes);
    }

    private void heartbeat() {
        try {
            store.heartbeat(hostname);
        } catch (RuntimeException e) {
            // A missed heartbeat is retried on the next tick; only a long outage makes us look dead.
            LOG.warn("Conductor heartbeat failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            store.unregister(hostname);
            LOG.info("Conductor {} deregistered", hostname);
        } catch (RuntimeException e) {
            LOG.warn("Could not deregister conductor {}: {}", hostname, e.getMessage());
        }
    }
}
