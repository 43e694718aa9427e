package io.ticklake.data.replay;

import io.ticklake.data.Tick;
import io.ticklake.data.Watermark;
import io.ticklake.data.json.TickCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends ticks to a Kafka topic: key = index symbol (UTF-8), value = {@link TickCodec} JSON; a
 * watermark goes to every partition of the topic explicitly (key null, header
 * {@code ticklake-control: watermark}). The producer is idempotent with {@code acks=all}, so
 * retries neither lose nor duplicate nor reorder records within a partition, and a watermark
 * always lands after the ticks sent before it.
 */
public final class KafkaTickSink implements TickSink {
    private static final long ADMIN_TIMEOUT_SECONDS = 60;
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final int partitions;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** Uses {@code producer} (closed by {@link #close()}); the topic must exist. */
    public KafkaTickSink(final Producer<String, byte[]> producer, final String topic) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.partitions = producer.partitionsFor(topic).size();
    }

    /**
     * Creates the topic when missing (broker-default replication) and a producer.
     *
     * @param clientProps at least {@code bootstrap.servers}; any producer/admin settings (security, …)
     */
    public static KafkaTickSink create(final Map<String, Object> clientProps, final String topic, final int partitions) {
        ensureTopic(clientProps, topic, partitions);
        return new KafkaTickSink(new KafkaProducer<>(producerProps(clientProps)), topic);
    }

    /**
     * Producer settings for replays: {@code clientProps} over throughput defaults (lz4, linger 20 ms,
     * 512 KiB batches, 64 MiB buffer), then idempotence, {@code acks=all} and the serializers, forced.
     */
    public static Map<String, Object> producerProps(final Map<String, Object> clientProps) {
        final Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ticklake-replay");
        props.putAll(clientProps);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    /**
     * Creates {@code topic} with {@code partitions} partitions unless it exists (then it is left as is).
     *
     * @return whether the topic was created
     */
    public static boolean ensureTopic(final Map<String, Object> clientProps, final String topic, final int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
        }
        try (Admin admin = Admin.create(clientProps)) {
            final Set<String> names = admin.listTopics().names().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (names.contains(topic)) {
                return false;
            }
            admin.createTopics(Set.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
                    .all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new IllegalStateException("cannot reach Kafka at " + clientProps.get(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) + " (" + e.getCause().getMessage() + ")", e);
            }
            throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + topic + ": no answer from Kafka in "
                    + ADMIN_TIMEOUT_SECONDS + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }

    @Override
    public void send(final Tick tick) {
        throwIfFailed();
        producer.send(new ProducerRecord<>(topic, tick.index(), TickCodec.encode(tick)), this::onCompletion);
    }

    @Override
    public int sendWatermark(final long ts) {
        throwIfFailed();
        final byte[] value = Watermark.encode(ts);
        for (int p = 0; p < partitions; p++) {
            producer.send(new ProducerRecord<>(topic, p, null, null, value, Watermark.headers()), this::onCompletion);
        }
        return partitions;
    }

    /** Partitions of the topic (each gets every watermark). */
    public int partitions() {
        return partitions;
    }

    @Override
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    private void onCompletion(final org.apache.kafka.clients.producer.RecordMetadata metadata, final Exception e) {
        if (e != null) {
            failure.compareAndSet(null, e);
        }
    }

    private void throwIfFailed() {
        final Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("sending to " + topic + " failed: " + e.getMessage(), e);
        }
    }
}
