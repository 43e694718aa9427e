package io.ticklake.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.Metrics;
import org.junit.jupiter.api.Test;

/** Kafka's own metric registry, scraped through a Prometheus meter registry under the Kafka names. */
class KafkaMetricFamiliesTest {
    @Test
    void kafkaMetricsKeepTheirNamesLabelSetsAndTypes() {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Metrics kafka = new Metrics()) {
            add(kafka, "process-rate", "stream-thread-metrics", "rate", Map.of("thread-id", "app-1 \"x\"\\y"), 1.5);
            add(kafka, "process-rate", "stream-thread-metrics", "rate", Map.of("thread-id", "b"), 2);
            add(kafka, "process-total", "stream-thread-metrics", "processed", Map.of("thread-id", "b"), 42);
            // one family, two label sets: client level and partition level (Micrometer's binder keeps only one)
            add(kafka, "records-lag-max", "consumer-fetch-manager-metrics", "lag", Map.of("client-id", "c"), 7);
            final Map<String, String> partition = new LinkedHashMap<>();
            partition.put("client-id", "c");
            partition.put("topic", "ticks-raw");
            partition.put("partition", "0");
            add(kafka, "records-lag-max", "consumer-fetch-manager-metrics", "lag", partition, 3);
            add(kafka, "9lives", "g", "", Map.of("0-tag", "v"), Double.NaN);
            kafka.addMetric(kafka.metricName("version", "app-info", "the version", Map.of()), (Gauge<String>) (c, now) -> "4.3.1");
            new KafkaMetricFamilies("kafka_streams", kafka::metrics).registerWith(registry);

            final String text = registry.scrape(AdminServer.PROMETHEUS_TYPE);

            // families sorted by name (a counter's name without _total); 1.0 for 1: the registry's number format

            assertThat(text).isEqualTo("""
                    # HELP kafka_streams_consumer_fetch_manager_metrics_records_lag_max lag
                    # TYPE kafka_streams_consumer_fetch_manager_metrics_records_lag_max gauge
                    kafka_streams_consumer_fetch_manager_metrics_records_lag_max{client_id="c"} 7.0
                    kafka_streams_consumer_fetch_manager_metrics_records_lag_max{client_id="c",partition="0",topic="ticks-raw"} 3.0
                    # TYPE kafka_streams_g_9lives gauge
                    kafka_streams_g_9lives{l_0_tag="v"} NaN
                    # HELP kafka_streams_kafka_metrics_count_count total number of registered metrics
                    # TYPE kafka_streams_kafka_metrics_count_count gauge
                    kafka_streams_kafka_metrics_count_count 8.0
                    # HELP kafka_streams_stream_thread_metrics_process_total processed
                    # TYPE kafka_streams_stream_thread_metrics_process_total counter
                    kafka_streams_stream_thread_metrics_process_total{thread_id="b"} 42.0
                    # HELP kafka_streams_stream_thread_metrics_process_rate rate
                    # TYPE kafka_streams_stream_thread_metrics_process_rate gauge
                    kafka_streams_stream_thread_metrics_process_rate{thread_id="app-1 \\"x\\"\\\\y"} 1.5
                    kafka_streams_stream_thread_metrics_process_rate{thread_id="b"} 2.0
                    """);
            final PrometheusScrape scrape = PrometheusScrape.parse(text);
            assertThat(scrape.value("kafka_streams_stream_thread_metrics_process_rate", Map.of("thread_id", "app-1 \"x\"\\y")))
                    .isEqualTo(1.5);
        }
    }

    @Test
    void familiesFollowTheMetricsOfTheMoment() {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Metrics kafka = new Metrics()) {
            new KafkaMetricFamilies("kafka_streams", kafka::metrics).registerWith(registry);
            final MetricName task = kafka.metricName("process-total", "stream-task-metrics", "", Map.of("task-id", "0_1"));
            assertThat(PrometheusScrape.parse(registry.scrape()).samples()).doesNotContainKey("kafka_streams_stream_task_metrics_process_total");

            kafka.addMetric(task, (Measurable) (c, now) -> 5);   // a task arrives (rebalance)
            assertThat(PrometheusScrape.parse(registry.scrape()).value("kafka_streams_stream_task_metrics_process_total",
                    Map.of("task_id", "0_1"))).isEqualTo(5);

            kafka.removeMetric(task);   // and leaves
            assertThat(PrometheusScrape.parse(registry.scrape()).samples()).doesNotContainKey("kafka_streams_stream_task_metrics_process_total");
        }
    }

    @Test
    void aGaugeNamedLikeACounterWithoutTotalOrANegativeCounterDoesNotBreakTheScrape() {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Metrics kafka = new Metrics()) {
            add(kafka, "rebalance-total", "coordinator", "rebalances", Map.of(), 3);
            add(kafka, "rebalance", "coordinator", "a gauge the text format would write as the counter's family", Map.of(), 1);
            add(kafka, "odd-total", "coordinator", "", Map.of(), -1);
            new KafkaMetricFamilies("k", kafka::metrics).registerWith(registry);

            final PrometheusScrape scrape = PrometheusScrape.parse(registry.scrape());

            assertThat(scrape.value("k_coordinator_rebalance_total", Map.of())).isEqualTo(3);
            assertThat(scrape.samples()).doesNotContainKeys("k_coordinator_rebalance", "k_coordinator_odd_total");
        }
    }

    private static void add(final Metrics kafka, final String name, final String group, final String help,
                            final Map<String, String> tags, final double value) {
        kafka.addMetric(kafka.metricName(name, group, help, tags), (Measurable) (c, now) -> value);
    }
}
