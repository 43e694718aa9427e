package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Late ticks are counted per window they missed ({@code late-<window>-total}), besides {@code late-total}. */
class LateMetricsTest {
    private static final long T0 = java.time.Instant.parse("2021-05-28T13:30:00Z").toEpochMilli();
    private static final long MIN = 60_000L;

    @Test
    void aLateTickCountsOnceForEachWindowItMissed() {
        try (Harness h = new Harness()) {
            assertThat(h.metric("late-1m-total")).isZero();
            assertThat(h.metric("late-1d-total")).isZero();
            h.tick("NYA", T0, 100.0, 1);
            h.tick("NYA", T0 + 2 * MIN, 101.0, 1);             // closes [T0, T0+1m)
            h.tick("NYA", T0 + 30_000, 50.0, 7);                // late for 1m only
            assertThat(h.metric("late-1m-total")).isEqualTo(1.0);
            assertThat(h.metric("late-1d-total")).isZero();
            h.watermark(T0 + 2 * 86_400_000L);                  // closes the day
            h.tick("NYA", T0 + 3 * MIN, 99.0, 1);               // late for both
            assertThat(h.metric("late-1m-total")).isEqualTo(2.0);
            assertThat(h.metric("late-1d-total")).isEqualTo(1.0);
            assertThat(h.metric("late-total")).isEqualTo(2.0);  // ticks, not windows
        }
    }
}
