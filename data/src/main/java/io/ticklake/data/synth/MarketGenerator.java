package io.ticklake.data.synth;

import io.ticklake.data.DailyBar;
import io.ticklake.data.IndexInfo;
import io.ticklake.data.IndexSymbol;
import io.ticklake.data.ReferenceData;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A synthetic market in the shape of the Kaggle file: for each index a mean-reverting random walk
 * around a realistic level (NYA ≈ 16,000, HSI ≈ 29,000, …; 1,000 for an unknown index), one bar per
 * weekday, prices rounded to cents, Low ≤ Open, Close ≤ High, Adj Close = Close, a volume at the
 * index's usual scale (0 for J203.JO, like the real data), CloseUSD = Close × the reference USD rate
 * (null when unknown). Bars are grouped by index (in the order given) and sorted by date within an
 * index. Each index's path depends only on the seed and its symbol. Thread-safe.
 */
public final class MarketGenerator {
    /** Price levels and typical daily volumes of the reference indices. */
    private static final Map<String, double[]> LEVELS = Map.ofEntries(
            Map.entry("NYA", new double[] {16_000, 4.0e9}),
            Map.entry("IXIC", new double[] {14_000, 4.5e9}),
            Map.entry("HSI", new double[] {29_000, 2.0e9}),
            Map.entry("000001.SS", new double[] {3_600, 3.0e8}),
            Map.entry("399001.SZ", new double[] {14_500, 4.0e8}),
            Map.entry("N225", new double[] {29_000, 8.0e7}),
            Map.entry("N100", new double[] {1_250, 2.0e8}),
            Map.entry("GDAXI", new double[] {15_000, 8.0e7}),
            Map.entry("GSPTSE", new double[] {19_500, 2.0e8}),
            Map.entry("NSEI", new double[] {15_000, 4.0e5}),
            Map.entry("KS11", new double[] {3_100, 5.0e5}),
            Map.entry("SSMI", new double[] {11_000, 3.0e7}),
            Map.entry("TWII", new double[] {17_000, 5.0e6}),
            Map.entry("J203.JO", new double[] {68_000, 0}));
    private static final double[] UNKNOWN_LEVEL = {1_000, 1.0e6};
    private static final double DAILY_VOL = 0.012;
    private static final double GAP_VOL = 0.003;
    private static final double RANGE_VOL = 0.006;
    private static final double MEAN_REVERSION = 0.002;
    private final ReferenceData ref;
    private final long seed;

    public MarketGenerator(final ReferenceData ref, final long seed) {
        this.ref = Objects.requireNonNull(ref, "ref");
        this.seed = seed;
    }

    /**
     * Bars of {@code indices} for every weekday in {@code [from, to]}, lazily.
     *
     * @throws IllegalArgumentException when there is no index, a symbol is invalid or duplicated,
     *                                  or {@code from} is after {@code to}
     */
    public Stream<DailyBar> generate(final List<String> indices, final LocalDate from, final LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (indices == null || indices.isEmpty()) {
            throw new IllegalArgumentException("at least one index is required");
        }
        indices.forEach(IndexSymbol::require);
        if (new LinkedHashSet<>(indices).size() != indices.size()) {
            throw new IllegalArgumentException("duplicate index in " + indices);
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        return List.copyOf(indices).stream().flatMap(index -> walk(index, from, to));
    }

    /** How many bars {@code generate(indices, from, to)} yields. */
    public static long count(final List<String> indices, final LocalDate from, final LocalDate to) {
        return indices.size() * weekdays(from, to);
    }

    /** Weekdays (Monday to Friday) in {@code [from, to]}. */
    public static long weekdays(final LocalDate from, final LocalDate to) {
        return Stream.iterate(from, d -> !d.isAfter(to), d -> d.plusDays(1)).filter(MarketGenerator::weekday).count();
    }

    private Stream<DailyBar> walk(final String index, final LocalDate from, final LocalDate to) {
        final double[] level = LEVELS.getOrDefault(index, UNKNOWN_LEVEL);
        final Double rate = ref.find(index).map(IndexInfo::usdRate).orElse(null);
        final SplittableRandom random = new SplittableRandom(Seeds.mix(seed, index.hashCode()));
        final double[] prevClose = {level[0] * Math.exp(random.nextDouble(-0.05, 0.05))};
        final long days = ChronoUnit.DAYS.between(from, to) + 1;
        return Stream.iterate(from, d -> d.plusDays(1)).limit(days).filter(MarketGenerator::weekday).map(date -> {
            final DailyBar bar = bar(index, date, prevClose[0], level, rate, random);
            prevClose[0] = bar.close();
            return bar;
        });
    }

    private static DailyBar bar(final String index, final LocalDate date, final double prevClose,
                                final double[] level, final Double rate, final SplittableRandom random) {
        final double drift = -MEAN_REVERSION * Math.log(prevClose / level[0]);
        final double open = cents(prevClose * Math.exp(GAP_VOL * gaussian(random)));
        final double close = cents(prevClose * Math.exp(drift + DAILY_VOL * gaussian(random)));
        final double high = Math.max(Math.max(open, close),
                cents(Math.max(open, close) * Math.exp(Math.abs(RANGE_VOL * gaussian(random)))));
        final double low = Math.min(Math.min(open, close),
                cents(Math.min(open, close) * Math.exp(-Math.abs(RANGE_VOL * gaussian(random)))));
        final long volume = Math.round(level[1] * Math.exp(0.25 * gaussian(random)));
        final Double closeUsd = rate == null ? null : close * rate;
        return new DailyBar(index, date, open, high, low, close, close, volume, closeUsd);
    }

    private static boolean weekday(final LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    private static double cents(final double v) {
        return Math.max(0.01, Math.round(v * 100) / 100.0);
    }

    private static double gaussian(final SplittableRandom random) {
        final double u1 = 1.0 - random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
