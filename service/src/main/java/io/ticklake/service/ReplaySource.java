package io.ticklake.service;

import io.ticklake.data.csv.CsvBarReader;
import io.ticklake.data.csv.RowRejection;
import io.ticklake.data.replay.ReplayConfig;
import io.ticklake.data.replay.ReplayProducer;
import io.ticklake.data.replay.ReplayProgress;
import io.ticklake.data.replay.ReplaySummary;
import io.ticklake.data.synth.MarketGenerator;
import java.util.function.Consumer;

/** Runs a {@link ReplayProducer} over the bars that {@link ReplaySelection} select. */
public final class ReplaySource {
    private ReplaySource() {
    }

    /**
     * The replay settings the source implies (filter, seed, tick interval) over {@code base}: a CSV is
     * filtered by --from/--to/--indices; generated bars are selected already.
     */
    public static ReplayConfig configure(final ReplaySelection source, final ReplayConfig base) {
        final ReplayConfig config = base.withSeed(source.seed()).withTickInterval(source.tickInterval());
        return source.csv() != null ? config.withFilter(source.filter()) : config;
    }

    /**
     * Replays every selected bar; each rejected CSV row goes to {@code rejections} as it is read.
     *
     * @throws InterruptedException when interrupted while pacing or sending
     */
    public static ReplaySummary replay(final ReplaySelection source, final ReplayProducer producer,
                                       final Consumer<RowRejection> rejections,
                                       final Consumer<ReplayProgress> progress) throws InterruptedException {
        if (source.csv() != null) {
            try (CsvBarReader reader = CsvBarReader.open(source.csv()).onRejection(rejections)) {
                return producer.replay(reader, progress);
            }
        }
        final MarketGenerator generator = new MarketGenerator(source.referenceData(), source.seed());
        return producer.replay(generator.generate(source.generatorIndices(), source.generatorFrom(),
                source.generatorTo()).iterator(), progress);
    }
}
