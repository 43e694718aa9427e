package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.EnrichedTick;
import io.ticklake.data.OhlcBar;
import io.ticklake.data.Tick;
import io.ticklake.topology.bars.BarWindows;
import io.ticklake.topology.bars.IndexBars;
import io.ticklake.topology.enrich.EnrichState;
import io.ticklake.topology.enrich.Enricher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** State written to the changelog and read back (restore) continues exactly where it was. */
class StateSerdeTest {
    private final TopologyConfig config = TopologyConfig.defaults();

    @Test
    void barStateRoundTripsMidWindow() {
        final List<Tick> ticks = WindowingTest.randomTicks(List.of("NYA"), 3_000, 3);
        final List<OhlcBar> straight = bars(ticks, -1);
        final List<OhlcBar> restored = bars(ticks, 1_234);
        assertThat(straight).hasSizeGreaterThan(100);
        assertThat(restored).isEqualTo(straight);
    }

    private List<OhlcBar> bars(final List<Tick> ticks, final int restoreAt) {
        final BarWindows windows = new BarWindows(config);
        IndexBars state = new IndexBars();
        final List<OhlcBar> out = new ArrayList<>();
        for (int i = 0; i < ticks.size(); i++) {
            if (i == restoreAt) {
                state = roundTrip(state);
            }
            assertThat(windows.add(ticks.get(i), state, Long.MIN_VALUE)).isNull();
            windows.closeDue("NYA", state, state.maxTs(), (w, b) -> out.add(b));
        }
        windows.closeDue("NYA", roundTrip(state), Long.MAX_VALUE / 2, (w, b) -> out.add(b));
        return out;
    }

    private static IndexBars roundTrip(final IndexBars s) {
        return IndexBars.SERDE.deserializer().deserialize("t", IndexBars.SERDE.serializer().serialize("t", s));
    }

    @Test
    void enrichStateRoundTrips() {
        final List<Tick> ticks = WindowingTest.randomTicks(List.of("NYA"), 500, 5);
        final Enricher enricher = new Enricher(config.referenceData());
        EnrichState a = new EnrichState();
        EnrichState b = new EnrichState();
        for (int i = 0; i < ticks.size(); i++) {
            final EnrichedTick x = enricher.enrich(ticks.get(i), a);
            b = EnrichState.SERDE.deserializer().deserialize("t", EnrichState.SERDE.serializer().serialize("t", b));
            final EnrichedTick y = enricher.enrich(ticks.get(i), b);
            assertThat(y).isEqualTo(x);
        }
        assertThat(a.seq()).isEqualTo(500);
    }
}
