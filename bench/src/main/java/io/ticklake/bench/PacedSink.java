package io.ticklake.bench;

import io.ticklake.data.Tick;
import io.ticklake.data.replay.TickSink;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link TickSink} that sends ticks at a fixed rate (a live feed instead of a replay at full speed)
 * and remembers when each was handed to the producer ({@link System#nanoTime()}), by (index, ts).
 * Watermarks pass through unpaced. The n-th tick is due at {@code start + n / rate}, so a late send
 * does not lower the average rate.
 */
public final class PacedSink implements TickSink {
    private final TickSink delegate;
    private final long periodNanos;
    private final Map<TickKey, Long> sentAt = new ConcurrentHashMap<>();
    private long start = -1;
    private long sent;

    /** @param ticksPerSecond the fixed rate, &gt; 0 */
    public PacedSink(final TickSink delegate, final double ticksPerSecond) {
        if (!(ticksPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be > 0: " + ticksPerSecond);
        }
        this.delegate = delegate;
        this.periodNanos = Math.max(1, Math.round(1e9 / ticksPerSecond));
    }

    /** A tick's identity in every topic: its index and event time. */
    public record TickKey(String index, long ts) {
    }

    /** When the n-th tick (0-based) of a run started at {@code start} is due. */
    public static long dueAt(final long start, final long n, final long periodNanos) {
        return start + n * periodNanos;
    }

    @Override
    public void send(final Tick tick) {
        final long now = System.nanoTime();
        if (start < 0) {
            start = now;
        }
        final long due = dueAt(start, sent, periodNanos);
        while (System.nanoTime() < due) {
            LockSupport.parkNanos(due - System.nanoTime());   // pacing the feed, not waiting for a result
        }
        sentAt.putIfAbsent(new TickKey(tick.index(), tick.ts()), System.nanoTime());
        delegate.send(tick);
        sent++;
    }

    @Override
    public int sendWatermark(final long ts) {
        return delegate.sendWatermark(ts);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** Send times by tick. */
    public Map<TickKey, Long> sentAt() {
        return sentAt;
    }

    /** Ticks sent / seconds from the first send to now. */
    double achievedRate() {
        return start < 0 ? 0 : sent / ((System.nanoTime() - start) / 1e9);
    }

    long start() {
        return start;
    }
}
