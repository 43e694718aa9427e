package io.ticklake.bench;

import io.ticklake.service.ReplaySource;
import io.ticklake.service.ReplaySelection;
import io.ticklake.data.replay.KafkaTickSink;
import io.ticklake.data.replay.ReplayConfig;
import io.ticklake.data.replay.ReplayProducer;
import io.ticklake.data.replay.ReplaySummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ceiling: the replay (same source, same producer settings as {@code replay} and {@code demo})
 * into a topic, and a plain consumer reading every record back concurrently. The elapsed time runs
 * from the start of the replay to the last record consumed, so the replay's own cost (synthesis,
 * JSON encoding) is in the baseline as it is in the end-to-end figure.
 */
public final class BrokerBaseline {
    private BrokerBaseline() {
    }

    /**
     * The figures of one baseline run.
     *
     * @param ticks   ticks replayed
     * @param records records consumed (ticks + watermarks)
     * @param bytes   value bytes consumed
     * @param elapsed replay start → last record consumed
     */
    public record Result(long ticks, long records, long bytes, Duration elapsed) {
        public double ticksPerSecond() {
            return ticks / (elapsed.toNanos() / 1e9);
        }
    }

    /**
     * Replays {@code source} into {@code topic} ({@code partitions} partitions, created) on
     * {@code bootstrap} and consumes it back.
     */
    public static Result run(final ReplaySelection source, final String bootstrap, final String topic,
                             final int partitions) throws InterruptedException {
        final Map<String, Object> client = Map.of("bootstrap.servers", bootstrap);
        KafkaTickSink.ensureTopic(client, topic, partitions);
        final Reader reader = new Reader(bootstrap, topic);
        final Thread thread = new Thread(reader, "bench-baseline-consumer");
        thread.setDaemon(true);
        thread.start();
        final long start = System.nanoTime();
        final ReplayConfig config = ReplaySource.configure(source, ReplayConfig.defaults()
                .withTopic(topic).withPartitions(partitions));
        final ReplaySummary summary;
        try (ReplayProducer producer = ReplayProducer.kafka(config, source.referenceData(), client)) {
            summary = ReplaySource.replay(source, producer, r -> { }, p -> { });
        }
        reader.expect(summary.ticks() + summary.watermarks());
        thread.join(Duration.ofMinutes(10).toMillis());
        if (reader.failure.get() != null) {
            throw new IllegalStateException("baseline consumer failed: " + reader.failure.get(), reader.failure.get());
        }
        if (thread.isAlive()) {
            reader.stop = true;
            throw new IllegalStateException("baseline consumer did not read every record in 10 min: "
                    + reader.records.get() + " of " + (summary.ticks() + summary.watermarks()));
        }
        return new Result(summary.ticks(), reader.records.get(), reader.bytes.get(),
                Duration.ofNanos(reader.lastNanos.get() - start));
    }

    /** Reads every partition from the beginning until it has seen the expected count. */
    private static final class Reader implements Runnable {
        private final String bootstrap;
        private final String topic;
        private final AtomicLong expected = new AtomicLong(Long.MAX_VALUE);
        private final AtomicLong records = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicLong lastNanos = new AtomicLong();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private volatile boolean stop;

        Reader(final String bootstrap, final String topic) {
            this.bootstrap = bootstrap;
            this.topic = topic;
        }

        void expect(final long count) {
            expected.set(count);
        }

        @Override
        public void run() {
            final Map<String, Object> props = new HashMap<>();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-baseline");
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
                final List<TopicPartition> tps = new ArrayList<>();
                for (final PartitionInfo p : consumer.partitionsFor(topic)) {
                    tps.add(new TopicPartition(topic, p.partition()));
                }
                consumer.assign(tps);
                consumer.seekToBeginning(tps);
                while (!stop && records.get() < expected.get()) {
                    final ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                    long n = 0;
                    long b = 0;
                    for (final ConsumerRecord<byte[], byte[]> r : batch) {
                        n++;
                        b += r.value() == null ? 0 : r.value().length;
                    }
                    if (n > 0) {
                        bytes.addAndGet(b);
                        records.addAndGet(n);
                        lastNanos.set(System.nanoTime());
                    }
                }
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }
    }
}
