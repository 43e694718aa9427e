package io.ticklake.query.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.ticklake.data.OhlcBar;
import io.ticklake.data.testing.TestMarket;
import io.ticklake.sink.lake.LakeTable;
import io.ticklake.sink.lake.LakeTables;
import io.ticklake.sink.lake.PartitionLayout;
import io.ticklake.sink.testing.MinuteBarLake;

class DuckDbEngineTest {
    @TempDir
    Path lake;

    private List<OhlcBar> writeOneWeek() {
        final List<OhlcBar> bars = MinuteBarLake.minuteBars(TestMarket.oneWeek(), Duration.ofMinutes(1), 1L);
        MinuteBarLake.write(lake, bars);
        return bars;
    }

    @Test
    void viewsHaveTheLakeTableNamesAndTypedPartitionColumns() {
        final List<OhlcBar> bars = writeOneWeek();
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            assertThat(engine.tables()).containsExactlyInAnyOrder("ticks", "ohlc_1m", "ohlc_1d");
            assertThat(engine.emptyTables()).containsExactlyInAnyOrder("ticks", "ohlc_1d");

            final QueryResult r = engine.query("SELECT \"index\", \"date\", window_start, open, kafka_offset FROM ohlc_1m "
                    + "WHERE \"index\" = 'NYA' ORDER BY window_start LIMIT 1");
            final OhlcBar first = bars.stream().filter(b -> b.index().equals("NYA")).findFirst().orElseThrow();
            assertThat(r.types()).containsExactly("VARCHAR", "DATE", "TIMESTAMP WITH TIME ZONE", "DOUBLE", "BIGINT");
            assertThat(r.rows().get(0).get(0)).isEqualTo("NYA");
            assertThat(r.rows().get(0).get(1)).isEqualTo(LocalDate.parse(first.tradingDate()));
            assertThat(((OffsetDateTime) r.rows().get(0).get(2)).toInstant().toEpochMilli()).isEqualTo(first.windowStart());
            assertThat(r.rows().get(0).get(3)).isEqualTo(first.open());
            assertThat(engine.query("SELECT count(*) FROM ohlc_1m").rows().get(0).get(0)).isEqualTo((long) bars.size());
        }
    }

    @ParameterizedTest
    @EnumSource(value = PartitionLayout.class, names = {"INDEX_YEAR", "INDEX"})
    void aCoarseLayoutShowsTheSameRowsAndTypesAsIndexDate(final PartitionLayout layout) throws IOException {
        final List<OhlcBar> bars = MinuteBarLake.minuteBars(TestMarket.oneWeek(), Duration.ofMinutes(30), 1L);
        final Path coarse = Files.createDirectories(lake.resolve("coarse"));
        final Path fine = Files.createDirectories(lake.resolve("fine"));
        MinuteBarLake.write(coarse, new LakeTable("ohlc-1d", "ohlc_1d", LakeTable.Kind.OHLC, layout), bars);
        MinuteBarLake.write(fine, new LakeTable("ohlc-1d", "ohlc_1d", LakeTable.Kind.OHLC, PartitionLayout.INDEX_DATE),
                bars);
        final String all = "SELECT * FROM ohlc_1d ORDER BY \"index\", window_start";
        final String oneDay = "SELECT \"date\", count(*) FROM ohlc_1d WHERE \"index\" = 'NYA' AND \"date\" = DATE '"
                + bars.get(0).tradingDate() + "' GROUP BY 1";
        final LakeTables declared = LakeTables.forWindows(List.of("1d")).withPartitioning("ohlc_1d=" + layout.id());
        try (DuckDbEngine c = LocalLake.open(coarse, declared); DuckDbEngine f = LocalLake.open(fine,
                LakeTables.forWindows(List.of("1d")).withPartitioning("ohlc_1d=index/date"));
             DuckDbEngine found = DuckDbEngine.open(coarse)) {
            final QueryResult expected = f.query(all);
            assertThat(expected.rows()).hasSize(bars.size());
            assertThat(expected.columns()).endsWith("index", "date").doesNotContain("year");
            for (final DuckDbEngine e : List.of(c, found)) {
                final QueryResult got = e.query(all);
                assertThat(got.columns()).isEqualTo(expected.columns());
                assertThat(got.types()).isEqualTo(expected.types());
                assertThat(got.rows()).isEqualTo(expected.rows());
                assertThat(e.query(oneDay).rows()).isEqualTo(f.query(oneDay).rows());
                assertThat(e.skipped()).isEmpty();
            }
            assertThat(c.query("DESCRIBE ohlc_1d").rows()).isEqualTo(f.query("DESCRIBE ohlc_1d").rows());
            // one file per index (and year), not per index-day: the point of the layout
            final long indices = bars.stream().map(OhlcBar::index).distinct().count();
            try (Stream<Path> files = Files.walk(coarse.resolve("ohlc_1d"))) {
                final List<Path> parquet = files.filter(p -> p.toString().endsWith(".parquet")).toList();
                assertThat(parquet).hasSize((int) (layout == PartitionLayout.INDEX ? indices
                        : bars.stream().map(b -> b.index() + b.tradingDate().substring(0, 4)).distinct().count()));
                assertThat(parquet).allSatisfy(p -> assertThat(coarse.relativize(p).getNameCount())
                        .isEqualTo(layout.columns().size() + 2));
            }
        }
    }

    @Test
    void aDeclaredLayoutSkipsEntriesOfAnotherLayout() throws IOException {
        final List<OhlcBar> bars = MinuteBarLake.minuteBars(TestMarket.oneWeek(), Duration.ofMinutes(30), 1L);
        final LakeTable table = new LakeTable("ohlc-1d", "ohlc_1d", LakeTable.Kind.OHLC, PartitionLayout.INDEX);
        MinuteBarLake.write(lake, table, bars);
        final Path real = parquetFiles(lake.resolve("ohlc_1d")).get(0);
        final List<String> strays = List.of("ohlc_1d/index=NYA/date=2021-05-28/", "ohlc_1d/index=NYA/year=2021/",
                "ohlc_1d/junk/");
        for (final String stray : strays) {
            Files.copy(real, Files.createDirectories(lake.resolve(stray)).resolve("copy.parquet"));
        }
        Files.writeString(real.getParent().resolve("notes.parquet"), "not a Parquet file");
        try (DuckDbEngine engine = LocalLake.open(lake, LakeTables.forWindows(List.of("1d")))) {
            assertThat(engine.layout("ohlc_1d")).isEqualTo(PartitionLayout.INDEX);
            assertThat(engine.query("SELECT count(*) FROM ohlc_1d").rows().get(0).get(0)).isEqualTo((long) bars.size());
            assertThat(engine.skipped()).containsExactlyInAnyOrderElementsOf(Stream.concat(strays.stream(),
                    Stream.of(lake.relativize(real.getParent()) + "/notes.parquet")).toList());
        }
    }

    @Test
    void tablesWithoutFilesAreEmptyNotMissing() {
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            final QueryResult r = engine.query("SELECT ts, price, \"index\", \"date\" FROM ticks");
            assertThat(r.rows()).isEmpty();
            assertThat(r.types()).containsExactly("TIMESTAMP WITH TIME ZONE", "DOUBLE", "VARCHAR", "DATE");
        }
    }

    @Test
    void newFilesAppearAfterRefresh() {
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            assertThat(engine.query("SELECT count(*) FROM ohlc_1m").rows().get(0).get(0)).isEqualTo(0L);
            final List<OhlcBar> bars = writeOneWeek();
            engine.refresh();
            assertThat(engine.query("SELECT count(*) FROM ohlc_1m").rows().get(0).get(0)).isEqualTo((long) bars.size());
        }
    }

    @Test
    void spillsUnderTheSystemTempDirNeverTheWorkingDirectory() {
        final Path cwdTmp = Path.of(System.getProperty("user.dir"), ".tmp");
        final boolean existedBefore = Files.exists(cwdTmp);
        final Path temp;
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            temp = engine.tempDirectory();
            final Object setting = engine.query("SELECT current_setting('temp_directory')").rows().get(0).get(0);
            assertThat(Path.of((String) setting)).isEqualTo(temp);
            assertThat(temp.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())).isTrue();
            // a sort larger than a tight memory limit may spill: it must go to the engine's own directory
            engine.execute("SET memory_limit = '16MB'");
            engine.execute("SET threads = 1");
            assertThat(engine.query("SELECT count(*) FROM (SELECT i, md5(CAST(i AS VARCHAR)) AS h "
                    + "FROM range(500000) t(i) ORDER BY h)").rows().get(0).get(0)).isEqualTo(500_000L);
        }
        assertThat(temp).doesNotExist();
        assertThat(Files.exists(cwdTmp)).isEqualTo(existedBefore);
    }

    @Test
    void refusesNamesAndPathsThatCouldInjectSql(@TempDir final Path parent) throws Exception {
        final Path quoted = Files.createDirectories(parent.resolve("it's"));
        assertThatThrownBy(() -> DuckDbEngine.open(quoted)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported character");
        final Path glob = Files.createDirectories(parent.resolve("a*b"));
        assertThatThrownBy(() -> DuckDbEngine.open(glob)).isInstanceOf(IllegalArgumentException.class);
        try (DuckDbEngine engine = DuckDbEngine.open(lake)) {
            assertThatThrownBy(() -> engine.declare("t\"; DROP VIEW x; --", List.of(new DuckColumn("a", "INTEGER"))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new DuckColumn("a", "INTEGER); DROP TABLE x; --"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> engine.replaceTable("../x", "SELECT 1 AS \"index\", 2 AS \"date\""))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aTableOfManyPartitionsIsWrittenInChunksAsOneFilePerPartition() throws Exception {
        final int partitions = DuckDbEngine.PARTITIONS_PER_COPY * 2 + 123;   // three COPY statements
        final String select = "SELECT i AS n, i * 1.5 AS x, 'IX' || (i % 7) AS \"index\", "
                + "DATE '2000-01-01' + CAST(i // 7 AS INTEGER) AS \"date\" FROM range(" + partitions + ") r(i)";
        try (DuckDbEngine engine = DuckDbEngine.open(lake)) {
            assertThat(engine.replaceTable("many", select)).isEqualTo(partitions);
            final QueryResult r = engine.query("SELECT count(*), count(DISTINCT n), CAST(sum(n) AS BIGINT), "
                    + "count(DISTINCT (\"index\", \"date\")) FROM many WHERE x = n * 1.5 AND \"index\" = 'IX' || (n % 7)");
            assertThat(r.rows().get(0)).containsExactly((long) partitions, (long) partitions,
                    (long) partitions * (partitions - 1) / 2, (long) partitions);
            // rerunning replaces, never appends
            assertThat(engine.replaceTable("many", select)).isEqualTo(partitions);
            assertThat(engine.query("SELECT count(*) FROM many").rows().get(0).get(0)).isEqualTo((long) partitions);
        }
        try (var files = Files.walk(lake.resolve("many"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".parquet")).count()).isEqualTo(partitions);
        }
        assertThat(lake.resolve(DuckDbEngine.STAGING_DIR)).doesNotExist();
    }

    @Test
    void strayDirectoriesAndFilesAreSkippedAndReportedNeverFatalToTheTable() throws IOException {
        final List<OhlcBar> bars = writeOneWeek();
        final Path table = lake.resolve("ohlc_1m");
        final Path real = parquetFiles(table).get(0);
        // each stray holds a copy of a real file: a view globbing it would read it (or fail casting its path)
        final List<String> strays = List.of("ohlc_1m/index=NYA/date=2021-05-28'; DROP TABLE t;--/",
                "ohlc_1m/index=NYA/date=yesterday/", "ohlc_1m/index=NYA/date=2021-02-30/", "ohlc_1m/junk/",
                "ohlc_1m/index=NY A/", "ohlc_1m/index=NYA/date=2021-05-24/extra/");
        for (final String stray : strays) {
            Files.copy(real, Files.createDirectories(lake.resolve(stray)).resolve("copy.parquet"));
        }
        final Path partition = real.getParent();
        Files.writeString(partition.resolve("notes.parquet"), "not a Parquet file");
        Files.writeString(partition.resolve("_SUCCESS"), "");

        try (DuckDbEngine engine = LocalLake.open(lake)) {
            final QueryResult all = engine.query("SELECT count(*), count(DISTINCT \"date\") FROM ohlc_1m");
            assertThat(all.rows().get(0).get(0)).isEqualTo((long) bars.size());
            assertThat(all.rows().get(0).get(1)).isEqualTo(bars.stream().map(OhlcBar::tradingDate).distinct().count());
            final String date = partition.getFileName().toString().substring("date=".length());
            final String index = partition.getParent().getFileName().toString().substring("index=".length());
            assertThat(engine.query("SELECT count(*) FROM ohlc_1m WHERE \"index\" = '" + index + "' AND \"date\" = DATE '"
                    + date + "'").rows().get(0).get(0))
                    .isEqualTo(bars.stream().filter(b -> b.index().equals(index) && b.tradingDate().equals(date)).count());
            final String dir = lake.relativize(partition) + "/";
            assertThat(engine.skipped()).containsExactlyInAnyOrderElementsOf(Stream.concat(strays.stream(),
                    Stream.of(dir + "notes.parquet", dir + "_SUCCESS")).toList());
        }
    }

    @Test
    void aViewOverTwentyThousandPartitionsIsAFewGlobsAndOnePartitionReadsOneFile() throws IOException {
        writeOneWeek();
        final Path real = parquetFiles(lake.resolve("ohlc_1m")).get(0);
        final LocalDate first = LocalDate.of(1950, 1, 2);
        final int indices = 4;
        final int days = 5_000;
        for (int i = 0; i < indices; i++) {
            for (int d = 0; d < days; d++) {
                final Path dir = Files.createDirectories(lake.resolve("many/index=IX" + i + "/date=" + first.plusDays(d)));
                Files.copy(real, dir.resolve("ohlc-1m+0+" + d + ".parquet"));
            }
        }
        final long rowsPerFile;
        // a handful of globs, not one per partition: DuckDB binds them as fast as the one glob it had before
        assertThat(TableFiles.scan(lake, "many").sources()).hasSize(indices);
        final long t0 = System.nanoTime();
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            final Duration open = Duration.ofNanos(System.nanoTime() - t0);
            rowsPerFile = (long) engine.query("SELECT count(*) FROM read_parquet('" + real + "')").rows().get(0).get(0);
            final String one = "SELECT count(*) FROM many WHERE \"index\" = 'IX2' AND \"date\" = DATE '"
                    + first.plusDays(1234) + "'";
            final long q0 = System.nanoTime();
            assertThat(engine.query(one).rows().get(0).get(0)).isEqualTo(rowsPerFile);
            final Duration query = Duration.ofNanos(System.nanoTime() - q0);
            final String plan = engine.query("EXPLAIN ANALYZE " + one).rows().stream()
                    .map(r -> r.get(r.size() - 1).toString()).collect(Collectors.joining("\n"));
            assertThat(plan).containsPattern("Total Files Read:\\s*1\\b");
            assertThat(engine.skipped()).isEmpty();
            // a figure, not an assertion (the machine's load decides it): see the README's DuckDB section
            System.out.printf("view over %d partitions: engine opened in %d ms, one-partition query %d ms%n",
                    indices * days, open.toMillis(), query.toMillis());
        }
    }

    private static List<Path> parquetFiles(final Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    @Test
    void errorsCarryDuckDbsMessage() {
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            assertThatThrownBy(() -> engine.query("SELECT nope FROM ohlc_1m")).isInstanceOf(SqlException.class)
                    .hasMessageStartingWith("DuckDB: ").hasMessageContaining("nope");
        }
    }

    @Test
    void missingLakeIsOneClearError() {
        assertThatThrownBy(() -> DuckDbEngine.open(lake.resolve("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    }
}
