package io.ticklake.bench;

import io.ticklake.query.sql.DuckDbEngine;
import io.ticklake.query.sql.DuckDbRollups;
import io.ticklake.query.sql.QueryResult;
import io.ticklake.query.sql.Rollup;
import io.ticklake.query.sql.RollupRun;
import io.ticklake.query.sql.Rollups;
import io.ticklake.query.sql.SqlLiterals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * DuckDB over a local lake: the time to build a rollup, and what a one-index, one-day query reads
 * against the same query over the whole table (hive-partition pruning), as DuckDB's
 * {@code EXPLAIN ANALYZE} reports it ({@link ScanStats}), next to the bytes of the files on disk.
 */
public final class QueryBench {
    private QueryBench() {
    }

    /** One query: wall time of a plain run, and what EXPLAIN ANALYZE of a second run read. */
    public record Query(String sql, Duration elapsed, ScanStats scan) {
    }

    /**
     * Figures of one run.
     *
     * @param rollup          the rollup built, its rows and time
     * @param partition       the one-index, one-day query
     * @param whole           the same query over the whole table
     * @param tableFiles      Parquet files of the table on disk
     * @param tableBytes      their bytes
     * @param partitionFiles  Parquet files in the queried partition directory
     * @param partitionBytes  their bytes
     */
    public record Result(RollupRun rollup, Query partition, Query whole, long tableFiles, long tableBytes,
                  long partitionFiles, long partitionBytes) {
    }

    /**
     * @param writeRollup true: build the rollup as the demo does (written back to the lake); false: only its
     *                    SELECT, into a DuckDB temporary table (the query without the partitioned write)
     */
    public static Result run(final DuckDbEngine engine, final String rollup, final boolean writeRollup, final String table,
                      final String index, final String date) throws IOException {
        final RollupRun run = writeRollup ? new DuckDbRollups(engine).build(Rollups.named(rollup))
                : selectOnly(engine, Rollups.named(rollup));
        engine.refresh();
        final String columns = "SELECT count(*) AS n, max(kafka_offset) AS last_offset FROM ";
        final String where = " WHERE \"index\" = " + literal(index) + " AND \"date\" = DATE " + literal(date);
        final Query whole = query(engine, columns + SqlLiterals.table(table));
        final Query partition = query(engine, columns + SqlLiterals.table(table) + where);
        final long[] tableSize = size(engine.root().resolve(table));
        final long[] partSize = size(engine.root().resolve(table).resolve("index=" + escape(index))
                .resolve("date=" + date));
        return new Result(run, partition, whole, tableSize[0], tableSize[1], partSize[0], partSize[1]);
    }

    private static RollupRun selectOnly(final DuckDbEngine engine, final Rollup rollup) {
        final long t0 = System.nanoTime();
        engine.execute("CREATE OR REPLACE TEMP TABLE bench_rollup AS " + rollup.sql());
        final Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        final Object rows = engine.query("SELECT count(*) FROM bench_rollup").rows().get(0).get(0);
        engine.execute("DROP TABLE bench_rollup");
        return new RollupRun(rollup.table(), ((Number) rows).longValue(), elapsed);
    }

    private static Query query(final DuckDbEngine engine, final String sql) {
        final long t0 = System.nanoTime();
        engine.query(sql);
        final Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        final QueryResult plan = engine.query("EXPLAIN ANALYZE " + sql);
        final String text = plan.rows().stream().map(r -> r.get(r.size() - 1).toString())
                .collect(Collectors.joining("\n"));
        return new Query(sql, elapsed, ScanStats.parse(text));
    }

    /** A SQL string literal (quotes doubled). */
    public static String literal(final String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String escape(final String index) {
        return io.ticklake.sink.lake.PartitionPath.escape(index);
    }

    /** Parquet files under {@code dir} and their bytes; zeros when it does not exist. */
    public static long[] size(final Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return new long[] {0, 0};
        }
        try (Stream<Path> files = Files.walk(dir)) {
            final long[] acc = new long[2];
            files.filter(p -> p.toString().endsWith(".parquet")).forEach(p -> {
                acc[0]++;
                acc[1] += p.toFile().length();
            });
            return acc;
        }
    }
}
