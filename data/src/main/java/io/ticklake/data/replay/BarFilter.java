package io.ticklake.data.replay;

import io.ticklake.data.DailyBar;
import io.ticklake.data.IndexSymbol;
import java.time.LocalDate;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which bars a replay takes: dates in {@code [from, to]} (inclusive, either end open when null) and
 * indices in {@code indices} (all when empty).
 */
public record BarFilter(LocalDate from, LocalDate to, Set<String> indices) implements Predicate<DailyBar> {
    public BarFilter {
        indices = indices == null ? Set.of() : Set.copyOf(indices);
        indices.forEach(IndexSymbol::require);
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
    }

    /** Takes every bar. */
    public static BarFilter all() {
        return new BarFilter(null, null, Set.of());
    }

    @Override
    public boolean test(final DailyBar bar) {
        return (from == null || !bar.date().isBefore(from))
                && (to == null || !bar.date().isAfter(to))
                && (indices.isEmpty() || indices.contains(bar.index()));
    }
}
