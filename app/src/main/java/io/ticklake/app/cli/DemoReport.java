package io.ticklake.app.cli;

import io.ticklake.service.RollupRefreshMetrics;
import io.ticklake.service.RollupRefresher;
import io.ticklake.service.TopologyCounters;
import io.ticklake.data.replay.ReplaySummary;
import io.ticklake.query.sql.DuckDbEngine;
import io.ticklake.query.sql.DuckDbRollups;
import io.ticklake.query.sql.LocalLake;
import io.ticklake.query.sql.QueryResult;
import io.ticklake.query.sql.ResultFormatter;
import io.ticklake.query.sql.RollupRun;
import io.ticklake.query.sql.Rollups;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * What a demo did: the rollups it built (DuckDB over the local lake), row counts read back from the
 * lake, files and bytes, timings, and a sample query.
 */
record DemoReport(ReplaySummary replay, long lakeTicks, long bars1m, long bars1d, List<RollupRun> rollups,
                  String rollupNote, DemoLake.LakeFiles files, Duration pipeline, TopologyCounters.Snapshot counters,
                  String sampleSql, QueryResult sample) {
    static final String SAMPLE_SQL = "SELECT \"index\", \"date\", open, high, low, close, volume, tick_count\n"
            + "FROM rollup_ohlc_1d ORDER BY \"date\" DESC, \"index\" LIMIT 10";

    /**
     * Reads the lake back with its rollups: the ones {@code refresher} keeps current once it caught up
     * with everything landed (within {@code timeout}), else built here in full.
     */
    static DemoReport build(final Path lake, final ReplaySummary replay, final Duration pipeline,
                            final TopologyCounters.Snapshot counters, final Optional<RollupRefresher> refresher,
                            final Duration timeout) throws InterruptedException {
        if (refresher.isPresent() && !refresher.get().awaitCaughtUp(timeout)) {
            throw new IllegalStateException("the rollups were not refreshed within " + timeout);
        }
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            final List<RollupRun> runs;
            final String note;
            if (refresher.isPresent()) {
                final RollupRefreshMetrics.Snapshot m = refresher.get().metrics().snapshot();
                runs = Rollups.all().stream().map(r -> new RollupRun(r.table(), count(engine, r.table()),
                        Duration.ofMillis(m.lastMillis()))).toList();
                note = String.format(Locale.ROOT, "refreshed by the service every %d ms: %d refreshes, %,d index-days, "
                        + "%,d partition files rewritten (times: the last refresh)", refresher.get().interval().toMillis(),
                        m.refreshes(), m.indexDays(), m.partitions());
            } else {
                runs = new DuckDbRollups(engine).buildAll();
                engine.refresh();
                note = "built in full";
            }
            return new DemoReport(replay, count(engine, "ticks"), count(engine, "ohlc_1m"), count(engine, "ohlc_1d"),
                    runs, note, DemoLake.parquetFiles(lake), pipeline, counters, SAMPLE_SQL, engine.query(SAMPLE_SQL));
        }
    }

    private static long count(final DuckDbEngine engine, final String table) {
        return ((Number) engine.query("SELECT count(*) AS n FROM " + table).value(0, "n")).longValue();
    }

    /** {@code dead letters: 3 (not-json 2, bad-timestamp 1); late: 0}: only the reasons and windows that counted. */
    static String counters(final TopologyCounters.Snapshot s) {
        return "dead letters: " + s.deadLetterTotal() + nonZero(s.deadLetters()) + "; late: " + s.lateTicks()
                + nonZero(s.lateWindows());
    }

    private static String nonZero(final Map<String, Long> counts) {
        final StringJoiner j = new StringJoiner(", ", " (", ")").setEmptyValue("");
        counts.forEach((name, n) -> {
            if (n > 0) {
                j.add(name + " " + n);
            }
        });
        return j.toString();
    }

    void print(final PrintWriter out, final Duration elapsed) {
        final double seconds = pipeline.toNanos() / 1e9;
        out.println("demo summary");
        out.printf(Locale.ROOT, "  ticks:    %,d replayed, %,d in the lake (table ticks)%n", replay.ticks(), lakeTicks);
        out.printf(Locale.ROOT, "  bars:     %,d (ohlc_1m %,d, ohlc_1d %,d)%n", bars1m + bars1d, bars1m, bars1d);
        out.println("  " + counters(counters));
        out.println("  rollups:  " + rollupNote);
        for (final RollupRun r : rollups) {
            out.printf(Locale.ROOT, "  rollup:   %s, %,d rows in %d ms%n", r.table(), r.rows(), r.elapsed().toMillis());
        }
        out.printf(Locale.ROOT, "  files:    %,d Parquet files, %,d bytes (%.1f bytes/tick)%n", files.files(),
                files.bytes(), replay.ticks() == 0 ? 0.0 : (double) files.bytes() / replay.ticks());
        out.printf(Locale.ROOT, "  elapsed:  %.1f s in all; replay to landed %.1f s, %,.0f ticks/s end to end "
                + "(replay alone %,.0f ticks/s)%n", elapsed.toNanos() / 1e9, seconds,
                seconds <= 0 ? 0.0 : replay.ticks() / seconds, replay.ticksPerSecond());
        out.println("sample query (DuckDB over the lake):");
        out.println(sampleSql);
        out.print(ResultFormatter.format(sample, ResultFormatter.Format.TABLE));
        out.flush();
    }
}
