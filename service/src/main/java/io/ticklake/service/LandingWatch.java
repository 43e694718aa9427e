package io.ticklake.service;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Decides from Kafka's own bookkeeping — no sleeps, no guessing — whether everything replayed has
 * landed in the lake:
 * <ol>
 *   <li>the topology has consumed all of the raw topic: the Streams group's committed offsets equal
 *       the raw topic's end offsets (with exactly-once, its outputs are committed in the same
 *       transactions, so they are complete from then on);</li>
 *   <li>the sink has committed every output record: for each output partition, its group's committed
 *       offset reaches the last-stable end offset, or only transaction markers lie between the two
 *       (checked by reading that range with a read_committed consumer).</li>
 * </ol>
 * The sink commits only after its files are durable, so this means every tick and every closed bar is
 * in the lake.
 */
public final class LandingWatch implements AutoCloseable {
    private static final long TIMEOUT_S = 30;
    private static final long MAX_PROBE = 1_000;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> probe;
    private final String streamsGroup;
    private final String sinkGroup;
    private final String rawTopic;
    private final List<String> outputTopics;

    /**
     * @param outputTopics the topics the sink writes to the lake (enriched ticks and bars)
     */
    public LandingWatch(final Map<String, Object> clientProps, final String streamsGroup, final String sinkGroup,
                        final String rawTopic, final List<String> outputTopics) {
        this.admin = Admin.create(clientProps);
        final Map<String, Object> consumer = new HashMap<>(clientProps);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "ticklake-landing-watch");
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.probe = new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.streamsGroup = streamsGroup;
        this.sinkGroup = sinkGroup;
        this.rawTopic = rawTopic;
        this.outputTopics = List.copyOf(outputTopics);
    }

    /**
     * Where things stand.
     *
     * @param rawConsumed    raw records committed by the topology
     * @param rawTotal       raw records (end offsets)
     * @param outLanded      output records committed by the sink (committed offsets, summed)
     * @param outTotal       output records (stable end offsets, summed); meaningful once the raw topic is consumed
     * @param landed         everything has landed
     */
    public record Status(long rawConsumed, long rawTotal, long outLanded, long outTotal, boolean landed) {
    }

    /** Checks once. */
    public Status check() {
        final Map<TopicPartition, Long> rawEnd = endOffsets(List.of(rawTopic));
        final Map<TopicPartition, Long> rawDone = committed(streamsGroup, rawEnd.keySet());
        final long rawTotal = sum(rawEnd);
        final long rawConsumed = rawEnd.keySet().stream().mapToLong(tp -> Math.min(rawDone.getOrDefault(tp, 0L),
                rawEnd.get(tp))).sum();
        final boolean topologyDone = rawEnd.entrySet().stream()
                .allMatch(e -> rawDone.getOrDefault(e.getKey(), 0L) >= e.getValue());
        final Map<TopicPartition, Long> outEnd = endOffsets(outputTopics);
        final Map<TopicPartition, Long> outDone = committed(sinkGroup, outEnd.keySet());
        final long outTotal = sum(outEnd);
        final long outLanded = outEnd.keySet().stream().mapToLong(tp -> Math.min(outDone.getOrDefault(tp, 0L),
                outEnd.get(tp))).sum();
        final boolean landed = topologyDone && sinkCaughtUp(outEnd, outDone);
        return new Status(rawConsumed, rawTotal, outLanded, outTotal, landed);
    }

    private boolean sinkCaughtUp(final Map<TopicPartition, Long> end, final Map<TopicPartition, Long> committed) {
        final Map<TopicPartition, Long> behind = end.entrySet().stream()
                .filter(e -> committed.getOrDefault(e.getKey(), 0L) < e.getValue())
                .collect(Collectors.toMap(Map.Entry::getKey, e -> committed.getOrDefault(e.getKey(), 0L)));
        if (behind.isEmpty()) {
            return true;
        }
        // Reading is only worth it for a short gap: a commit marker per transaction, or aborted records.
        if (behind.entrySet().stream().anyMatch(e -> end.get(e.getKey()) - e.getValue() > MAX_PROBE)) {
            return false;
        }
        return onlyMarkersBetween(behind, end);
    }

    /** Reads [committed, end) of each partition read_committed; true when no record is returned. */
    private boolean onlyMarkersBetween(final Map<TopicPartition, Long> from, final Map<TopicPartition, Long> end) {
        probe.assign(from.keySet());
        from.forEach(probe::seek);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!probe.poll(Duration.ofMillis(100)).isEmpty()) {
                return false;
            }
            if (from.keySet().stream().allMatch(tp -> probe.position(tp) >= end.get(tp))) {
                return true;
            }
        }
        return false;
    }

    private Map<TopicPartition, Long> endOffsets(final Collection<String> topics) {
        try {
            final Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            described.values().forEach(d -> d.partitions().forEach(p ->
                    request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            final Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS).forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read end offsets of " + topics + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Map<TopicPartition, Long> committed(final String group, final Set<TopicPartition> partitions) {
        try {
            final Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS);
            final Map<TopicPartition, Long> out = new HashMap<>();
            offsets.forEach((tp, om) -> {
                if (om != null && partitions.contains(tp)) {
                    out.put(tp, om.offset());
                }
            });
            return out;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read committed offsets of group " + group + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static long sum(final Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        probe.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
