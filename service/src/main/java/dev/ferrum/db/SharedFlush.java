package dev.ferrum.db;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One flush for many waiters: {@link #await} returns once a flush that began after the call has finished. A caller
 * that finds no flush running runs one itself (the leader); callers arriving meanwhile wait for the next, which one
 * of them leads and which covers them all.
 *
 * <p>Why: on PostgreSQL every answer that wrote ends with a synchronous commit ({@link Database#awaitDurable}), a
 * round trip and a WAL flush of its own; under load eight answers ending at once made eight of them, though the
 * first flush of the next round covers everything committed before it began. PostgreSQL shares the fsync already,
 * not the round trips and statements around it.
 */
final class SharedFlush {
    private final Runnable flush;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finishedOne = lock.newCondition();
    /** Flushes begun and finished, numbered from 1; a flush running is number {@code begun}. */
    private long begun;
    private long finished;
    private boolean running;
    private long flushes;
    private int waiting;

    SharedFlush(Runnable flush) {
        this.flush = flush;
    }

    /** Returns once a flush that began after this call has finished; throws what the flush this caller ran threw. */
    void await() {
        lock.lock();
        try {
            // A flush running now began before this call, so it may miss this caller's commits: the next one.
            long needed = begun + 1;
            while (finished < needed) {
                if (running) {
                    waiting++;
                    finishedOne.awaitUninterruptibly();
                    waiting--;
                    continue;
                }
                running = true;
                long number = ++begun;
                boolean ok = false;
                lock.unlock();
                try {
                    flush.run();
                    ok = true;
                } finally {
                    lock.lock();
                    running = false;
                    flushes++;
                    if (ok) {
                        finished = number;
                    }
                    // On failure the waiters wake too, and one of them tries again as the next leader.
                    finishedOne.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many callers wait for a flush someone else runs. */
    int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    /** How many flushes have run. */
    long flushes() {
        lock.lock();
        try {
            return flushes;
        } finally {
            lock.unlock();
        }
    }
}
