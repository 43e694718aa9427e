package io.ticklake.bench.trino;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.ticklake.query.sql.QueryResult;

/**
 * Compares one query's rows from two engines: same column names, same types (Trino's and DuckDB's
 * names of one SQL type), the same rows. Doubles are equal within a relative tolerance (the engines sum
 * in different orders); everything else exactly. Rows are compared in order when the query orders
 * them, else as multisets (both sides sorted the same way, key columns first).
 */
public final class ResultComparison {
    /**
     * The outcome of one comparison.
     *
     * @param rows        rows compared (the larger side when the counts differ)
     * @param maxRelative the largest relative difference of two doubles that were compared
     * @param difference  the first difference found, or null when the results are equal
     */
    public record Outcome(long rows, double maxRelative, String difference) {
        /** Whether the results are equal within the tolerance. */
        public boolean equal() {
            return difference == null;
        }
    }

    private final double tolerance;

    /** A comparison that lets doubles differ by at most {@code tolerance} relative. */
    public ResultComparison(final double tolerance) {
        this.tolerance = tolerance;
    }

    /** Compares {@code trino} with {@code duck}; {@code ordered}: compare rows in the order returned. */
    public Outcome compare(final QueryResult trino, final QueryResult duck, final boolean ordered) {
        final long rows = Math.max(trino.rows().size(), duck.rows().size());
        if (!trino.columns().equals(duck.columns())) {
            return new Outcome(rows, 0, "columns differ: Trino " + trino.columns() + ", DuckDB " + duck.columns());
        }
        for (int c = 0; c < trino.types().size(); c++) {
            if (!sqlType(trino.types().get(c)).equals(sqlType(duck.types().get(c)))) {
                return new Outcome(rows, 0, "type of " + trino.columns().get(c) + " differs: Trino "
                        + trino.types().get(c) + ", DuckDB " + duck.types().get(c));
            }
        }
        if (trino.rows().size() != duck.rows().size()) {
            return new Outcome(rows, 0, "row counts differ: Trino " + trino.rows().size() + ", DuckDB "
                    + duck.rows().size());
        }
        final List<List<Object>> a = ordered ? normalized(trino.rows()) : sorted(trino);
        final List<List<Object>> b = ordered ? normalized(duck.rows()) : sorted(duck);
        double max = 0;
        for (int r = 0; r < a.size(); r++) {
            for (int c = 0; c < trino.columns().size(); c++) {
                final Object x = a.get(r).get(c);
                final Object y = b.get(r).get(c);
                if (x instanceof Double dx && y instanceof Double dy) {
                    final double rel = relative(dx, dy);
                    max = Math.max(max, rel);
                    if (rel > tolerance) {
                        return new Outcome(rows, max, cell(trino, r, c, x, y) + " (relative " + rel + ")");
                    }
                } else if (!sameValue(x, y)) {
                    return new Outcome(rows, max, cell(trino, r, c, x, y));
                }
            }
        }
        return new Outcome(rows, max, null);
    }

    /** The relative difference of two doubles: 0 when equal (NaN = NaN), else |x − y| / max(|x|, |y|). */
    static double relative(final double x, final double y) {
        if (Double.compare(x, y) == 0 || x == y) {
            return 0;
        }
        if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(x) || Double.isInfinite(y)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
    }

    /**
     * One name per SQL type for both engines: Trino's {@code varchar}/{@code timestamp(3)}/{@code integer}
     * and DuckDB's {@code VARCHAR}/{@code TIMESTAMP}/{@code INTEGER} are the same type. DuckDB's
     * {@code TIMESTAMP WITH TIME ZONE} is a {@code timestamp} too: the lake's times are UTC instants
     * (Parquet {@code isAdjustedToUTC}), which DuckDB's views type {@code TIMESTAMPTZ} in a UTC session
     * and Glue declares {@code timestamp} (the UTC wall clock in Athena/Trino); values are compared as
     * that UTC wall clock.
     */
    static String sqlType(final String engineType) {
        final String t = engineType.strip().toLowerCase(Locale.ROOT);
        if (t.equals("timestamp with time zone") || t.equals("timestamptz")) {
            return "timestamp";
        }
        if (t.startsWith("varchar")) {
            return "varchar";
        }
        if (t.startsWith("timestamp") && !t.contains("time zone")) {
            return "timestamp";
        }
        if (t.startsWith("decimal")) {
            return t.replace(" ", "");
        }
        return switch (t) {
            case "int", "int4" -> "integer";
            case "int8", "long" -> "bigint";
            case "float8" -> "double";
            case "float", "float4" -> "real";
            case "bool" -> "boolean";
            case "blob", "bytea" -> "varbinary";
            default -> t;
        };
    }

    /** Values of both engines in one Java type per SQL type: integers as Long, instants as UTC LocalDateTime. */
    static Object normalize(final Object v) {
        if (v instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        return v;
    }

    private static List<List<Object>> normalized(final List<List<Object>> rows) {
        final List<List<Object>> out = new ArrayList<>(rows.size());
        for (final List<Object> row : rows) {
            final List<Object> values = new ArrayList<>(row.size());
            for (final Object v : row) {
                values.add(normalize(v));
            }
            out.add(values);
        }
        return out;
    }

    private static boolean sameValue(final Object x, final Object y) {
        if (x instanceof Number nx && y instanceof Number ny && !(x instanceof Double) && !(y instanceof Double)) {
            return new BigDecimal(nx.toString()).compareTo(new BigDecimal(ny.toString())) == 0;
        }
        return Objects.equals(x, y);
    }

    private static String cell(final QueryResult r, final int row, final int column, final Object x, final Object y) {
        return "row " + row + ", " + r.columns().get(column) + ": Trino " + x + ", DuckDB " + y;
    }

    /** The rows sorted by their non-double columns first (the keys of a rollup), then by every column. */
    private static List<List<Object>> sorted(final QueryResult r) {
        final List<Integer> order = new ArrayList<>();
        for (int c = 0; c < r.types().size(); c++) {
            if (!isFloating(r.types().get(c))) {
                order.add(c);
            }
        }
        for (int c = 0; c < r.types().size(); c++) {
            if (isFloating(r.types().get(c))) {
                order.add(c);
            }
        }
        final List<List<Object>> rows = normalized(r.rows());
        rows.sort((x, y) -> {
            for (final int c : order) {
                final int cmp = VALUES.compare(x.get(c), y.get(c));
                if (cmp != 0) {
                    return cmp;
                }
            }
            return 0;
        });
        return rows;
    }

    private static boolean isFloating(final String type) {
        final String t = sqlType(type);
        return t.equals("double") || t.equals("real");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<Object> VALUES = Comparator.nullsFirst((x, y) -> {
        if (x instanceof Number nx && y instanceof Number ny && !(x instanceof Double || y instanceof Double)) {
            return new BigDecimal(nx.toString()).compareTo(new BigDecimal(ny.toString()));
        }
        if (x instanceof Comparable cx && x.getClass() == y.getClass()) {
            return cx.compareTo(y);
        }
        return x.toString().compareTo(y.toString());
    });
}
