package io.ticklake.service;

import io.ticklake.service.http.MetricSource;
import io.ticklake.service.http.PrometheusText;

/** The rollup refresher's metrics as {@code ticklake_rollup_*}. */
public final class RollupMetricSource implements MetricSource {
    private final RollupRefreshMetrics metrics;

    public RollupMetricSource(final RollupRefreshMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void collect(final PrometheusText out) {
        final RollupRefreshMetrics.Snapshot s = metrics.snapshot();
        out.add("ticklake_rollup_refreshes_total", "counter", "Rollup refreshes done", s.refreshes());
        out.add("ticklake_rollup_refresh_errors_total", "counter", "Rollup refreshes failed (retried)", s.errors());
        out.add("ticklake_rollup_refreshed_index_days_total", "counter", "Index-days whose rollups were refreshed",
                s.indexDays());
        out.add("ticklake_rollup_refreshed_partitions_total", "counter", "Rollup partition files rewritten",
                s.partitions());
        out.add("ticklake_rollup_last_refresh_millis", "gauge", "Duration of the last refresh", s.lastMillis());
        out.add("ticklake_rollup_last_refresh_timestamp_seconds", "gauge", "When the last refresh ended (epoch)",
                s.lastEpochMillis() / 1000.0);
    }
}
