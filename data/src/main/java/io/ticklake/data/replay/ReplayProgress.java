package io.ticklake.data.replay;

import java.time.Duration;

/**
 * A progress report of a running replay.
 *
 * @param ticksSent      ticks sent so far
 * @param totalTicks     ticks the replay will send in all (known before the first is sent)
 * @param watermarks     watermark records sent so far
 * @param eventTs        event time of the last tick sent (epoch ms), or -1 before the first
 * @param elapsed        wall time since the replay started sending
 * @param ticksPerSecond ticksSent / elapsed
 */
public record ReplayProgress(long ticksSent, long totalTicks, long watermarks, long eventTs, Duration elapsed,
                             double ticksPerSecond) {
    /** Fraction done in [0, 1] (1 when there is nothing to send). */
    public double fraction() {
        return totalTicks == 0 ? 1.0 : (double) ticksSent / totalTicks;
    }
}
