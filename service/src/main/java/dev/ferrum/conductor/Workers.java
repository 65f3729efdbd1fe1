package dev.ferrum.conductor;

import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.db.Durability;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conductor's bounded worker pool ({@code [conductor]workers_pool_size}) on virtual threads. A slot is
 * reserved before a request changes any state, so a full pool answers 503 (Ironic's NoFreeConductorWorker)
 * with nothing half-done.
 */
public final class Workers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);
    private final Semaphore slots;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("conductor-worker-", 0).factory());

    /** A reserved slot: either run once or released. */
    public final class Slot {
        private boolean used;

        public synchronized void run(Runnable work) {
            if (used) {
                throw new IllegalStateException("slot already used");
            }
            used = true;
            executor.execute(() -> {
                try {
                    // Acknowledged to nobody: its writes need not wait to be durable (see Durability).
                    Durability.deferred(work);
                } catch (Throwable t) {
                    LOG.error("Conductor worker failed", t);
                } finally {
                    slots.release();
                }
            });
        }

        public synchronized void release() {
            if (!used) {
                used = true;
                slots.release();
            }
        }
    }

    private final java.time.Duration gracefulShutdown;

    public Workers(int size) {
        this(size, java.time.Duration.ofSeconds(5));
    }

    /** @param gracefulShutdown how long {@link #close} lets running work finish ([DEFAULT]graceful_shutdown_timeout) */
    public Workers(int size, java.time.Duration gracefulShutdown) {
        this.slots = new Semaphore(size);
        this.gracefulShutdown = gracefulShutdown;
    }

    public Slot reserve() {
        if (!slots.tryAcquire()) {
            throw new FerrumException(ErrorCode.NO_FREE_WORKER,
                    "Requested action cannot be performed due to lack of free conductor workers.");
        }
        return new Slot();
    }

    /**
     * Lets running work finish within the graceful shutdown time, then interrupts what is left. A node left locked
     * that way is failed by this host's {@link Recovery} on restart, or by a survivor's {@link Takeover} once this
     * conductor is no longer alive (it deregisters after the workers stop).
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(gracefulShutdown.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Work still running after the graceful shutdown timeout of {} s is interrupted",
                        gracefulShutdown.toSeconds());
                executor.shutdownNow();
                executor.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
