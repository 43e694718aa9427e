package io.ticklake.data.testing;

import io.ticklake.data.DailyBar;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.csv.CsvBarWriter;
import io.ticklake.data.synth.MarketGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Small generated datasets for tests of every module (shipped in ticklake-data's test-jar):
 * bars from {@link MarketGenerator} with the built-in reference data, in memory or as a Kaggle CSV.
 */
public final class TestMarket {
    /** Indices in three time zones far apart (New York, Tokyo, Frankfurt). */
    public static final List<String> THREE_ZONES = List.of("NYA", "N225", "GDAXI");
    /** Seed used by the shortcuts. */
    public static final long SEED = 20_210_528L;

    private TestMarket() {
    }

    /** Generated bars, grouped by index then sorted by date (like the Kaggle file). */
    public static List<DailyBar> bars(final List<String> indices, final LocalDate from, final LocalDate to,
                                      final long seed) {
        return new MarketGenerator(ReferenceData.builtIn(), seed).generate(indices, from, to).toList();
    }

    /** {@link #THREE_ZONES} over one week, Monday 2021-05-24 to Friday 2021-05-28: 15 bars. */
    public static List<DailyBar> oneWeek() {
        return bars(THREE_ZONES, LocalDate.of(2021, 5, 24), LocalDate.of(2021, 5, 28), SEED);
    }

    /** Writes {@code bars} as a Kaggle CSV at {@code file} and returns it. */
    public static Path writeCsv(final Path file, final List<DailyBar> bars) {
        try (CsvBarWriter writer = CsvBarWriter.create(file)) {
            bars.forEach(writer::write);
        }
        return file;
    }

    /** Writes a generated dataset as {@code dir/market.csv} and returns the file. */
    public static Path writeCsv(final Path dir, final List<String> indices, final LocalDate from,
                                final LocalDate to, final long seed) {
        return writeCsv(dir.resolve("market.csv"), bars(indices, from, to, seed));
    }
}
