package dev.ferrum.conductor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferrum.common.FerrumException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WorkersTest {
    @Test
    void aFullPoolAnswers503AndAReleasedSlotIsFreeAgain() {
        Workers workers = new Workers(1);
        Workers.Slot slot = workers.reserve();
        assertThatThrownBy(workers::reserve).isInstanceOf(FerrumException.class)
                .hasMessageContaining("lack of free conductor workers")
                .satisfies(e -> assertThat(((FerrumException) e).code().httpStatus()).isEqualTo(503));
        slot.release();
        workers.reserve().release();
        workers.close();
    }

    @Test
    void closingLetsRunningWorkFinishWithinTheGracefulShutdownTimeout() throws Exception {
        Workers workers = new Workers(2, Duration.ofSeconds(30));
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        workers.reserve().run(() -> {
            started.countDown();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < end) {
                Thread.onSpinWait(); // busy work that ignores interrupts, like a BMC call in progress
            }
            finished.set(true);
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        workers.close();
        assertThat(finished).isTrue();
    }

    @Test
    void workOutlivingTheTimeoutIsInterrupted() throws Exception {
        Workers workers = new Workers(1, Duration.ZERO);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        workers.reserve().run(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(); // never counted down: only an interrupt ends it
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            done.countDown();
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        workers.close();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).isTrue();
    }
}
