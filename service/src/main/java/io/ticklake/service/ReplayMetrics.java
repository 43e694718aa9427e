package io.ticklake.service;

import io.ticklake.service.http.MetricSource;
import io.ticklake.service.http.PrometheusText;
import io.ticklake.data.replay.ReplayProgress;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** The latest progress of a replay, exported as {@code ticklake_replay_*}. Thread-safe. */
public final class ReplayMetrics implements Consumer<ReplayProgress>, MetricSource {
    private final AtomicReference<ReplayProgress> latest = new AtomicReference<>();

    @Override
    public void accept(final ReplayProgress progress) {
        latest.set(progress);
    }

    @Override
    public void collect(final PrometheusText out) {
        final ReplayProgress p = latest.get();
        if (p == null) {
            return;
        }
        out.add("ticklake_replay_ticks_sent_total", "counter", "Ticks sent by the replay", p.ticksSent());
        out.add("ticklake_replay_ticks", "gauge", "Ticks the replay sends in all", p.totalTicks());
        out.add("ticklake_replay_watermarks_sent_total", "counter", "Watermark records sent", p.watermarks());
        out.add("ticklake_replay_ticks_per_second", "gauge", "Replay rate since its start", p.ticksPerSecond());
        out.add("ticklake_replay_event_time_ms", "gauge", "Event time of the last tick sent", p.eventTs());
    }
}
