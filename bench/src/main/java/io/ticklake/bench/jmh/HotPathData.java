package io.ticklake.bench.jmh;

import io.ticklake.data.DailyBar;
import io.ticklake.data.EnrichedTick;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.Tick;
import io.ticklake.data.synth.MarketGenerator;
import io.ticklake.data.synth.TickSynthesizer;
import io.ticklake.topology.enrich.EnrichState;
import io.ticklake.topology.enrich.Enricher;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The ticks the hot-path benchmarks run on: the project's own generated market, enriched as the topology does. */
final class HotPathData {
    private HotPathData() {
    }

    /** {@code n} consecutive enriched ticks of one index (NYA) at a 10-second interval, from 2021-01-04. */
    static EnrichedTick[] enrichedTicks(final int n) {
        final ReferenceData ref = ReferenceData.builtIn();
        final TickSynthesizer synth = new TickSynthesizer(ref, Duration.ofSeconds(10), 1);
        final Enricher enricher = new Enricher(ref);
        final EnrichState state = new EnrichState();
        final List<EnrichedTick> out = new ArrayList<>(n);
        final Iterator<DailyBar> days = new MarketGenerator(ref, 1)
                .generate(List.of("NYA"), LocalDate.of(2021, 1, 4), LocalDate.of(2030, 12, 31)).iterator();
        while (out.size() < n && days.hasNext()) {
            for (final Tick t : synth.synthesize(days.next())) {
                if (out.size() < n) {
                    out.add(enricher.enrich(t, state));
                }
            }
        }
        return out.toArray(EnrichedTick[]::new);
    }
}
