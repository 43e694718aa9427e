package io.ticklake.poll;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** How the poll loop waits between polls; tests drive the poller with {@link Poller#pollOnce()} and need none. */
@FunctionalInterface
public interface Ticker {
    /**
     * Waits {@code delay}.
     *
     * @return false when the poller should stop instead of polling again
     */
    boolean await(Duration delay) throws InterruptedException;

    /** A ticker that waits on the wall clock until {@link Stop#stop()} is called. */
    final class Stop implements Ticker {
        private final CountDownLatch stopped = new CountDownLatch(1);

        @Override
        public boolean await(final Duration delay) throws InterruptedException {
            return !stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Makes the current and every later {@link #await} return false at once. */
        public void stop() {
            stopped.countDown();
        }

        public boolean isStopped() {
            return stopped.getCount() == 0;
        }
    }
}
