package io.ticklake.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticklake.service.config.AppConfig;
import io.ticklake.data.EnrichedTick;
import io.ticklake.data.Tick;
import io.ticklake.data.json.Json;
import io.ticklake.data.json.TickCodec;
import io.ticklake.embedded.EmbeddedKafka;
import io.ticklake.topology.DlqHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 0 (poison pill): hostile records on {@code ticks-raw} whose dead letters would
 * exceed the producer's {@code max.request.size} (1 MiB) — 1 MiB − 10 bytes, 1 MiB + 10 bytes and
 * 5 MiB, accepted by a broker whose {@code message.max.bytes} is raised — go to {@code ticks-dlq}
 * truncated; the service keeps running, valid ticks after them land in {@code ticks-enriched}, and
 * a restart does not meet them again.
 */
class OversizedRecordServiceTest {
    private static final int MIB = 1024 * 1024;
    private static final List<Integer> SIZES = List.of(MIB - 10, MIB + 10, 5 * MIB);
    private static final long TS = Instant.parse("2021-05-28T14:30:00Z").toEpochMilli();

    @TempDir
    Path dir;

    @Test
    void oversizedDeadLettersAreTruncatedAndTheServiceKeepsRunning() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(Map.of("message.max.bytes", String.valueOf(8 * MIB)))) {
            final AppConfig config = AppConfig.of(LocalPipeline.settings(kafka.bootstrapServers(), dir.resolve("lake"),
                    dir.resolve("state"), "ticklake-oversized", 0, Map.of()));
            try (TickLakeService service = new TickLakeService(config, Clock.systemUTC(), List.of()).start();
                 KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
                awaitReady(service);
                for (final int size : SIZES) {
                    final byte[] hostile = new byte[size];
                    Arrays.fill(hostile, (byte) '{');
                    producer.send(new ProducerRecord<>("ticks-raw", key(), hostile)).get();
                }
                sendTick(producer, TS, 100.0);
                sendTick(producer, TS + 1_000, 101.0);

                await("the valid ticks after the hostile ones").atMost(Duration.ofSeconds(90))
                        .until(() -> enriched(kafka).size() == 2);
                final List<ConsumerRecord<byte[], byte[]>> dlq = read(kafka, "ticks-dlq", SIZES.size());
                assertThat(dlq).hasSize(SIZES.size());
                for (int i = 0; i < SIZES.size(); i++) {
                    final ConsumerRecord<byte[], byte[]> r = dlq.get(i);
                    assertThat(DlqHeaders.get(r.headers(), DlqHeaders.REASON)).startsWith("not-json");
                    assertThat(DlqHeaders.get(r.headers(), DlqHeaders.ORIGINAL_SIZE)).isEqualTo(String.valueOf(SIZES.get(i)));
                    assertThat(DlqHeaders.get(r.headers(), DlqHeaders.TRUNCATED)).contains("max.request.size");
                    assertThat(DlqHeaders.get(r.headers(), DlqHeaders.OFFSET)).isEqualTo(String.valueOf(i));
                    assertThat(r.value().length).isBetween(MIB - 4096, MIB);
                }
                assertThat(service.health().live()).isTrue();
                assertThat(service.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(service.streams().failure()).isEmpty();
            }

            // a restart continues after them instead of meeting them again
            try (TickLakeService service = new TickLakeService(config, Clock.systemUTC(), List.of()).start();
                 KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
                awaitReady(service);
                sendTick(producer, TS + 2_000, 102.0);
                await("the tick after the restart").atMost(Duration.ofSeconds(90))
                        .until(() -> enriched(kafka).size() == 3);
                assertThat(enriched(kafka)).extracting(EnrichedTick::seq).containsExactly(1L, 2L, 3L);
                assertThat(read(kafka, "ticks-dlq", SIZES.size())).hasSize(SIZES.size());
                assertThat(service.health().live()).isTrue();
            }
        }
    }

    private static void awaitReady(final TickLakeService service) {
        await("service ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    assertThat(service.health().live()).as("live: %s", service.health()).isTrue();
                    return service.health().ready();
                });
    }

    private static void sendTick(final KafkaProducer<byte[], byte[]> producer, final long ts, final double price)
            throws Exception {
        producer.send(new ProducerRecord<>("ticks-raw", key(), TickCodec.encode(new Tick("NYA", ts, price, 10)))).get();
    }

    private static byte[] key() {
        return "NYA".getBytes(StandardCharsets.UTF_8);
    }

    private static KafkaProducer<byte[], byte[]> producer(final EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * MIB, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static List<EnrichedTick> enriched(final EmbeddedKafka kafka) {
        return read(kafka, "ticks-enriched", Integer.MAX_VALUE).stream()
                .map(r -> Json.read(r.value(), EnrichedTick.class)).toList();
    }

    /** The committed records of {@code topic}, in offset order (one partition holds them all: one key). */
    private static List<ConsumerRecord<byte[], byte[]>> read(final EmbeddedKafka kafka, final String topic,
                                                             final int expected) {
        final Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + topic + "-" + System.nanoTime());
        final List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int emptyPolls = 0;
            while (out.size() < expected && System.nanoTime() < deadline && emptyPolls < 5) {
                final var records = c.poll(Duration.ofMillis(500));
                emptyPolls = records.isEmpty() && !c.assignment().isEmpty() ? emptyPolls + 1 : 0;
                records.forEach(out::add);
            }
        }
        out.sort(java.util.Comparator.comparingInt(ConsumerRecord<byte[], byte[]>::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return out;
    }
}
