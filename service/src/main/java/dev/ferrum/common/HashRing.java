package dev.ferrum.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which conductor owns a node: among the alive conductors of the node's conductor group that support its
 * hardware type, the one with the highest hash of (host, node). Rendezvous hashing moves only ~1/M of
 * the nodes when a conductor joins or leaves, like Ironic's consistent hash ring.
 */
public final class HashRing {
    /** group → hardware type → hostnames. */
    private final Map<String, Map<String, List<String>>> hosts;

    public HashRing(Map<String, Map<String, List<String>>> hosts) {
        this.hosts = Map.copyOf(hosts);
    }

    /** Whether any alive conductor of the group serves the hardware type. */
    public boolean serves(String driver, String group) {
        return !hosts.getOrDefault(group == null ? "" : group, Map.of()).getOrDefault(driver, List.of()).isEmpty();
    }

    public Optional<String> owner(String nodeUuid, String driver, String group) {
        List<String> candidates = hosts.getOrDefault(group == null ? "" : group, Map.of()).getOrDefault(driver, List.of());
        if (candidates.size() == 1) {
            return Optional.of(candidates.getFirst()); // one conductor (ferrum all): no hashing per node shown
        }
        String best = null;
        long bestScore = Long.MIN_VALUE;
        for (String host : candidates) {
            long score = score(host, nodeUuid);
            if (best == null || score > bestScore || (score == bestScore && host.compareTo(best) < 0)) {
                best = host;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    private static long score(String host, String key) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(host.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            byte[] d = md.digest(key.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
