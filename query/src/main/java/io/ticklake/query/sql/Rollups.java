package io.ticklake.query.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.ticklake.sink.lake.PartitionLayout;

/**
 * The rollup tables, in build order (each reads only lake tables or rollups listed before it). Their
 * SQL lives in one place, {@code io/ticklake/query/sql/rollups/<table>.sql} on the classpath, and is
 * run unchanged by both engines ({@link DuckDbRollups}, {@link AthenaRollups}); each declares its
 * {@linkplain Rollup#reach() reach} in trading days, from which {@link DuckDbRollupRefresh} derives the
 * rows a new day changes.
 */
public final class Rollups {
    private static final String RESOURCE_DIR = "/io/ticklake/query/sql/rollups/";
    /**
     * Layouts by measurement on the full file (docs/BENCHMARKS.md, "Partition layout"): the daily rollups
     * hold one row per index-day, so {@code index} alone (a file per index); the hourly one ~7 rows per
     * index-day, also {@code index} alone.
     */
    private static final List<Rollup> ALL = List.of(
            load("rollup_ohlc_1h", List.of("ohlc_1m"), 0, PartitionLayout.INDEX),
            load("rollup_ohlc_1d", List.of("ohlc_1m"), 0, PartitionLayout.INDEX),
            load("rollup_daily_returns", List.of("rollup_ohlc_1d"), 1, PartitionLayout.INDEX), // lag(close): the previous close
            load("rollup_volatility", List.of("rollup_daily_returns"), 19, PartitionLayout.INDEX)); // 20 rows: 19 PRECEDING

    private Rollups() {
    }

    /** Every rollup, in build order. */
    public static List<Rollup> all() {
        return ALL;
    }

    /** The lake tables (not rollups) the rollups read: what the sink must report for a refresh. */
    public static java.util.Set<String> lakeSources() {
        final java.util.Set<String> names = new java.util.TreeSet<>();
        ALL.forEach(r -> names.addAll(r.sources()));
        ALL.forEach(r -> names.remove(r.table()));
        return java.util.Set.copyOf(names);
    }

    /** The rollup named {@code table}. */
    public static Rollup named(final String table) {
        return ALL.stream().filter(r -> r.table().equals(table)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown rollup: " + table + " (known: "
                        + ALL.stream().map(Rollup::table).toList() + ")"));
    }

    private static Rollup load(final String table, final List<String> sources, final int reach,
                               final PartitionLayout layout) {
        try (InputStream in = Rollups.class.getResourceAsStream(RESOURCE_DIR + table + ".sql")) {
            if (in == null) {
                throw new IllegalStateException("missing rollup SQL resource for " + table);
            }
            return new Rollup(table, sources, new String(in.readAllBytes(), StandardCharsets.UTF_8).strip(),
                    reach, layout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
