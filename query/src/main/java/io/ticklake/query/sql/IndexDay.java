package io.ticklake.query.sql;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/** One index on one trading date: the unit a rollup refresh recomputes. */
public record IndexDay(String index, LocalDate date) implements Comparable<IndexDay> {
    private static final Comparator<IndexDay> ORDER = Comparator.comparing(IndexDay::index)
            .thenComparing(IndexDay::date);

    public IndexDay {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(date, "date");
    }

    @Override
    public int compareTo(final IndexDay o) {
        return ORDER.compare(this, o);
    }
}
