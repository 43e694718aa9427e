package io.ticklake.service.http;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Kafka client metrics (Streams, consumer, producer) as Prometheus samples:
 * {@code <prefix>_<group>_<name>{tags}}, e.g. {@code kafka_streams_stream_thread_metrics_process_rate{thread_id="…"}}.
 * Non-numeric metrics are skipped; names ending in {@code -total} are counters, the rest gauges.
 */
public final class KafkaMetricSource implements MetricSource {
    private final String prefix;
    private final Supplier<Map<MetricName, ? extends Metric>> metrics;

    public KafkaMetricSource(final String prefix, final Supplier<Map<MetricName, ? extends Metric>> metrics) {
        this.prefix = prefix;
        this.metrics = metrics;
    }

    @Override
    public void collect(final PrometheusText out) {
        metrics.get().forEach((name, metric) -> {
            final Object value;
            try {
                value = metric.metricValue();
            } catch (RuntimeException e) {
                return;   // a metric whose provider is closing
            }
            if (value instanceof Number n) {
                final boolean counter = name.name().endsWith("-total");
                out.add(prefix + "_" + name.group() + "_" + name.name(), counter ? "counter" : "gauge",
                        name.description(), name.tags(), n.doubleValue());
            }
        });
    }
}
