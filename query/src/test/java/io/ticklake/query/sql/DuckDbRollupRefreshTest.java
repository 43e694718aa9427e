package io.ticklake.query.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The incremental rollup refresh over a local lake: day by day, with a backfilled day in the middle,
 * equals a full rebuild for every partition layout, and rewrites exactly the partitions whose rows change.
 */
class DuckDbRollupRefreshTest {
    /** A day landed late, between days already rolled up: its next return and 20 volatilities change. */
    private static final IndexDay BACKFILL = new IndexDay("NYA", LocalDate.of(2021, 3, 17));
    @TempDir
    static Path full;
    @TempDir
    Path lake;

    @BeforeAll
    static void buildExpected() {
        RollupLakes.fullBuild(full);
    }

    /** The last five trading dates of the market are the "new days", landed one by one. */
    private static List<LocalDate> newDates() {
        final TreeSet<LocalDate> dates = new TreeSet<>();
        RollupLakes.all().forEach(d -> dates.add(d.date()));
        return new ArrayList<>(dates).subList(dates.size() - 5, dates.size());
    }

    private static Set<IndexDay> initial() {
        final List<LocalDate> fresh = newDates();
        return RollupLakes.where(d -> !fresh.contains(d.date()) && !d.equals(BACKFILL));
    }

    private static RefreshLayout layout(final String columns) {
        return new RefreshLayout(List.of(columns.split(",")));
    }

    @ParameterizedTest(name = "partitioned by {0}")
    @ValueSource(strings = {"index,date", "index,year", "index"})
    void newDaysAndABackfilledDayRefreshedIncrementallyEqualAFullRebuild(final String columns) {
        final RefreshLayout layout = layout(columns);
        RollupLakes.land(lake, initial());
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            final DuckDbRollupRefresh refresh = new DuckDbRollupRefresh(engine, r -> layout, p -> { });
            if (Rollups.all().stream().allMatch(r -> r.partitionColumns().equals(layout.columns()))) {
                new DuckDbRollups(engine).buildAll(); // the `rollup` command's layout: refreshes start from it
            } else {
                refresh.refresh(initial()); // no full build writes this layout: the first refresh builds it
            }
            for (final LocalDate date : newDates()) {
                final Set<IndexDay> day = RollupLakes.where(d -> d.date().equals(date));
                RollupLakes.land(lake, day);
                refresh.refresh(day);
            }
            RollupLakes.land(lake, Set.of(BACKFILL));
            refresh.refresh(Set.of(BACKFILL));

            for (final Rollup r : Rollups.all()) {
                assertThat(count(engine, r, lake)).as(r.table()).isEqualTo(count(engine, r, full)).isPositive();
                assertThat(RollupLakes.difference(engine, r, lake, full)).as("%s rows not in the full rebuild", r.table())
                        .isZero();
                assertThat(RollupLakes.difference(engine, r, full, lake)).as("%s rows missing", r.table()).isZero();
            }
        }
    }

    @ParameterizedTest(name = "partitioned by {0}")
    @ValueSource(strings = {"index,date", "index,year"})
    void aBackfilledDayRewritesOnlyThePartitionsOfTheRowsItChanges(final String columns) {
        final RefreshLayout layout = layout(columns);
        final Set<IndexDay> before = RollupLakes.where(d -> !d.equals(BACKFILL));
        RollupLakes.land(lake, before);
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            final DuckDbRollupRefresh refresh = new DuckDbRollupRefresh(engine, r -> layout, p -> { });
            refresh.refresh(before);
            final Map<String, String> files = RollupLakes.fileIdentities(lake);

            RollupLakes.land(lake, Set.of(BACKFILL));
            final DuckDbRollupRefresh.Result result = refresh.refresh(Set.of(BACKFILL));

            final Map<String, String> after = RollupLakes.fileIdentities(lake);
            final Set<String> changed = new TreeSet<>();
            after.forEach((path, id) -> {
                if (!id.equals(files.get(path))) {
                    changed.add(path);
                }
            });
            assertThat(files.keySet()).as("no file removed").isSubsetOf(after.keySet());
            assertThat(changed).isEqualTo(expectedPartitions(layout));
            assertThat(result.partitions().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(changed.size());
        }
    }

    /** Per rollup, the partitions holding the backfilled day and the days after it that read it. */
    private static Set<String> expectedPartitions(final RefreshLayout layout) {
        final List<LocalDate> dates = RollupLakes.dates(BACKFILL.index());
        final int at = dates.indexOf(BACKFILL.date());
        final Set<String> out = new TreeSet<>();
        final Map<String, Integer> following = Map.of("rollup_ohlc_1h", 0, "rollup_ohlc_1d", 0,
                "rollup_daily_returns", 1, "rollup_volatility", 20);
        following.forEach((table, n) -> {
            for (int i = at; i <= Math.min(dates.size() - 1, at + n); i++) {
                final Path dir = layout.columns().contains("date")
                        ? Path.of(table, "index=NYA", "date=" + dates.get(i))
                        : Path.of(table, "index=NYA", "year=" + dates.get(i).getYear());
                out.add(dir.resolve(table + "_0.parquet").toString());
            }
        });
        return out;
    }

    @Test
    void refreshingDaysWithoutNewBarsChangesNoRow() {
        RollupLakes.land(lake, RollupLakes.all());
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            new DuckDbRollups(engine).buildAll();
            new DuckDbRollupRefresh(engine).refresh(RollupLakes.where(d -> d.date().getDayOfMonth() % 7 == 0));
            for (final Rollup r : Rollups.all()) {
                assertThat(RollupLakes.difference(engine, r, lake, full)).as(r.table()).isZero();
                assertThat(RollupLakes.difference(engine, r, full, lake)).as(r.table()).isZero();
            }
            assertThat(engine.query("SELECT count(*) FROM rollup_ohlc_1d").rows().get(0).get(0))
                    .isEqualTo((long) RollupLakes.all().size());
        }
    }

    @Test
    void strayEntriesUnderTheSourceTableAreSkippedAsTheViewsSkipThem() throws Exception {
        final LocalDate last = newDates().get(newDates().size() - 1);
        RollupLakes.land(lake, RollupLakes.where(d -> !d.date().equals(last)));
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            new DuckDbRollups(engine).buildAll();
            // a Parquet file in a directory whose value is no date, and a file that is not Parquet
            final Path nya = lake.resolve("ohlc_1m/index=NYA");
            final Path someFile;
            try (var files = java.nio.file.Files.walk(nya)) {
                someFile = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
            }
            java.nio.file.Files.createDirectories(nya.resolve("date=yesterday"));
            java.nio.file.Files.copy(someFile, nya.resolve("date=yesterday/stray.parquet"));
            java.nio.file.Files.writeString(someFile.resolveSibling("notes.parquet"), "not parquet");

            final Set<IndexDay> day = RollupLakes.where(d -> d.date().equals(last));
            RollupLakes.land(lake, day);
            new DuckDbRollupRefresh(engine).refresh(day);
            for (final Rollup r : Rollups.all()) {
                assertThat(RollupLakes.difference(engine, r, lake, full)).as(r.table()).isZero();
                assertThat(RollupLakes.difference(engine, r, full, lake)).as(r.table()).isZero();
            }
        }
    }

    private static long count(final DuckDbEngine engine, final Rollup r, final Path lake) {
        return ((Number) engine.query("SELECT count(*) FROM (" + RollupLakes.rollupSelect(r, lake) + ")")
                .rows().get(0).get(0)).longValue();
    }
}
