package io.ticklake.service;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.ticklake.data.replay.ReplayProgress;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * The latest progress of a replay, exported as {@code ticklake_replay_*} meters. They are registered
 * with the first progress (no replay, no samples) and read the latest progress at each scrape. Thread-safe.
 */
public final class ReplayMetrics implements Consumer<ReplayProgress>, MeterBinder {
    private final AtomicReference<ReplayProgress> latest = new AtomicReference<>();
    private MeterRegistry registry;
    private boolean registered;

    @Override
    public void accept(final ReplayProgress progress) {
        latest.set(progress);
        registerOnce();
    }

    @Override
    public void bindTo(final MeterRegistry registry) {
        synchronized (this) {
            this.registry = registry;
        }
        registerOnce();
    }

    private synchronized void registerOnce() {
        if (registered || registry == null || latest.get() == null) {
            return;
        }
        registered = true;
        counter("ticklake_replay_ticks_sent_total", "Ticks sent by the replay", ReplayProgress::ticksSent);
        gauge("ticklake_replay_ticks", "Ticks the replay sends in all", ReplayProgress::totalTicks);
        counter("ticklake_replay_watermarks_sent_total", "Watermark records sent", ReplayProgress::watermarks);
        gauge("ticklake_replay_ticks_per_second", "Replay rate since its start", ReplayProgress::ticksPerSecond);
        gauge("ticklake_replay_event_time_ms", "Event time of the last tick sent", ReplayProgress::eventTs);
    }

    private void counter(final String name, final String help, final ToDoubleFunction<ReplayProgress> value) {
        FunctionCounter.builder(name, latest, l -> value.applyAsDouble(l.get())).description(help).register(registry);
    }

    private void gauge(final String name, final String help, final ToDoubleFunction<ReplayProgress> value) {
        Gauge.builder(name, latest, l -> value.applyAsDouble(l.get())).description(help).strongReference(true)
                .register(registry);
    }
}
