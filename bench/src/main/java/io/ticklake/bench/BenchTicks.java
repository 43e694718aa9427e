package io.ticklake.bench;

import io.ticklake.service.ReplaySelection;
import io.ticklake.data.DailyBar;
import io.ticklake.data.csv.CsvBarReader;
import io.ticklake.data.replay.BarFilter;
import io.ticklake.data.replay.TickMerger;
import io.ticklake.data.synth.MarketGenerator;
import io.ticklake.data.synth.TickSynthesizer;
import java.util.ArrayList;
import java.util.List;

/** The ticks a replay of {@link ReplaySelection} sends, in the same order, without Kafka. */
public final class BenchTicks {
    private BenchTicks() {
    }

    /** The replay's tick sequence (bars read now; ticks synthesized lazily). */
    public static TickMerger of(final ReplaySelection source) {
        final TickSynthesizer synth = new TickSynthesizer(source.referenceData(), source.tickInterval(), source.seed());
        return TickMerger.of(bars(source).iterator(), synth);
    }

    private static List<DailyBar> bars(final ReplaySelection source) {
        final List<DailyBar> bars = new ArrayList<>();
        if (source.csv() != null) {
            final BarFilter filter = source.filter();
            try (CsvBarReader reader = CsvBarReader.open(source.csv())) {
                reader.forEachRemaining(b -> {
                    if (filter.test(b)) {
                        bars.add(b);
                    }
                });
            }
            return bars;
        }
        new MarketGenerator(source.referenceData(), source.seed())
                .generate(source.generatorIndices(), source.generatorFrom(), source.generatorTo())
                .forEach(bars::add);
        return bars;
    }
}
