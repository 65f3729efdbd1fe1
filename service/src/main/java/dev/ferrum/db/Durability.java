package dev.ferrum.db;

/**
 * How long a write waits to be durable. By default a handle that wrote on the embedded H2 database returns only once
 * its changes are in the file ({@link GroupCommit}), because the API is about to acknowledge them. A conductor
 * worker's progress (a node moving on from "verifying", "deploying"...) is acknowledged to nobody: within
 * {@link #deferred} its writes ask for the next store and go on without waiting for it. Every later write that does
 * wait (the next API request, a worker's own later steps are then stored with it) makes them durable too, as does
 * the store they asked for, at most a few milliseconds later. What a crash in that window loses is a transient
 * state that recovery on restart treats like any interrupted work.
 *
 * <p>Why: each state change of a fake-hardware flow costs three writes (state, history, release); waiting for a
 * store after each was most of a lifecycle phase's time, and a client polling the node saw it settle later.
 * On PostgreSQL the same scope turns {@code synchronous_commit} off for the handle ({@link AsyncCommit}); MariaDB
 * commits durably as usual.
 */
public final class Durability {
    private static final ThreadLocal<Boolean> DEFERRED = new ThreadLocal<>();

    private Durability() {
    }

    /** Runs {@code work} on this thread with its writes' durability deferred. */
    public static void deferred(Runnable work) {
        if (isDeferred()) {
            work.run();
            return;
        }
        DEFERRED.set(Boolean.TRUE);
        try {
            work.run();
        } finally {
            DEFERRED.remove();
        }
    }

    static boolean isDeferred() {
        return DEFERRED.get() != null;
    }
}
