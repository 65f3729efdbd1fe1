package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.HashRing;
import dev.ferrum.db.ConductorStore;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The API's view of conductor membership: who is alive (heartbeat newer than heartbeat_timeout) and the
 * hash ring built from them, cached briefly so a list of 1,000 nodes costs one conductors query.
 */
public final class Conductors {
    private static final long RING_TTL_NANOS = Duration.ofSeconds(2).toNanos();
    private final ConductorStore store;
    private final Duration heartbeatTimeout;
    private volatile HashRing ring;
    private volatile long ringBuiltAt;

    public Conductors(ConductorStore store, Duration heartbeatTimeout) {
        this.store = Objects.requireNonNull(store);
        this.heartbeatTimeout = Objects.requireNonNull(heartbeatTimeout);
    }

    public boolean alive(Map<String, Object> row) {
        LocalDateTime updated = (LocalDateTime) row.get("updated_at");
        return Boolean.TRUE.equals(row.get("online")) && updated != null
                && updated.isAfter(LocalDateTime.now(ZoneOffset.UTC).minus(heartbeatTimeout));
    }

    /** The hostnames of the conductors alive now. */
    public java.util.Set<String> aliveHosts() {
        java.util.Set<String> alive = new java.util.HashSet<>();
        store.list().stream().filter(this::alive).forEach(c -> alive.add((String) c.get("hostname")));
        return alive;
    }

    public List<Map<String, Object>> list() {
        return store.list().stream().map(this::withAlive).toList();
    }

    public HashRing ring() {
        HashRing r = ring;
        long now = System.nanoTime();
        if (r == null || now - ringBuiltAt > RING_TTL_NANOS) {
            Map<String, Map<String, List<String>>> hosts = new HashMap<>();
            for (Map<String, Object> c : store.list()) {
                if (!alive(c)) {
                    continue;
                }
                var byDriver = hosts.computeIfAbsent((String) c.get("conductor_group"), g -> new HashMap<>());
                for (JsonNode d : (JsonNode) c.get("drivers")) {
                    byDriver.computeIfAbsent(d.asText(), k -> new ArrayList<>()).add((String) c.get("hostname"));
                }
            }
            r = new HashRing(hosts);
            ring = r;
            ringBuiltAt = now;
        }
        return r;
    }

    public java.util.Optional<Map<String, Object>> get(String hostname) {
        return store.get(hostname).map(this::withAlive);
    }

    private Map<String, Object> withAlive(Map<String, Object> r) {
        Map<String, Object> row = new HashMap<>(r);
        row.put("alive", alive(r));
        return row;
    }
}
