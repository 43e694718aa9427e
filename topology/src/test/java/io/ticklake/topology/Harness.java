package io.ticklake.topology;

import io.ticklake.data.EnrichedTick;
import io.ticklake.data.OhlcBar;
import io.ticklake.data.Tick;
import io.ticklake.data.Watermark;
import io.ticklake.data.json.TickCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** A TopologyTestDriver over the production topology, with typed helpers. Close it. */
final class Harness implements AutoCloseable {
    /** The driver's initial wall clock. */
    static final Instant WALL = Instant.parse("2026-12-01T00:00:00Z");
    final TopologyConfig config;
    final Topics topics;
    final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> raw;

    Harness() {
        this(TopologyConfig.defaults());
    }

    Harness(final TopologyConfig config) {
        this(config, new Properties());
    }

    /** @param streamsProps more Streams settings, e.g. {@code producer.max.request.size} */
    Harness(final TopologyConfig config, final Properties streamsProps) {
        this.config = config;
        this.topics = Topics.of(config);
        final Properties props = TopologyConfig.streamsDefaults();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ticklake-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.putAll(streamsProps);
        this.driver = new TopologyTestDriver(TickTopology.topology(config, props), props, WALL);
        this.raw = driver.createInputTopic(config.rawTopic(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    void tick(final Tick t) {
        send(t.index().getBytes(StandardCharsets.UTF_8), TickCodec.encode(t), new RecordHeaders());
    }

    void tick(final String index, final long ts, final double price, final long volume) {
        tick(new Tick(index, ts, price, volume));
    }

    void ticks(final List<Tick> ticks) {
        ticks.forEach(this::tick);
    }

    void watermark(final long ts) {
        send(null, Watermark.encode(ts), Watermark.headers());
    }

    void send(final byte[] key, final byte[] value, final Headers headers) {
        raw.pipeInput(new TestRecord<>(key, value, headers, WALL));
    }

    void sendString(final String key, final String value) {
        send(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), new RecordHeaders());
    }

    TestOutputTopic<String, EnrichedTick> enrichedTopic() {
        return driver.createOutputTopic(topics.enriched().name(), new StringDeserializer(),
                topics.enriched().valueSerde().deserializer());
    }

    List<EnrichedTick> enriched() {
        return enrichedTopic().readValuesToList();
    }

    TestOutputTopic<String, OhlcBar> barTopic(final String window) {
        final Topic<String, OhlcBar> t = topics.bars(window);
        return driver.createOutputTopic(t.name(), new StringDeserializer(), t.valueSerde().deserializer());
    }

    List<OhlcBar> bars(final String window) {
        return barTopic(window).readValuesToList();
    }

    List<KeyValue<String, OhlcBar>> barRecords(final String window) {
        return barTopic(window).readKeyValuesToList();
    }

    TestOutputTopic<byte[], byte[]> dlqTopic() {
        return driver.createOutputTopic(topics.dlq().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    TestOutputTopic<String, Tick> lateTopic() {
        return driver.createOutputTopic(topics.late().name(), new StringDeserializer(),
                topics.late().valueSerde().deserializer());
    }

    /** The value of metric {@code name} of group stream-ticklake-metrics (summed over tags). */
    double metric(final String name) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("stream-ticklake-metrics") && e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    @Override
    public void close() {
        driver.close();
    }
}
