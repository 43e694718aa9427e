package io.ticklake.service.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Kafka client metrics (Streams, consumer, producer) as Prometheus families of a
 * {@link PrometheusMeterRegistry}: {@code <prefix>_<group>_<name>{tags}}, e.g.
 * {@code kafka_streams_stream_thread_metrics_process_rate{thread_id="…"}}; names lower-cased with every
 * character outside {@code [a-z0-9_:]} (and runs of them) made one {@code _}, tag names with every
 * character outside {@code [a-zA-Z0-9_]} made {@code _}. Metrics whose name ends in {@code -total} are
 * counters, the other numeric ones gauges; non-numeric ones are skipped.
 *
 * <p>A collector of the registry, not Micrometer meters, because these names and label sets are a
 * contract (docs/OPERATIONS.md §6) that Micrometer's {@code KafkaStreamsMetrics} does not keep: it names
 * the families differently, drops the client-level sample of a family that also has topic- or
 * partition-level ones (a Micrometer meter name has one tag-key set; Kafka's
 * {@code records-lag-max} has {@code {client-id}} and {@code {client-id, topic, partition}}), and sees
 * metrics that appear later (a new task, a replaced thread) only on a periodic rescan. This reads the
 * clients' registry on each scrape, so the families follow the tasks this instance owns at that moment.
 *
 * <p>Left out, so that one odd metric cannot fail the whole scrape: a negative counter value, and a
 * gauge named like a counter without its {@code _total} (the text format names the counter's family so).
 */
public final class KafkaMetricFamilies implements MultiCollector {
    private final String prefix;
    private final Supplier<Map<MetricName, ? extends Metric>> metrics;

    /**
     * @param prefix  the family names' prefix, e.g. {@code kafka_streams}
     * @param metrics the clients' metrics, read on each scrape (e.g. {@code KafkaStreams::metrics})
     */
    public KafkaMetricFamilies(final String prefix, final Supplier<Map<MetricName, ? extends Metric>> metrics) {
        this.prefix = prefix;
        this.metrics = metrics;
    }

    /** Adds these families to what {@code registry} scrapes. */
    public void registerWith(final PrometheusMeterRegistry registry) {
        registry.getPrometheusRegistry().register(this);
    }

    @Override
    public MetricSnapshots collect() {
        final Map<MetricName, ? extends Metric> now;
        try {
            now = metrics.get();
        } catch (RuntimeException e) {
            return new MetricSnapshots();   // a client closing or replacing a thread: this scrape without them
        }
        final Map<String, Family> families = new LinkedHashMap<>();
        now.forEach((name, metric) -> {
            final Object value;
            try {
                value = metric.metricValue();
            } catch (RuntimeException e) {
                return;   // a metric whose provider is closing
            }
            if (value instanceof Number n) {
                families.computeIfAbsent(familyName(prefix + "_" + name.group() + "_" + name.name()),
                        f -> new Family(name.name().endsWith("-total"), name.description()))
                        .add(labels(name.tags()), n.doubleValue());
            }
        });
        // the text format writes a counter "x_total" as family "x": a gauge "x" beside it would make the scrape fail
        final Set<String> counterBases = new HashSet<>();
        families.forEach((name, family) -> {
            if (family.counter) {
                counterBases.add(name.substring(0, name.length() - "_total".length()));
            }
        });
        final List<MetricSnapshot> out = new ArrayList<>(families.size());
        families.forEach((name, family) -> {
            if (family.counter || !counterBases.contains(name)) {
                out.add(family.snapshot(name));
            }
        });
        return new MetricSnapshots(out);
    }

    /** A family name: lower case, each run of characters outside {@code [a-z0-9_:]} one {@code _}, no leading digit. */
    static String familyName(final String name) {
        final String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_:]", "_").replaceAll("_+", "_");
        return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    /** A label name: characters outside {@code [a-zA-Z0-9_]} become {@code _}; {@code l_} before a digit or {@code __}. */
    static String labelName(final String name) {
        final String s = name.replaceAll("[^a-zA-Z0-9_]", "_");
        return s.isEmpty() || Character.isDigit(s.charAt(0)) || s.startsWith("__") ? "l_" + s : s;
    }

    private static Labels labels(final Map<String, String> tags) {
        final List<String> names = new ArrayList<>(tags.size());
        final List<String> values = new ArrayList<>(tags.size());
        tags.forEach((k, v) -> {
            final String label = labelName(k);
            if (!names.contains(label)) {   // two tags that sanitize alike: the first wins
                names.add(label);
                values.add(String.valueOf(v));
            }
        });
        return Labels.of(names, values);
    }

    /** The samples of one family; a label set seen twice keeps its first value. */
    private static final class Family {
        private final boolean counter;
        private final String help;
        private final Map<Labels, Double> samples = new LinkedHashMap<>();

        Family(final boolean counter, final String help) {
            this.counter = counter;
            this.help = help == null || help.isBlank() ? null : help;
        }

        void add(final Labels labels, final double value) {
            if (!(counter && value < 0)) {   // a counter cannot be negative (the registry would refuse the scrape)
                samples.putIfAbsent(labels, value);
            }
        }

        MetricSnapshot snapshot(final String name) {
            if (counter) {
                final CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
                samples.forEach((labels, v) -> b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(labels).value(v).build()));
                return b.build();
            }
            final GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
            samples.forEach((labels, v) -> b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(labels).value(v).build()));
            return b.build();
        }
    }
}
