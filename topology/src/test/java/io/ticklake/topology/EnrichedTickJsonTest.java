package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.EnrichedTick;
import io.ticklake.data.Tick;
import io.ticklake.data.json.Json;
import io.ticklake.topology.enrich.EnrichState;
import io.ticklake.topology.enrich.EnrichedTickJson;
import io.ticklake.topology.enrich.Enricher;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnrichedTickJsonTest {
    @Test
    void writesTheSameJsonAsTheSharedMapper() throws Exception {
        final Enricher enricher = new Enricher(TopologyConfig.defaults().referenceData());
        final EnrichState known = new EnrichState();
        final EnrichState unknown = new EnrichState();
        for (final Tick t : WindowingTest.randomTicks(List.of("HSI", "ACME"), 200, 9)) {
            final EnrichedTick e = enricher.enrich(t, t.index().equals("HSI") ? known : unknown);
            final byte[] fast = EnrichedTickJson.write(e);
            assertThat(Json.MAPPER.readTree(fast)).isEqualTo(Json.MAPPER.readTree(Json.write(e)));
            assertThat(Json.read(fast, EnrichedTick.class)).isEqualTo(e);
        }
    }
}
