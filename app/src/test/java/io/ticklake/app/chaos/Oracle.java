package io.ticklake.app.chaos;

import io.ticklake.data.DailyBar;
import io.ticklake.data.Tick;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the lake must hold, computed in test code from the replayed ticks, independently of the
 * topology: one bar per (index, epoch-aligned UTC window) with open = first tick's price, close =
 * last's, high/low = extremes, volume = sum, vwap = Σ(price × volume) / Σ volume (mean price when the
 * volume is 0).
 */
final class Oracle {
    static final long MINUTE_MS = 60_000L;
    static final long DAY_MS = 86_400_000L;

    private Oracle() {
    }

    /** The bars of {@code ticks} for windows of {@code sizeMs}, keyed by {@link Bar#key()}. */
    static Map<String, Bar> bars(final List<Tick> ticks, final long sizeMs) {
        final Map<String, List<Tick>> windows = ticks.stream()
                .sorted(Comparator.comparing(Tick::index).thenComparingLong(Tick::ts))
                .collect(Collectors.groupingBy(t -> t.index() + "@" + Math.floorDiv(t.ts(), sizeMs) * sizeMs,
                        LinkedHashMap::new, Collectors.toList()));
        final Map<String, Bar> bars = new LinkedHashMap<>();
        windows.forEach((key, window) -> {
            final Bar bar = bar(window, sizeMs);
            bars.put(bar.key(), bar);
        });
        return bars;
    }

    /** The source's daily bars as 1d bars (their sessions fall within one UTC day), keyed by {@link Bar#key()}. */
    static Map<String, DailyBar> dailyBars(final List<DailyBar> bars) {
        final Map<String, DailyBar> byKey = new LinkedHashMap<>();
        for (final DailyBar bar : bars) {
            byKey.put(bar.index() + "@" + bar.date().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(), bar);
        }
        return byKey;
    }

    /** Whether a lake 1d bar reproduces the source row exactly (open, high, low, close, volume). */
    static boolean sameAsSource(final Bar lake, final DailyBar source) {
        return lake.open() == source.open() && lake.high() == source.high() && lake.low() == source.low()
                && lake.close() == source.close() && lake.volume() == source.volume();
    }

    private static Bar bar(final List<Tick> window, final long sizeMs) {
        final Tick first = window.get(0);
        final Tick last = window.get(window.size() - 1);
        double high = Double.NEGATIVE_INFINITY;
        double low = Double.POSITIVE_INFINITY;
        long volume = 0;
        double notional = 0;
        double priceSum = 0;
        for (final Tick t : window) {
            high = Math.max(high, t.price());
            low = Math.min(low, t.price());
            volume += t.volume();
            notional += t.price() * t.volume();
            priceSum += t.price();
        }
        final double vwap = volume == 0 ? priceSum / window.size() : notional / volume;
        return new Bar(first.index(), Math.floorDiv(first.ts(), sizeMs) * sizeMs, first.price(), high, low,
                last.price(), volume, vwap, window.size(), first.ts(), last.ts());
    }

    /** Keys present in {@code expected} but not in {@code actual}, then keys only in {@code actual}. */
    static List<String> keyDifferences(final Map<String, ?> expected, final Map<String, ?> actual) {
        final List<String> out = new ArrayList<>();
        expected.keySet().stream().filter(k -> !actual.containsKey(k)).forEach(k -> out.add("missing " + k));
        actual.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> out.add("unexpected " + k));
        return out;
    }
}
