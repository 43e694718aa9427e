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
 * run unchanged by both engines ({@link DuckDbRollups}, {@link AthenaRollups}).
 */
public final class Rollups {
    private static final String RESOURCE_DIR = "/io/ticklake/query/sql/rollups/";
    /**
     * Layouts by measurement on the full file (docs/BENCHMARKS.md, "Partition layout"): the daily rollups
     * hold one row per index-day, so {@code index} alone (a file per index); the hourly one ~7 rows per
     * index-day, also {@code index} alone.
     */
    private static final List<Rollup> ALL = List.of(
            load("rollup_ohlc_1h", List.of("ohlc_1m"), PartitionLayout.INDEX),
            load("rollup_ohlc_1d", List.of("ohlc_1m"), PartitionLayout.INDEX),
            load("rollup_daily_returns", List.of("rollup_ohlc_1d"), PartitionLayout.INDEX),
            load("rollup_volatility", List.of("rollup_daily_returns"), PartitionLayout.INDEX));

    private Rollups() {
    }

    /** Every rollup, in build order. */
    public static List<Rollup> all() {
        return ALL;
    }

    /** The rollup named {@code table}. */
    public static Rollup named(final String table) {
        return ALL.stream().filter(r -> r.table().equals(table)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown rollup: " + table + " (known: "
                        + ALL.stream().map(Rollup::table).toList() + ")"));
    }

    private static Rollup load(final String table, final List<String> sources, final PartitionLayout layout) {
        try (InputStream in = Rollups.class.getResourceAsStream(RESOURCE_DIR + table + ".sql")) {
            if (in == null) {
                throw new IllegalStateException("missing rollup SQL resource for " + table);
            }
            return new Rollup(table, sources, new String(in.readAllBytes(), StandardCharsets.UTF_8).strip(), layout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
