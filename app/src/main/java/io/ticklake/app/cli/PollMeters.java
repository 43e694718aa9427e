package io.ticklake.app.cli;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.ticklake.poll.PollStats;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * {@code ticklake_poll_*} for {@code /metrics}, each tagged with the {@code source} API, read from
 * {@link PollStats#snapshot()} at each scrape. A reject or error reason gets its counter with the first
 * poll that counted it, and the two timestamps their gauges once they are known: the poller hands each
 * poll's snapshot to {@link #accept}.
 */
final class PollMeters implements MeterBinder, java.util.function.Consumer<PollStats.Snapshot> {
    private final PollStats stats;
    private final String source;
    private final Set<String> registered = new HashSet<>();
    private MeterRegistry registry;

    PollMeters(final PollStats stats, final String source) {
        this.stats = stats;
        this.source = source;
    }

    @Override
    public synchronized void bindTo(final MeterRegistry registry) {
        this.registry = registry;
        counter("ticklake_poll_polls_total", "Polls of every symbol", PollStats.Snapshot::polls);
        counter("ticklake_poll_requests_total", "HTTP requests to the API", PollStats.Snapshot::requests);
        counter("ticklake_poll_ticks_sent_total", "Ticks sent and acknowledged by Kafka", PollStats.Snapshot::ticksSent);
        counter("ticklake_poll_stale_total", "Quotes unchanged since the last tick (not resent)", PollStats.Snapshot::stale);
        accept(stats.snapshot());
    }

    /** Registers the meters that {@code s} shows to be due. */
    @Override
    public synchronized void accept(final PollStats.Snapshot s) {
        if (registry == null) {
            return;
        }
        s.rejects().keySet().forEach(reason -> reason("ticklake_poll_rejects_total",
                "Quotes or responses that could not become a tick, by reason", PollStats.Snapshot::rejects, reason));
        s.errors().keySet().forEach(reason -> reason("ticklake_poll_errors_total",
                "Failed requests backed off from, by reason", PollStats.Snapshot::errors, reason));
        if (s.lastSuccessMs() >= 0 && registered.add("last_success")) {
            gauge("ticklake_poll_last_success_timestamp_seconds", "Wall-clock time of the last good poll",
                    p -> p.lastSuccessMs() / 1000.0);
        }
        if (s.lastEventTs() >= 0 && registered.add("event_time")) {
            gauge("ticklake_poll_event_time_ms", "Event time of the newest tick sent", PollStats.Snapshot::lastEventTs);
        }
    }

    private void reason(final String name, final String help, final Function<PollStats.Snapshot, Map<String, Long>> counts,
                        final String reason) {
        if (registered.add(name + '\0' + reason)) {
            FunctionCounter.builder(name, stats, st -> counts.apply(st.snapshot()).getOrDefault(reason, 0L))
                    .description(help).tag("source", source).tag("reason", reason).register(registry);
        }
    }

    private void counter(final String name, final String help, final ToDoubleFunction<PollStats.Snapshot> value) {
        FunctionCounter.builder(name, stats, st -> value.applyAsDouble(st.snapshot())).description(help)
                .tag("source", source).register(registry);
    }

    private void gauge(final String name, final String help, final ToDoubleFunction<PollStats.Snapshot> value) {
        Gauge.builder(name, stats, st -> value.applyAsDouble(st.snapshot())).description(help).tag("source", source)
                .strongReference(true).register(registry);
    }
}
