package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.EnrichedTick;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 9e: per-index state is bounded by {@code topology.max.indices} per task; ticks of
 * an index beyond it are dead letters ({@code too-many-indices}), known indices go on as before.
 */
class IndexLimitTest {
    private static final long TS = Instant.parse("2021-05-28T14:30:00Z").toEpochMilli();

    @Test
    void indicesBeyondTheLimitAreDeadLettersAndKnownOnesAreStillProcessed() {
        try (Harness h = new Harness(TopologyConfig.defaults().withMaxIndices(3))) {
            for (final String index : List.of("NYA", "HSI", "N225", "GDAXI", "ZZZ1")) {
                h.tick(index, TS, 100.0, 1);
            }
            h.tick("NYA", TS + 1_000, 101.0, 1);
            h.tick("GDAXI", TS + 2_000, 101.0, 1);

            final List<EnrichedTick> enriched = h.enriched();
            assertThat(enriched).extracting(EnrichedTick::index).containsExactly("NYA", "HSI", "N225", "NYA");
            assertThat(enriched.get(3).seq()).isEqualTo(2);
            final List<String> reasons = h.dlqTopic().readRecordsToList().stream()
                    .map(r -> DlqHeaders.get(r.headers(), DlqHeaders.REASON)).toList();
            assertThat(reasons).hasSize(3).allSatisfy(r -> assertThat(r).startsWith("too-many-indices: "))
                    .anySatisfy(r -> assertThat(r).contains("ZZZ1").contains("topology.max.indices"));
            assertThat(h.metric("dlq-too-many-indices-total")).isEqualTo(3.0);

            // no state is kept for a rejected index
            final KeyValueStore<String, Object> enrichStore = h.driver.getKeyValueStore(TickTopology.ENRICH_STORE);
            final KeyValueStore<String, Object> barsStore = h.driver.getKeyValueStore(TickTopology.BARS_STORE);
            assertThat(keys(enrichStore)).containsExactlyInAnyOrder("NYA", "HSI", "N225");
            assertThat(keys(barsStore)).containsExactlyInAnyOrder("NYA", "HSI", "N225");
            h.watermark(TS + 2 * 86_400_000L);
            assertThat(h.bars("1d")).extracting(b -> b.index()).containsExactlyInAnyOrder("NYA", "HSI", "N225");
        }
    }

    @Test
    void theDefaultLimitIsAThousandAndIsReadFromItsKey() {
        assertThat(TopologyConfig.defaults().maxIndices()).isEqualTo(1000);
        assertThat(TopologyConfig.fromMap(Map.of(TopologyConfig.MAX_INDICES, "25")).maxIndices()).isEqualTo(25);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> TopologyConfig.fromMap(Map.of(TopologyConfig.MAX_INDICES, "0")))
                .hasMessageContaining(TopologyConfig.MAX_INDICES);
    }

    private static List<String> keys(final KeyValueStore<String, Object> store) {
        try (var it = store.all()) {
            final List<String> keys = new java.util.ArrayList<>();
            it.forEachRemaining((KeyValue<String, Object> kv) -> keys.add(kv.key));
            return keys;
        }
    }
}
