package io.ticklake.data.replay;

/** Wall time and waiting, injectable so pacing is testable without sleeping. */
public interface WallClock {
    /** Monotonic nanoseconds, like {@link System#nanoTime()}. */
    long nanoTime();

    /** Waits about {@code nanos} nanoseconds. */
    void sleepNanos(long nanos) throws InterruptedException;

    /** The real clock. */
    static WallClock system() {
        return new WallClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(final long nanos) throws InterruptedException {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos);
            }
        };
    }
}
