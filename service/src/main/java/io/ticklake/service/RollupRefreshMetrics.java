package io.ticklake.service;

import java.util.concurrent.atomic.AtomicLong;

/** What the {@link RollupRefresher} did so far; written by its thread, read by {@code /metrics}. */
public final class RollupRefreshMetrics {
    private final AtomicLong refreshes = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong indexDays = new AtomicLong();
    private final AtomicLong partitions = new AtomicLong();
    private volatile long lastMillis;
    private volatile long lastEpochMillis;

    /** The counters at one moment. */
    public record Snapshot(long refreshes, long errors, long indexDays, long partitions, long lastMillis,
                           long lastEpochMillis) {
    }

    void refreshed(final int days, final int rewritten, final long millis, final long epochMillis) {
        refreshes.incrementAndGet();
        indexDays.addAndGet(days);
        partitions.addAndGet(rewritten);
        lastMillis = millis;
        lastEpochMillis = epochMillis;
    }

    void failed() {
        errors.incrementAndGet();
    }

    public Snapshot snapshot() {
        return new Snapshot(refreshes.get(), errors.get(), indexDays.get(), partitions.get(), lastMillis, lastEpochMillis);
    }
}
