package io.ticklake.query.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ticklake.data.DailyBar;
import io.ticklake.data.OhlcBar;
import io.ticklake.data.testing.TestMarket;
import io.ticklake.sink.testing.MinuteBarLake;

/** Rollups built by DuckDB over 1-minute bars written with the sink's encoder and layout. */
class DuckDbRollupsTest {
    @TempDir
    static Path lake;
    private static List<DailyBar> days;
    private static List<OhlcBar> minutes;
    private static DuckDbEngine engine;
    private static List<RollupRun> firstRun;

    @BeforeAll
    static void buildLakeAndRollups() {
        days = TestMarket.bars(TestMarket.THREE_ZONES, LocalDate.of(2021, 3, 1), LocalDate.of(2021, 4, 30),
                TestMarket.SEED);
        minutes = MinuteBarLake.minuteBars(days, Duration.ofMinutes(1), TestMarket.SEED);
        MinuteBarLake.write(lake, minutes);
        engine = LocalLake.open(lake);
        firstRun = new DuckDbRollups(engine).buildAll();
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void dailyRollupFromMinuteBarsEqualsTheSourceDaysExactly() {
        final QueryResult r = engine.query("SELECT \"index\", \"date\", open, high, low, close, volume, bar_count "
                + "FROM rollup_ohlc_1d ORDER BY \"index\", \"date\"");
        final Map<String, DailyBar> expected = new HashMap<>();
        days.forEach(d -> expected.put(d.index() + "/" + d.date(), d));

        assertThat(r.rows()).hasSize(days.size());
        for (final List<Object> row : r.rows()) {
            final DailyBar d = expected.get(row.get(0) + "/" + row.get(1));
            assertThat(d).as("source day of %s", row).isNotNull();
            assertThat(row.subList(2, 7)).as("%s %s", d.index(), d.date())
                    .containsExactly(d.open(), d.high(), d.low(), d.close(), d.volume());
        }
        assertThat(r.types().subList(0, 2)).containsExactly("VARCHAR", "DATE");
    }

    @Test
    void hourlyRollupKeepsVolumeAndTicks() {
        final QueryResult r = engine.query("SELECT CAST(sum(volume) AS BIGINT) AS v, CAST(sum(tick_count) AS BIGINT) AS t,"
                + " count(*) AS n FROM rollup_ohlc_1h");
        final long volume = days.stream().mapToLong(DailyBar::volume).sum();
        final long ticks = minutes.stream().mapToLong(OhlcBar::tickCount).sum();
        assertThat(r.rows().get(0).subList(0, 2)).containsExactly(volume, ticks);
        // NYA trades 09:30-16:00 New York: 7 UTC hours a day
        final QueryResult nya = engine.query("SELECT count(*) AS n FROM rollup_ohlc_1h WHERE \"index\" = 'NYA' "
                + "AND \"date\" = DATE '2021-04-01'");
        assertThat(nya.rows().get(0).get(0)).isEqualTo(7L);
    }

    @Test
    void returnsAndRollingVolatilityMatchAPlainComputation() {
        final List<DailyBar> nya = days.stream().filter(d -> d.index().equals("NYA")).toList();
        final List<Double> logReturns = new ArrayList<>();
        for (int i = 1; i < nya.size(); i++) {
            logReturns.add(Math.log(nya.get(i).close() / nya.get(i - 1).close()));
        }
        final QueryResult r = engine.query("SELECT v.\"date\", d.log_return, v.volatility_20d, v.observations "
                + "FROM rollup_volatility v JOIN rollup_daily_returns d USING (\"index\", \"date\") "
                + "WHERE v.\"index\" = 'NYA' ORDER BY v.\"date\"");

        assertThat(r.rows()).hasSize(nya.size());
        assertThat(r.rows().get(0).get(1)).isNull();
        assertThat((Double) r.rows().get(1).get(1)).isCloseTo(logReturns.get(0), within(1e-12));
        assertThat(r.rows().get(19).get(2)).isNull(); // 19 returns so far
        assertThat(r.rows().get(20).get(3)).isEqualTo(20L);
        assertThat((Double) r.rows().get(20).get(2)).isCloseTo(stddev(logReturns.subList(0, 20)), within(1e-12));
        assertThat((Double) r.rows().get(25).get(2)).isCloseTo(stddev(logReturns.subList(5, 25)), within(1e-12));
    }

    @Test
    void rerunReplacesInsteadOfDuplicatingAndLeavesOnlyParquet() throws IOException {
        final List<RollupRun> again = new DuckDbRollups(engine).buildAll();

        assertThat(again).extracting(RollupRun::rows).isEqualTo(firstRun.stream().map(RollupRun::rows).toList());
        assertThat(engine.query("SELECT count(*) FROM rollup_ohlc_1d").rows().get(0).get(0))
                .isEqualTo((long) days.size());
        assertThat(engine.query("SELECT count(*) FROM (SELECT DISTINCT \"index\", \"date\" FROM rollup_ohlc_1d)")
                .rows().get(0).get(0)).isEqualTo((long) days.size());
        for (final Rollup rollup : Rollups.all()) {
            try (Stream<Path> files = Files.walk(lake.resolve(rollup.table()))) {
                final List<Path> regular = files.filter(Files::isRegularFile).toList();
                assertThat(regular).isNotEmpty().allSatisfy(f -> {
                    assertThat(f.getFileName().toString()).endsWith(".parquet");
                    assertThat(lake.resolve(rollup.table()).relativize(f).toString()).matches(switch (rollup.layout()) {
                        case INDEX_DATE -> "index=[^/]+/date=\\d{4}-\\d{2}-\\d{2}/[^/]+\\.parquet";
                        case INDEX_YEAR -> "index=[^/]+/year=\\d{4}/[^/]+\\.parquet";
                        case INDEX -> "index=[^/]+/[^/]+\\.parquet";
                    });
                });
            }
        }
        assertThat(lake.resolve(DuckDbEngine.STAGING_DIR)).doesNotExist();
    }

    @Test
    void rollupFilesAreMillisecondTimestampsWithoutPartitionColumns() {
        for (final Rollup rollup : Rollups.all()) {
            final QueryResult schema = engine.query("SELECT name, logical_type FROM parquet_schema("
                    + SqlLiterals.path(lake.resolve(rollup.table()), "/**/*.parquet") + ") WHERE name IN "
                    + "('window_start', 'index', 'date', 'year') GROUP BY ALL ORDER BY name");
            final List<String> names = schema.rows().stream().map(r -> String.valueOf(r.get(0))).toList();
            // the partition columns are in the paths only; the date stays a data column when it is not one
            assertThat(names).doesNotContainAnyElementsOf(rollup.partitionColumns())
                    .contains(rollup.layout().partitionsByDate() ? "window_start" : "date");
            schema.rows().stream().filter(r -> r.get(0).equals("window_start"))
                    .forEach(r -> assertThat(String.valueOf(r.get(1))).contains("MILLIS"));
        }
        assertThat(engine.query("SELECT \"index\", \"date\" FROM rollup_volatility LIMIT 1").types())
                .containsExactly("VARCHAR", "DATE");
    }

    private static double stddev(final List<Double> xs) {
        final double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        final double ss = xs.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        return Math.sqrt(ss / (xs.size() - 1));
    }
}
