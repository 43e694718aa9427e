package io.ticklake.sink.testing;

import io.ticklake.data.EnrichedTick;
import io.ticklake.data.OhlcBar;
import io.ticklake.data.Watermark;
import io.ticklake.data.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes sink input to Kafka for tests and remembers where every value landed, so a test can check
 * the lake through its lineage columns: each produced row at exactly its (partition, offset).
 */
public final class TickFeed implements AutoCloseable {
    /** One produced lake row. */
    public record Sent(TopicPartition tp, long offset, Object value) {
    }

    private final KafkaProducer<byte[], byte[]> producer;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();
    private final List<Object> pendingValues = new ArrayList<>();
    private final Map<String, Sent> byPosition = new HashMap<>();

    /** A feed into the broker at {@code bootstrap}. */
    public TickFeed(final String bootstrap) {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A deterministic enriched tick of {@code index} on {@code date}, number {@code i}. */
    public static EnrichedTick tick(final String index, final LocalDate date, final int i) {
        final long ts = date.toEpochDay() * 86_400_000L + 14 * 3_600_000L + i * 1000L;
        final double price = 100 + (i % 1000) * 0.01;
        final boolean first = i == 0;
        return new EnrichedTick(index, ts, price, i % 50, i % 5 == 0 ? null : "Exchange " + index,
                "Region", i % 3 == 0 ? null : "USD", i % 4 == 0 ? null : price * 0.5, date.toString(), i + 1L,
                first ? null : price - 0.01, first ? null : 0.01, first ? null : 0.01 / price * 100,
                100, price + 1, 99, 10L * i, price - 0.5);
    }

    /** A deterministic bar of {@code index} on {@code date}. */
    public static OhlcBar bar(final String index, final LocalDate date, final int minute) {
        final long start = date.toEpochDay() * 86_400_000L + minute * 60_000L;
        return new OhlcBar(index, "1m", start, start + 60_000, date.toString(), 10 + minute, 12 + minute,
                9 + minute, 11 + minute, 100L * minute, 10.5 + minute, minute + 1L, start + 1, start + 59_999);
    }

    /** Sends a row (an {@link EnrichedTick} or {@link OhlcBar}) keyed by its index. */
    public void send(final String topic, final Object row) {
        final String index = row instanceof EnrichedTick t ? t.index() : ((OhlcBar) row).index();
        pending.add(producer.send(new ProducerRecord<>(topic, index.getBytes(StandardCharsets.UTF_8),
                Json.write(row))));
        pendingValues.add(row);
    }

    /** Sends a record that is not a valid row (must be skipped and counted). */
    public void sendInvalid(final String topic, final int partition, final String value) {
        producer.send(new ProducerRecord<>(topic, partition, null, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends a watermark control record (must be skipped). */
    public void sendWatermark(final String topic, final int partition, final long ts) {
        producer.send(new ProducerRecord<>(topic, partition, null, null, Watermark.encode(ts),
                Watermark.headers()));
    }

    /** Waits for every send; returns all rows sent so far by position. */
    public Map<String, Sent> flush() {
        producer.flush();
        try {
            for (int i = 0; i < pending.size(); i++) {
                final RecordMetadata m = pending.get(i).get();
                final TopicPartition tp = new TopicPartition(m.topic(), m.partition());
                byPosition.put(position(tp.topic(), m.partition(), m.offset()),
                        new Sent(tp, m.offset(), pendingValues.get(i)));
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        pending.clear();
        pendingValues.clear();
        return Map.copyOf(byPosition);
    }

    /** The key of a position in {@link #flush()}'s map. */
    public static String position(final String topic, final int partition, final long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    @Override
    public void close() {
        producer.close();
    }
}
