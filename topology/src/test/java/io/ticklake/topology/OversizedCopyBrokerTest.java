package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticklake.data.Tick;
import io.ticklake.data.json.TickCodec;
import io.ticklake.embedded.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defence in depth, on a real broker with {@code at_least_once}: a {@code ticks-dlq} whose
 * {@code max.message.bytes} is below the producer's limit rejects a dead letter the topology
 * thought small enough; {@link OversizedCopyHandler} drops it and processing goes on.
 *
 * <p>Not with {@code exactly_once_v2}: there the rejected send puts the producer's transaction in an
 * error state and the commit fails the task whatever the handler answers (seen on Kafka 4.3), which
 * is why the topology never produces a too-large copy in the first place ({@link BoundedCopy}).
 */
class OversizedCopyBrokerTest {
    private static final long TS = Instant.parse("2021-05-28T14:30:00Z").toEpochMilli();

    @Test
    void aDeadLetterTheBrokerRejectsAsTooLargeIsDroppedAndProcessingGoesOn(@TempDir final Path stateDir)
            throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("ticks-dlq", 1, (short) 1)
                        .configs(Map.of("max.message.bytes", "20000")))).all().get();
            }
            kafka.createTopics(1, "ticks-raw", "ticks-enriched", "ticks-late", "ohlc-1m", "ohlc-1d");
            final Properties props = TopologyConfig.streamsDefaults();
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ticklake-oversized-it");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
            try (KafkaStreams streams = new KafkaStreams(TickTopology.topology(TopologyConfig.defaults(), props), props);
                 KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                         Map.of("bootstrap.servers", kafka.bootstrapServers()),
                         new ByteArraySerializer(), new ByteArraySerializer())) {
                streams.start();
                final byte[] key = "NYA".getBytes(StandardCharsets.UTF_8);
                final byte[] big = new byte[50_000];
                Arrays.fill(big, (byte) '{');
                producer.send(new ProducerRecord<>("ticks-raw", key, big)).get();
                producer.send(new ProducerRecord<>("ticks-raw", key, "{oops".getBytes(StandardCharsets.UTF_8))).get();
                producer.send(new ProducerRecord<>("ticks-raw", key, TickCodec.encode(new Tick("NYA", TS, 100.0, 1))))
                        .get();

                await("the tick after the rejected dead letter").atMost(Duration.ofSeconds(90))
                        .until(() -> {
                            assertThat(streams.state()).isNotIn(KafkaStreams.State.ERROR,
                                    KafkaStreams.State.PENDING_ERROR);
                            return read(kafka, "ticks-enriched").size() == 1;
                        });
                assertThat(read(kafka, "ticks-dlq")).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                        .containsExactly("{oops");
                assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(final EmbeddedKafka kafka, final String topic) {
        final Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + System.nanoTime());
        final List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            int emptyPolls = 0;
            while (emptyPolls < 4) {
                final var records = c.poll(Duration.ofMillis(500));
                emptyPolls = records.isEmpty() && !c.assignment().isEmpty() ? emptyPolls + 1 : 0;
                records.forEach(out::add);
            }
        }
        return out;
    }
}
