package io.ticklake.data.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticklake.data.DailyBar;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.Tick;
import io.ticklake.data.Watermark;
import io.ticklake.data.json.TickCodec;
import io.ticklake.data.synth.TickSynthesizer;
import io.ticklake.data.testing.TestMarket;
import io.ticklake.embedded.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replays into a real in-process KRaft broker and consumes back exactly what was sent. */
class ReplayToKafkaTest {
    private static final ReferenceData REF = ReferenceData.builtIn();
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void createsTheTopicAndEveryTickAndWatermarkArrivesInOrder() throws Exception {
        final String topic = "ticks-raw-replay";
        final List<DailyBar> bars = TestMarket.oneWeek();
        final ReplayConfig config = ReplayConfig.defaults().withTopic(topic).withPartitions(3)
                .withTickInterval(Duration.ofMinutes(5)).withWatermarkEvery(200, Duration.ofHours(1).toMillis());
        final Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
        final ReplaySummary summary;
        try (ReplayProducer replay = ReplayProducer.kafka(config, REF, client)) {
            summary = replay.replay(bars.iterator(), p -> { });
        }
        try (Admin admin = Admin.create(client)) {
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(3);
        }

        final Map<Integer, List<ConsumerRecord<String, byte[]>>> byPartition = consumeAll(topic, 3,
                summary.ticks() + summary.watermarks());
        final List<Tick> ticks = new ArrayList<>();
        long watermarks = 0;
        for (final List<ConsumerRecord<String, byte[]>> records : byPartition.values()) {
            long lastTickTs = Long.MIN_VALUE;
            for (final ConsumerRecord<String, byte[]> r : records) {
                if (Watermark.isWatermark(r.headers())) {
                    watermarks++;
                    assertThat(r.key()).isNull();
                    assertThat(Watermark.decode(r.value())).isGreaterThanOrEqualTo(lastTickTs);
                } else {
                    final Tick t = TickCodec.decode(r.value());
                    assertThat(r.key()).isEqualTo(t.index());
                    assertThat(t.ts()).as("per-partition event-time order").isGreaterThanOrEqualTo(lastTickTs);
                    lastTickTs = t.ts();
                    ticks.add(t);
                }
            }
            final ConsumerRecord<String, byte[]> last = records.get(records.size() - 1);
            assertThat(Watermark.isWatermark(last.headers())).as("each partition ends with the final watermark").isTrue();
            assertThat(Watermark.decode(last.value())).isEqualTo(summary.finalWatermark());
        }
        final TickSynthesizer synth = new TickSynthesizer(REF, config.tickInterval(), config.seed());
        final List<Tick> expected = bars.stream().flatMap(b -> synth.synthesize(b).stream()).toList();
        assertThat(ticks).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(watermarks).isEqualTo(summary.watermarks()).isGreaterThan(3);
        assertThat(summary.ticks()).isEqualTo(expected.size());

        final ReplaySummary dry;
        try (ReplayProducer replay = ReplayProducer.dryRun(config, REF)) {
            dry = replay.replay(bars.iterator(), p -> { });
        }
        assertThat(List.of(dry.ticks(), dry.watermarks(), dry.finalWatermark()))
                .isEqualTo(List.of(summary.ticks(), summary.watermarks(), summary.finalWatermark()));
    }

    private static Map<Integer, List<ConsumerRecord<String, byte[]>>> consumeAll(final String topic, final int partitions,
                                                                                 final long expected) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                tps.add(new TopicPartition(topic, p));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            // the consumer is not thread-safe: poll it on the test thread
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
                return all.size() >= expected;
            });
            // one more poll: nothing beyond what was sent
            consumer.poll(Duration.ofMillis(500)).forEach(all::add);
        }
        assertThat(all).hasSize((int) expected);
        final Map<Integer, List<ConsumerRecord<String, byte[]>>> byPartition = new HashMap<>(all.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::partition)));
        assertThat(byPartition).hasSize(partitions);
        byPartition.values().forEach(l -> assertThat(l).extracting(ConsumerRecord::offset).isSorted());
        return byPartition;
    }
}
