package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class TopologyConfigTest {
    @Test
    void defaultsFollowTheDesign() {
        final TopologyConfig c = TopologyConfig.defaults();
        assertThat(c.windows()).containsExactly(new WindowSpec("1m", 60_000, 30_000),
                new WindowSpec("1d", 86_400_000, 600_000));
        assertThat(List.of(c.rawTopic(), c.enrichedTopic(), c.dlqTopic(), c.lateTopic(), c.barTopic(c.window("1m"))))
                .containsExactly("ticks-raw", "ticks-enriched", "ticks-dlq", "ticks-late", "ohlc-1m");
        assertThat(c.strictUnknownIndex()).isFalse();
        assertThat(c.maxFutureMs()).isEqualTo(Duration.ofDays(1).toMillis());
        assertThat(c.idleCloseMs()).isZero();
        assertThat(TopologyConfig.streamsDefaults().getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo("exactly_once_v2");
        assertThat(TopologyConfig.fromMap(Map.of())).usingRecursiveComparison().ignoringFields("referenceData").isEqualTo(c);
    }

    @Test
    void readsDottedKeys() {
        final TopologyConfig c = TopologyConfig.fromMap(Map.of(
                TopologyConfig.WINDOWS, "1m, 1h ,1d",
                "topology.window.1m.grace.ms", "5000",
                TopologyConfig.STRICT_UNKNOWN_INDEX, "TRUE",
                TopologyConfig.MAX_FUTURE_MS, "1000",
                TopologyConfig.IDLE_CLOSE_MS, "30000",
                TopologyConfig.LATE_TOPIC, "late"));
        assertThat(c.windows()).extracting(WindowSpec::name).containsExactly("1m", "1h", "1d");
        assertThat(c.window("1m").graceMs()).isEqualTo(5_000);
        assertThat(c.window("1h").graceMs()).isEqualTo(30_000);
        assertThat(c.window("1d").graceMs()).isEqualTo(600_000);
        assertThat(c.strictUnknownIndex()).isTrue();
        assertThat(c.maxFutureMs()).isEqualTo(1_000);
        assertThat(c.idleCloseMs()).isEqualTo(30_000);
        assertThat(c.lateTopic()).isEqualTo("late");
        assertThat(Topics.of(c).bars("1h").name()).isEqualTo("ohlc-1h");
    }

    @Test
    void numbersHaveKafkasOneSyntaxInEveryKeyPatternKeysIncluded() {
        for (final String key : List.of(TopologyConfig.MAX_FUTURE_MS, TopologyConfig.MAX_INDICES,
                "topology.window.1d.grace.ms")) {
            assertThatThrownBy(() -> TopologyConfig.fromMap(Map.of(key, "1_000")))
                    .hasMessageStartingWith("Invalid value 1_000 for configuration " + key + ": Not a number of type");
            assertThat(TopologyConfig.fromMap(Map.of(key, " 1000 "))).isNotNull();
        }
    }

    @Test
    void everyKeyIsDeclaredOnceWithAMeaning() {
        assertThat(TopologyConfig.DEF.names()).contains(TopologyConfig.RAW_TOPIC, TopologyConfig.WINDOWS,
                TopologyConfig.MAX_INDICES, TopologyConfig.REFERENCE_FILE);
        TopologyConfig.DEF.configKeys().values().forEach(k -> assertThat(k.documentation).isNotBlank());
        assertThat(TopologyConfig.isGraceKey("topology.window.15m.grace.ms")).isTrue();
        assertThat(TopologyConfig.isGraceKey("topology.window.grace.ms")).isFalse();
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> TopologyConfig.fromMap(Map.of(TopologyConfig.WINDOWS, "1w")))
                .hasMessageStartingWith("topology.windows");
        assertThatThrownBy(() -> TopologyConfig.fromMap(Map.of("topology.window.1m.grace.ms", "-1")))
                .hasMessage("Invalid value -1 for configuration topology.window.1m.grace.ms: Value must be at least 0");
        assertThatThrownBy(() -> TopologyConfig.fromMap(Map.of(TopologyConfig.MAX_FUTURE_MS, "soon")))
                .hasMessage("Invalid value soon for configuration topology.max.future.ms: Not a number of type LONG");
        assertThatThrownBy(() -> TopologyConfig.fromMap(Map.of(TopologyConfig.STRICT_UNKNOWN_INDEX, "yes")))
                .hasMessageContaining("topology.strict.unknown.index");
        assertThatThrownBy(() -> TopologyConfig.fromMap(Map.of(TopologyConfig.MAX_INDICES, "0")))
                .hasMessage("Invalid value 0 for configuration topology.max.indices: Value must be at least 1");
        assertThatThrownBy(() -> TopologyConfig.fromMap(Map.of(TopologyConfig.WINDOWS, " , ")))
                .hasMessageContaining("at least one window is required");
        assertThatThrownBy(() -> TopologyConfig.fromMap(Map.of(TopologyConfig.WINDOWS, "1m,1m")))
                .hasMessageContaining("duplicate window 1m");
    }

    @Test
    void topologyHasNamedNodesAndInMemoryStores() {
        final TopologyDescription d = TickTopology.topology(TopologyConfig.defaults()).describe();
        final String text = d.toString();
        assertThat(text).contains(TickTopology.SOURCE, TickTopology.PROCESSOR, TickTopology.SINK,
                TickTopology.ENRICH_STORE, TickTopology.BARS_STORE, TickTopology.WATERMARK_STORE,
                TickTopology.LATEST_BARS_STORE);
        assertThat(d.subtopologies()).hasSize(1);
    }
}
