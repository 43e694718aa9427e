package io.ticklake.app.cli;

import io.ticklake.service.ReplaySelection;
import io.ticklake.service.UsageException;
import io.ticklake.data.IndexSymbol;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.replay.BarFilter;
import io.ticklake.data.synth.TickSynthesizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where replayed bars come from, shared by {@code replay} and {@code demo}: a Kaggle CSV
 * ({@code --csv}) or the synthetic generator, narrowed by {@code --from/--to/--indices}.
 */
public final class SourceOptions {

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Kaggle CSV to replay (Index,Date,Open,High,Low,Close,Adj Close,Volume,CloseUSD); "
                    + "without it, a synthetic market is generated")
    Path csv;

    @Option(names = "--from", paramLabel = "DATE", converter = Converters.DateConverter.class,
            description = "first trading date, yyyy-MM-dd (generator default: 2021-05-17)")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", converter = Converters.DateConverter.class,
            description = "last trading date, yyyy-MM-dd, inclusive (generator default: 2021-05-28)")
    LocalDate to;

    @Option(names = "--indices", paramLabel = "A,B", split = ",",
            description = "index symbols to replay, each in the CSV (default: all of it) or, for the generator, in the "
                    + "reference data (default: NYA,IXIC,N225,HSI,GDAXI)")
    List<String> indices;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "seed of the generator and the tick synthesizer (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--tick-interval", paramLabel = "DURATION", defaultValue = "10s",
            converter = Converters.DurationConverter.class,
            description = "one synthesized tick per interval of each session, >= 1s (default: ${DEFAULT-VALUE}: six "
                    + "ticks in a 1-minute bar)")
    Duration tickInterval;

    /**
     * Checks the values together, then that the source has bars for them (a CSV is read once for that:
     * its indices, its dates, its header); throws {@link UsageException} naming the option.
     */
    public void validate() {
        if (csv != null && !Files.isReadable(csv)) {
            throw new UsageException("--csv: cannot read " + csv);
        }
        if (csv != null && Files.isDirectory(csv)) {
            throw new UsageException("--csv: " + csv + " is a directory");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new UsageException("--from " + from + " is after --to " + to);
        }
        if (tickInterval.compareTo(TickSynthesizer.MIN_INTERVAL) < 0) {
            throw new UsageException("--tick-interval must be at least 1s: " + tickInterval);
        }
        for (final String index : indices()) {
            if (!IndexSymbol.isValid(index)) {
                throw new UsageException("--indices: invalid index symbol '" + index + "'");
            }
        }
        if (new LinkedHashSet<>(indices()).size() != indices().size()) {
            throw new UsageException("--indices: duplicate index in " + indices());
        }
        if (csv != null) {
            SourceSelection.checkCsv(csv, filter());
        } else {
            final ReplaySelection selection = selection();
            SourceSelection.checkGenerator(referenceData(), selection.generatorIndices(), selection.generatorFrom(),
                    selection.generatorTo());
        }
    }

    /** What these options select, free of the CLI. */
    public ReplaySelection selection() {
        return new ReplaySelection(csv, from, to, indices, seed, tickInterval);
    }

    /** Indices given (empty: all of the CSV). */
    public List<String> indices() {
        return selection().indices();
    }

    /** Indices the generator uses. */
    public List<String> generatorIndices() {
        return selection().generatorIndices();
    }

    /** The bar filter for a CSV replay. */
    public BarFilter filter() {
        return selection().filter();
    }

    /** The reference data (built in). */
    public ReferenceData referenceData() {
        return selection().referenceData();
    }
}
