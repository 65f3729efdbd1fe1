package dev.ferrum.conductor;

import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
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
                    work.run();
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

    public Workers(int size) {
        this.slots = new Semaphore(size);
    }

    public Slot reserve() {
        if (!slots.tryAcquire()) {
            throw new FerrumException(ErrorCode.NO_FREE_WORKER,
                    "Requested action cannot be performed due to lack of free conductor workers.");
        }
        return new Slot();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
