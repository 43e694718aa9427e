package io.ticklake.topology.bench;

import io.ticklake.data.ReferenceData;
import io.ticklake.data.Tick;
import io.ticklake.data.Watermark;
import io.ticklake.data.json.TickCodec;
import io.ticklake.data.synth.TickSynthesizer;
import io.ticklake.data.testing.TestMarket;
import io.ticklake.embedded.EmbeddedKafka;
import io.ticklake.topology.TickTopology;
import io.ticklake.topology.TopologyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The topology on a real in-process broker: N ticks (plus watermarks) are produced to a 6-partition
 * {@code ticks-raw} first, then a Streams app consumes them all; the time from start to every input
 * offset committed gives records/s. Baseline in the same run: a pass-through Streams app (same bytes
 * to one output topic) with the same processing guarantee.
 *
 * <pre>
 * java -cp topology/target/classes:topology/target/test-classes:$(cat cp.txt) \
 *      io.ticklake.topology.bench.BrokerBench [ticks=200000] [exactly_once_v2|at_least_once]
 * </pre>
 */
public final class BrokerBench {
    private BrokerBench() {
    }

    public static void main(final String[] args) throws Exception {
        final int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        final String guarantee = args.length > 1 ? args[1] : StreamsConfig.EXACTLY_ONCE_V2;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(6, "ticks-raw", "ticks-enriched", "ohlc-1m", "ohlc-1d", "ticks-late", "ticks-dlq",
                    "copy");
            final long records = produce(kafka.bootstrapServers(), n);
            final double base = consume(kafka.bootstrapServers(), "bench-pass", passThrough(), guarantee, records);
            final double full = consume(kafka.bootstrapServers(), "bench-ticklake",
                    TickTopology.topology(TopologyConfig.defaults()), guarantee, records);
            System.out.printf(Locale.ROOT, "%s, %d records: pass-through %,.0f records/s, ticklake %,.0f records/s"
                    + " (%.2f of the baseline)%n", guarantee, records, base, full, full / base);
        }
    }

    private static long produce(final String servers, final int n) {
        final TickSynthesizer synth = new TickSynthesizer(ReferenceData.builtIn(), Duration.ofMinutes(1), 1);
        final List<Tick> ticks = new ArrayList<>();
        final List<String> indices = ReferenceData.builtIn().all().stream().map(i -> i.index()).toList();
        LocalDate from = LocalDate.of(2021, 1, 4);
        while (ticks.size() < n) {
            TestMarket.bars(indices, from, from.plusDays(6), TestMarket.SEED).forEach(r -> ticks.addAll(synth.synthesize(r)));
            from = from.plusDays(7);
        }
        ticks.sort(Comparator.comparingLong(Tick::ts));
        final Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                final Tick t = ticks.get(i);
                p.send(new ProducerRecord<>("ticks-raw", t.index().getBytes(), TickCodec.encode(t)));
                sent++;
                if ((i + 1) % 1000 == 0 || i == n - 1) {
                    final long wm = t.ts() + (i == n - 1 ? 2 * 86_400_000L : 0);
                    for (int part = 0; part < 6; part++) {
                        p.send(new ProducerRecord<>("ticks-raw", part, null, null, Watermark.encode(wm),
                                Watermark.headers()));
                        sent++;
                    }
                }
            }
            p.flush();
        }
        return sent;
    }

    private static Topology passThrough() {
        final StreamsBuilder b = new StreamsBuilder();
        b.stream("ticks-raw", Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to("copy", Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return b.build();
    }

    /** records/s from start until every input offset is committed. */
    private static double consume(final String servers, final String appId, final Topology topology,
                                  final String guarantee, final long records) throws Exception {
        final Path state = Files.createTempDirectory("ticklake-bench");
        final Properties props = TopologyConfig.streamsDefaults();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put("consumer.auto.offset.reset", "earliest");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers));
             KafkaStreams streams = new KafkaStreams(topology, props)) {
            final Map<TopicPartition, Long> end = admin.listOffsets(admin.describeTopics(List.of("ticks-raw"))
                            .allTopicNames().get().get("ticks-raw").partitions().stream()
                            .collect(Collectors.toMap(p -> new TopicPartition("ticks-raw", p.partition()),
                                    p -> OffsetSpec.latest()))).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            final long start = System.nanoTime();
            streams.start();
            while (true) {
                final Map<TopicPartition, OffsetAndMetadata> done = admin.listConsumerGroupOffsets(appId)
                        .partitionsToOffsetAndMetadata().get();
                if (end.entrySet().stream().allMatch(e -> done.get(e.getKey()) != null
                        && done.get(e.getKey()).offset() >= e.getValue())) {
                    break;
                }
                if (streams.state() == KafkaStreams.State.ERROR) {
                    throw new IllegalStateException("streams failed");
                }
                Thread.sleep(50);   // a bench poll loop, not test synchronisation
            }
            final double secs = (System.nanoTime() - start) / 1e9;
            streams.close(Duration.ofSeconds(30));
            return records / secs;
        }
    }
}
