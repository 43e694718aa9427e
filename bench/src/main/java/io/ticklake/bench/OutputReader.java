package io.ticklake.bench;

import io.ticklake.data.EnrichedTick;
import io.ticklake.data.OhlcBar;
import io.ticklake.data.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the topology's outputs as a downstream consumer would ({@code read_committed}, so with
 * exactly-once a record counts only once its transaction committed), on its own thread: when each
 * bar was read, and where each enriched tick sits (partition, offset) so its lake file can be found.
 * {@link #finish()} reads up to the end offsets of that moment and stops.
 */
public final class OutputReader implements Runnable {
    private final Map<String, Object> props = new HashMap<>();
    private final String enrichedTopic;
    private final String barTopic;
    private final List<BarSeen> bars = new ArrayList<>();
    private final List<TickAt> ticks = new ArrayList<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean finishing;

    /** A bar and when it was read ({@link System#nanoTime()}). */
    public record BarSeen(PacedSink.TickKey lastTick, long readAt) {
    }

    /** An enriched tick's place in its topic and its lake partition. */
    public record TickAt(PacedSink.TickKey tick, int partition, long offset, String tradingDate) {
    }

    OutputReader(final Map<String, Object> clientProps, final String enrichedTopic, final String barTopic) {
        props.putAll(clientProps);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ticklake-bench-latency");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.enrichedTopic = enrichedTopic;
        this.barTopic = barTopic;
    }

    /** Asks the reader to read up to the current end offsets, then stop. */
    void finish() {
        finishing = true;
    }

    public List<BarSeen> bars() {
        return bars;
    }

    public List<TickAt> ticks() {
        return ticks;
    }

    /** The reader's failure, or null. */
    public Exception failure() {
        return failure.get();
    }

    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> tps = new ArrayList<>();
            for (final String topic : List.of(enrichedTopic, barTopic)) {
                c.partitionsFor(topic).forEach(p -> tps.add(new TopicPartition(topic, p.partition())));
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = null;
            while (end == null || !reached(c, end)) {
                if (finishing && end == null) {
                    end = c.endOffsets(tps);   // read_committed: the last stable offsets
                }
                final var batch = c.poll(Duration.ofMillis(50));
                final long now = System.nanoTime();
                for (final ConsumerRecord<byte[], byte[]> r : batch) {
                    accept(r, now);
                }
            }
        } catch (RuntimeException e) {
            failure.set(e);
        }
    }

    private static boolean reached(final KafkaConsumer<byte[], byte[]> c, final Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue());
    }

    private void accept(final ConsumerRecord<byte[], byte[]> r, final long now) {
        if (r.value() == null) {
            return;
        }
        if (r.topic().equals(barTopic)) {
            final OhlcBar bar = Json.read(r.value(), OhlcBar.class);
            bars.add(new BarSeen(new PacedSink.TickKey(bar.index(), bar.lastTickTs()), now));
        } else {
            final EnrichedTick t = Json.read(r.value(), EnrichedTick.class);
            ticks.add(new TickAt(new PacedSink.TickKey(t.index(), t.ts()), r.partition(), r.offset(),
                    t.tradingDate()));
        }
    }
}
