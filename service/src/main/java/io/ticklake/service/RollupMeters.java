package io.ticklake.service;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/** The rollup refresher's metrics as {@code ticklake_rollup_*} meters, read from its snapshot at each scrape. */
public final class RollupMeters implements MeterBinder {
    private static final String PREFIX = "ticklake_rollup_";
    private final RollupRefreshMetrics metrics;

    public RollupMeters(final RollupRefreshMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void bindTo(final MeterRegistry registry) {
        counter(registry, "refreshes_total", "Rollup refreshes done", RollupRefreshMetrics.Snapshot::refreshes);
        counter(registry, "refresh_errors_total", "Rollup refreshes failed (retried)", RollupRefreshMetrics.Snapshot::errors);
        counter(registry, "refreshed_index_days_total", "Index-days whose rollups were refreshed",
                RollupRefreshMetrics.Snapshot::indexDays);
        counter(registry, "refreshed_partitions_total", "Rollup partition files rewritten",
                RollupRefreshMetrics.Snapshot::partitions);
        gauge(registry, "last_refresh_millis", "Duration of the last refresh", RollupRefreshMetrics.Snapshot::lastMillis);
        gauge(registry, "last_refresh_timestamp_seconds", "When the last refresh ended (epoch)",
                s -> s.lastEpochMillis() / 1000.0);
    }

    private void counter(final MeterRegistry registry, final String name, final String help,
                         final ToDoubleFunction<RollupRefreshMetrics.Snapshot> value) {
        FunctionCounter.builder(PREFIX + name, metrics, m -> value.applyAsDouble(m.snapshot())).description(help)
                .register(registry);
    }

    private void gauge(final MeterRegistry registry, final String name, final String help,
                       final ToDoubleFunction<RollupRefreshMetrics.Snapshot> value) {
        Gauge.builder(PREFIX + name, metrics, m -> value.applyAsDouble(m.snapshot())).description(help)
                .strongReference(true).register(registry);
    }
}
