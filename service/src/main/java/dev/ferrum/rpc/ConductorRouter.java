package dev.ferrum.rpc;

/**
 * Which conductor a request about a node goes to: its host name (queue {@code <topic>.<host>}), or null for the
 * shared topic queue that every conductor consumes. {@link HashRingRouter} is the API's; tests use {@link #TOPIC}.
 */
@FunctionalInterface
public interface ConductorRouter {
    ConductorRouter TOPIC = nodeUuid -> null;

    /** @param nodeUuid the node the request is about, or null when it names none (create, allocations...) */
    String targetFor(String nodeUuid);
}
