package dev.ferrum.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedFlushTest {

    /** A flush whose first run blocks until released, counting the runs that finished. */
    private static final class GatedFlush implements Runnable {
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch releaseFirst = new CountDownLatch(1);
        final AtomicInteger finished = new AtomicInteger();

        @Override
        public void run() {
            if (firstStarted.getCount() > 0) {
                firstStarted.countDown();
                try {
                    releaseFirst.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            finished.incrementAndGet();
        }
    }

    @Test
    void callersArrivingDuringAFlushShareTheNextOne() throws Exception {
        GatedFlush gate = new GatedFlush();
        SharedFlush flush = new SharedFlush(gate);
        CompletableFuture<Void> leader = CompletableFuture.runAsync(flush::await);
        assertThat(gate.firstStarted.await(30, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Integer>> late = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            late.add(CompletableFuture.supplyAsync(() -> {
                flush.await();
                return gate.finished.get();
            }, Thread::startVirtualThread));
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> flush.waiting() == 6);
        gate.releaseFirst.countDown();
        leader.get(30, TimeUnit.SECONDS);
        for (CompletableFuture<Integer> f : late) {
            assertThat(f.get(30, TimeUnit.SECONDS)).as("returned only after a flush begun after its call").isEqualTo(2);
        }
        assertThat(flush.flushes()).as("one flush for the six that arrived while the first ran").isEqualTo(2);
        flush.await();
        assertThat(flush.flushes()).as("a caller with no flush running runs one").isEqualTo(3);
    }

    @Test
    void aFailedFlushFailsItsLeaderAndAWaiterRunsAnother() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        SharedFlush flush = new SharedFlush(() -> {
            if (runs.incrementAndGet() == 1) {
                started.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("connection lost");
            }
        });
        CompletableFuture<Void> leader = CompletableFuture.runAsync(flush::await);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(flush::await, Thread::startVirtualThread);
        await().atMost(30, TimeUnit.SECONDS).until(() -> flush.waiting() == 1);
        release.countDown();
        assertThatThrownBy(() -> leader.get(30, TimeUnit.SECONDS)).hasRootCauseMessage("connection lost");
        waiter.get(30, TimeUnit.SECONDS);
        assertThat(runs.get()).as("the waiter ran a flush of its own").isEqualTo(2);
    }
}
