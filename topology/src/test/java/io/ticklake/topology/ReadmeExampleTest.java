package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.OhlcBar;
import io.ticklake.data.Tick;
import io.ticklake.data.Watermark;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** The TopologyTestDriver example of topology/README.md, kept compiling and true. */
class ReadmeExampleTest {
    @Test
    void theReadmeExampleWorks() {
        final TopologyConfig config = TopologyConfig.defaults();
        final Topics topics = Topics.of(config);
        final Properties props = TopologyConfig.streamsDefaults();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        try (TopologyTestDriver driver = new TopologyTestDriver(TickTopology.topology(config), props,
                Instant.parse("2026-12-01T00:00:00Z"))) {
            final TestInputTopic<String, Tick> raw = driver.createInputTopic(topics.raw().name(),
                    topics.raw().keySerde().serializer(), topics.raw().valueSerde().serializer());
            raw.pipeInput("NYA", new Tick("NYA", 1622208600000L, 16555.66, 1200));
            driver.createInputTopic(topics.raw().name(), new ByteArraySerializer(), new ByteArraySerializer())
                    .pipeInput(new TestRecord<>(null, Watermark.encode(1622208600000L + 2 * 86_400_000L),
                            Watermark.headers()));
            final Topic<String, OhlcBar> ohlc1d = topics.bars("1d");
            final List<OhlcBar> bars = driver.createOutputTopic(ohlc1d.name(), ohlc1d.keySerde().deserializer(),
                    ohlc1d.valueSerde().deserializer()).readValuesToList();
            assertThat(bars).singleElement().satisfies(b -> {
                assertThat(b.open()).isEqualTo(16555.66);
                assertThat(b.volume()).isEqualTo(1200);
                assertThat(b.tradingDate()).isEqualTo("2021-05-28");
            });
        }
    }
}
