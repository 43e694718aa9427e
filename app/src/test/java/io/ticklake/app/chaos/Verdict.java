package io.ticklake.app.chaos;

import io.ticklake.data.DailyBar;
import io.ticklake.data.Tick;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The lake compared with the source: every replayed tick exactly once, every 1m bar equal to the
 * {@link Oracle}'s, every 1d bar equal to its source row, nothing but Parquet files under the tables.
 *
 * @param expectedTicks ticks replayed
 * @param lakeTicks     rows in {@code ticks}
 * @param lost          replayed ticks not in the lake
 * @param duplicated    rows beyond the first per lineage (kafka_partition, kafka_offset)
 * @param unexpected    lake ticks that were never replayed (beyond duplicates)
 * @param problems      human-readable differences (bars, stray objects), at most a few dozen
 */
record Verdict(long expectedTicks, long lakeTicks, long lost, long duplicated, long unexpected,
               List<String> problems) {
    private static final int MAX_PROBLEMS = 30;
    /**
     * {@code <table>/index=<v>/[date=<yyyy-MM-dd>/ or year=<yyyy>/]<topic>+<partition>+<20 digits>.parquet}
     * (the table's partition layout: {@code ohlc_1d} is {@code index=} alone by default)
     */
    private static final Pattern FILE = Pattern.compile("[a-z0-9_]+/index=[A-Za-z0-9._%-]+/"
            + "(?:date=\\d{4}-\\d{2}-\\d{2}/|year=\\d{4}/)?[A-Za-z0-9._-]+\\+\\d+\\+\\d{20}\\.parquet");

    static Verdict of(final LakeSnapshot lake, final List<Tick> ticks, final List<DailyBar> dailyBars) {
        return of(lake, ticks, ticks, dailyBars);
    }

    /**
     * Compares {@code ticks} with all of the lake's ticks, but bars only for the indices of
     * {@code barTicks} (other indices in the lake, e.g. odd test symbols, are not compared).
     */
    static Verdict of(final LakeSnapshot lake, final List<Tick> ticks, final List<Tick> barTicks,
                      final List<DailyBar> dailyBars) {
        final List<String> problems = new ArrayList<>();
        lake.keys().stream().filter(k -> !FILE.matcher(k).matches()).limit(5)
                .forEach(k -> problems.add("stray object " + k));

        final Map<String, Integer> expected = new HashMap<>();
        ticks.forEach(t -> expected.merge(tickKey(t.index(), t.ts(), t.price(), t.volume()), 1, Integer::sum));
        final long duplicated = lake.duplicateTicks();
        long unexpected = 0;
        final Map<String, Integer> remaining = new HashMap<>(expected);
        for (final LakeSnapshot.LakeTick t : lake.ticks()) {
            final String key = tickKey(t.index(), t.ts(), t.price(), t.volume());
            final Integer left = remaining.get(key);
            if (left == null || left == 0) {
                unexpected++;
            } else {
                remaining.put(key, left - 1);
            }
        }
        final long lost = remaining.values().stream().mapToLong(Integer::longValue).sum();
        unexpected = Math.max(0, unexpected - duplicated);

        final java.util.Set<String> indices = new java.util.HashSet<>();
        barTicks.forEach(t -> indices.add(t.index()));
        compareBars("ohlc_1m", Oracle.bars(barTicks, Oracle.MINUTE_MS),
                lake.ohlc1m().stream().filter(b -> indices.contains(b.index())).toList(), problems);
        compareDaily(Oracle.dailyBars(dailyBars),
                lake.ohlc1d().stream().filter(b -> indices.contains(b.index())).toList(), problems);
        return new Verdict(ticks.size(), lake.ticks().size(), lost, duplicated, unexpected,
                List.copyOf(problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS))));
    }

    /** Whether the lake equals the source exactly. */
    boolean exact() {
        return lost == 0 && duplicated == 0 && unexpected == 0 && lakeTicks == expectedTicks && problems.isEmpty();
    }

    private static void compareBars(final String table, final Map<String, Bar> expected, final List<Bar> lake,
                                    final List<String> problems) {
        final Map<String, Bar> actual = new HashMap<>();
        for (final Bar bar : lake) {
            if (actual.put(bar.key(), bar) != null) {
                problems.add(table + " duplicate bar " + bar.key());
            }
        }
        Oracle.keyDifferences(expected, actual).stream().limit(10).forEach(d -> problems.add(table + " " + d));
        expected.forEach((key, bar) -> {
            final Bar got = actual.get(key);
            if (got != null && !bar.matches(got)) {
                problems.add(table + " " + key + ": expected " + bar + " got " + got);
            }
        });
    }

    private static void compareDaily(final Map<String, DailyBar> expected, final List<Bar> lake,
                                     final List<String> problems) {
        final Map<String, Bar> actual = new HashMap<>();
        for (final Bar bar : lake) {
            if (actual.put(bar.key(), bar) != null) {
                problems.add("ohlc_1d duplicate bar " + bar.key());
            }
        }
        Oracle.keyDifferences(expected, actual).stream().limit(10).forEach(d -> problems.add("ohlc_1d " + d));
        expected.forEach((key, source) -> {
            final Bar got = actual.get(key);
            if (got != null && !Oracle.sameAsSource(got, source)) {
                problems.add("ohlc_1d " + key + ": source " + source + " lake " + got);
            }
        });
    }

    private static String tickKey(final String index, final long ts, final double price, final long volume) {
        return index + "|" + ts + "|" + Double.doubleToLongBits(price) + "|" + volume;
    }
}
