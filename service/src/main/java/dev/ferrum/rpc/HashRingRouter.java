package dev.ferrum.rpc;

import dev.ferrum.common.HashRing;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends a node's requests to the conductor that owns it on the hash ring of alive conductors (by the node's
 * conductor_group and hardware type), as Ironic's API does; a node no alive conductor serves, or a request about
 * no node, goes to the shared topic queue.
 */
public final class HashRingRouter implements ConductorRouter {
    private final Function<String, Optional<Map<String, Object>>> nodeByUuid;
    private final Supplier<HashRing> ring;

    public HashRingRouter(Function<String, Optional<Map<String, Object>>> nodeByUuid, Supplier<HashRing> ring) {
        this.nodeByUuid = Objects.requireNonNull(nodeByUuid);
        this.ring = Objects.requireNonNull(ring);
    }

    @Override
    public String targetFor(String nodeUuid) {
        if (nodeUuid == null) {
            return null;
        }
        return nodeByUuid.apply(nodeUuid).flatMap(n -> ring.get().owner(nodeUuid, (String) n.get("driver"),
                (String) n.get("conductor_group"))).orElse(null);
    }
}
