package io.ticklake.service.http.page;

import io.ticklake.query.sql.DuckDbEngine;
import io.ticklake.query.sql.QueryResult;
import io.ticklake.query.sql.SqlException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link BarsReader} over a local lake through the query module's {@link DuckDbEngine}: one view per
 * {@code ohlc_<window>} table, refreshed (new files become visible) at most once per
 * {@link #REFRESH_EVERY}. Every value from a request is a bound parameter; the table names come from
 * the configuration. The engine is not thread-safe, so calls are serialized.
 */
public final class DuckDbBarsReader implements BarsReader, AutoCloseable {
    /** New lake files show up in the page's history within this long. */
    public static final Duration REFRESH_EVERY = Duration.ofSeconds(1);
    private final Supplier<DuckDbEngine> opener;
    private final Map<String, String> tables;
    private final String indexTable;
    private final Clock clock;
    private DuckDbEngine engine;
    private long refreshedAt = Long.MIN_VALUE;

    /**
     * @param opener     opens the engine over the lake (lazily, at the first request)
     * @param tables     window name → lake table, e.g. {@code 1m → ohlc_1m}
     * @param indexTable the table whose indices and dates {@link #indices()} lists (the smallest window's)
     */
    public DuckDbBarsReader(final Supplier<DuckDbEngine> opener, final Map<String, String> tables,
                            final String indexTable, final Clock clock) {
        this.opener = opener;
        this.tables = Map.copyOf(tables);
        this.indexTable = indexTable;
        this.clock = clock;
    }

    @Override
    public synchronized List<IndexSummary> indices() {
        final DuckDbEngine e = engine();
        if (!e.tables().contains(indexTable)) {
            return List.of();
        }
        final QueryResult r = e.query("SELECT \"index\", CAST(min(\"date\") AS VARCHAR), CAST(max(\"date\") AS VARCHAR)"
                + " FROM " + quoted(indexTable) + " GROUP BY 1 ORDER BY 1", List.of());
        final List<IndexSummary> out = new ArrayList<>(r.rows().size());
        for (final List<Object> row : r.rows()) {
            out.add(new IndexSummary((String) row.get(0), null, null, (String) row.get(1), (String) row.get(2)));
        }
        return out;
    }

    @Override
    public synchronized List<HistoryBar> bars(final BarQuery q, final int limit) {
        final String table = tables.get(q.window());
        final DuckDbEngine e = engine();
        if (table == null || !e.tables().contains(table)) {
            return List.of();
        }
        final StringBuilder sql = new StringBuilder("SELECT epoch_ms(window_start), open, high, low, close, volume,"
                + " tick_count FROM ").append(quoted(table)).append(" WHERE \"index\" = ?");
        final List<Object> params = new ArrayList<>();
        params.add(q.index());
        q.from().ifPresent(b -> bound(sql, params, b, true));
        q.to().ifPresent(b -> bound(sql, params, b, false));
        sql.append(" ORDER BY 1 LIMIT ?");
        params.add(limit + 1L);
        final QueryResult r = e.query(sql.toString(), params);
        final List<HistoryBar> out = new ArrayList<>(r.rows().size());
        for (final List<Object> row : r.rows()) {
            out.add(new HistoryBar(((Number) row.get(0)).longValue(), num(row.get(1)), num(row.get(2)),
                    num(row.get(3)), num(row.get(4)), ((Number) row.get(5)).longValue(),
                    ((Number) row.get(6)).longValue(), false));
        }
        return out;
    }

    private static void bound(final StringBuilder sql, final List<Object> params, final TimeBound b, final boolean from) {
        if (b.date() != null) {
            sql.append(from ? " AND \"date\" >= CAST(? AS DATE)" : " AND \"date\" <= CAST(? AS DATE)");
            params.add(b.date().toString());
        } else {
            sql.append(from ? " AND epoch_ms(window_start) >= ?" : " AND epoch_ms(window_start) < ?");
            params.add(b.instant().toEpochMilli());
        }
    }

    private static double num(final Object o) {
        return ((Number) o).doubleValue();
    }

    /** A configured table name ({@code [a-z0-9_]}, checked by the sink's config) as an identifier. */
    private static String quoted(final String table) {
        return "\"" + table.replace("\"", "\"\"") + "\"";
    }

    private DuckDbEngine engine() {
        if (engine == null) {
            engine = opener.get();
        }
        final long now = clock.millis();
        if (now - refreshedAt >= REFRESH_EVERY.toMillis()) {
            try {
                engine.refresh();
            } catch (SqlException e) {
                throw new IllegalStateException("cannot read the lake: " + e.getMessage(), e);
            }
            refreshedAt = now;
        }
        return engine;
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
