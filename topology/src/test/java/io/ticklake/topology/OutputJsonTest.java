package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.EnrichedTick;
import io.ticklake.data.OhlcBar;
import io.ticklake.data.Tick;
import io.ticklake.data.json.Json;
import io.ticklake.topology.enrich.EnrichState;
import io.ticklake.topology.enrich.Enricher;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast writer produces the shared JSON mapping: same fields, same values read back. */
class OutputJsonTest {
    @Test
    void enrichedTicksReadBackEqualThroughTheSharedMapper() throws Exception {
        final Enricher enricher = new Enricher(TopologyConfig.defaults().referenceData());
        final EnrichState hsi = new EnrichState();
        final EnrichState acme = new EnrichState();
        for (final Tick t : WindowingTest.randomTicks(List.of("HSI", "ACME"), 2_000, 9)) {
            final EnrichedTick e = enricher.enrich(t, t.index().equals("HSI") ? hsi : acme);
            final byte[] fast = OutputJson.write(e);
            assertThat(Json.MAPPER.readTree(fast)).isEqualTo(Json.MAPPER.readTree(Json.write(e)));
            assertThat(Json.read(fast, EnrichedTick.class)).isEqualTo(e);
        }
    }

    @Test
    void barsAndAwkwardDoublesRoundTrip() {
        final SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 2_000; i++) {
            final double p = Double.longBitsToDouble(r.nextLong(Double.doubleToLongBits(1e-300),
                    Double.doubleToLongBits(1e300)));
            final OhlcBar bar = new OhlcBar("NYA", "1m", -1_000L * i, 60_000, "1965-01-05", p, p * 3, p / 7, 0.1 + p,
                    i, 1.0 / 3 * p, i, -5, 5);
            assertThat(Json.read(OutputJson.write(bar), OhlcBar.class)).isEqualTo(bar);
        }
    }
}
