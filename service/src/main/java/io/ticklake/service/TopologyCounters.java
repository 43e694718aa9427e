package io.ticklake.service;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.ticklake.topology.DlqReason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The topology's dead-letter and late counters (Streams sensors of group {@code stream-ticklake-metrics},
 * one per task) summed over tasks and threads: {@code ticklake_dlq_records_total{reason}} for every
 * {@link DlqReason}, {@code ticklake_late_records_total{window}} for every window (a tick late for
 * {@code 1m} and {@code 1d} counts in both) and {@code ticklake_late_ticks_total} (records sent to the
 * late topic). A task's sensors go when the task leaves this instance (rebalance), so a sum may drop:
 * Prometheus treats that as a counter reset. As meters ({@link #bindTo}) they are read at each scrape.
 */
public final class TopologyCounters implements MeterBinder {
    static final String GROUP = "stream-ticklake-metrics";
    private final Supplier<Map<MetricName, ? extends Metric>> metrics;
    private final List<String> windows;

    /** @param windows the topology's window names, in order (each gets a sample, 0 until a tick is late) */
    public TopologyCounters(final Supplier<Map<MetricName, ? extends Metric>> metrics, final List<String> windows) {
        this.metrics = metrics;
        this.windows = List.copyOf(windows);
    }

    /**
     * Counts at one moment.
     *
     * @param deadLetters per reason code (every {@link DlqReason}, in declaration order)
     * @param lateWindows per window name
     * @param lateTicks   ticks sent to the late topic
     */
    public record Snapshot(Map<String, Long> deadLetters, Map<String, Long> lateWindows, long lateTicks) {
        public Snapshot {
            deadLetters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(deadLetters));
            lateWindows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lateWindows));
        }

        /** Nothing counted (before the service started). */
        public static Snapshot empty() {
            return new Snapshot(Map.of(), Map.of(), 0);
        }

        public long deadLetterTotal() {
            return deadLetters.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The sums now. */
    public Snapshot snapshot() {
        final Map<String, Double> totals = totals();
        final Map<String, Long> dlq = new LinkedHashMap<>();
        for (final DlqReason r : DlqReason.values()) {
            dlq.put(r.code(), total(totals, "dlq-" + r.code() + "-total"));
        }
        final Map<String, Long> late = new LinkedHashMap<>();
        for (final String w : windows) {
            late.put(w, total(totals, "late-" + w + "-total"));
        }
        return new Snapshot(dlq, late, total(totals, "late-total"));
    }

    @Override
    public void bindTo(final MeterRegistry registry) {
        for (final DlqReason r : DlqReason.values()) {
            FunctionCounter.builder("ticklake_dlq_records_total", this, c -> c.snapshot().deadLetters().get(r.code()))
                    .description("Records sent to the dead-letter topic, by reason").tag("reason", r.code())
                    .register(registry);
        }
        for (final String w : windows) {
            FunctionCounter.builder("ticklake_late_records_total", this, c -> c.snapshot().lateWindows().get(w))
                    .description("Ticks too late for a window, by window (a tick late for two windows counts in both)")
                    .tag("window", w).register(registry);
        }
        FunctionCounter.builder("ticklake_late_ticks_total", this, c -> c.snapshot().lateTicks())
                .description("Ticks sent to the late topic").register(registry);
    }

    /** {@code -total} metrics of the group, summed per name over their tags. */
    private Map<String, Double> totals() {
        final Map<String, Double> sums = new LinkedHashMap<>();
        metrics.get().forEach((name, metric) -> {
            if (!name.group().equals(GROUP) || !name.name().endsWith("-total")) {
                return;
            }
            final Object v;
            try {
                v = metric.metricValue();
            } catch (RuntimeException e) {
                return;   // a task closing
            }
            if (v instanceof Number n) {
                sums.merge(name.name(), n.doubleValue(), Double::sum);
            }
        });
        return sums;
    }

    private static long total(final Map<String, Double> totals, final String name) {
        return Math.round(totals.getOrDefault(name, 0.0));
    }
}
