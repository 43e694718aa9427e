package io.ticklake.app.chaos;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Chooses when a fault strikes. A pause here is the fault's moment, drawn from a seeded random
 * source, never a way of waiting for something to happen (that is Awaitility's job).
 */
final class ChaosMoments {
    private ChaosMoments() {
    }

    /** The seed: {@code -Dchaos.seed=N} to reproduce a run, otherwise fresh. */
    static long seed() {
        final Long fixed = Long.getLong("chaos.seed");
        return fixed != null ? fixed : System.nanoTime();
    }

    /** Lets {@code moment} of wall time pass before the fault. */
    static void strikeAfter(final Duration moment) {
        final long end = System.nanoTime() + moment.toNanos();
        for (long left = moment.toNanos(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
