package io.ticklake.data.replay;

import java.util.Objects;

/**
 * Holds a replay to a {@link Speed}: the tick at event time {@code ts} is released no earlier than
 * {@code start + (ts − firstTs) / factor} on the wall clock. Never waits at {@link Speed#MAX}.
 */
final class Pacer {
    private final Speed speed;
    private final WallClock clock;
    private long originNanos;
    private long originTs;
    private boolean started;

    Pacer(final Speed speed, final WallClock clock) {
        this.speed = Objects.requireNonNull(speed, "speed");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Waits until the tick at {@code ts} is due. */
    void await(final long ts) throws InterruptedException {
        if (speed.isMax()) {
            return;
        }
        if (!started) {
            started = true;
            originNanos = clock.nanoTime();
            originTs = ts;
            return;
        }
        final long due = originNanos + (long) ((ts - originTs) * 1_000_000.0 / speed.factor());
        final long wait = due - clock.nanoTime();
        if (wait > 0) {
            clock.sleepNanos(wait);
        }
    }
}
