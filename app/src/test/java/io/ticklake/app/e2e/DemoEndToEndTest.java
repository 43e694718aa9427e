package io.ticklake.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.app.cli.TickLakeCommand;
import io.ticklake.data.DailyBar;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.synth.TickSynthesizer;
import io.ticklake.data.testing.TestMarket;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code demo --until-done} in-process on a generated market, then the lake is read back with DuckDB
 * SQL written here (not the sink's or the catalog's code): every tick exactly once, the daily bars and
 * the daily rollup equal to the source rows exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoEndToEndTest {
    private static final List<String> INDICES = List.of("NYA", "N225", "GDAXI", "HSI");
    private static final LocalDate FROM = LocalDate.of(2021, 5, 24);
    private static final LocalDate TO = LocalDate.of(2021, 5, 27);

    private Path dir;

    private List<DailyBar> source;
    private Path lake;
    private int exitCode;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    void runDemo() throws java.io.IOException {
        dir = Files.createTempDirectory("ticklake-demo-test-");
        source = TestMarket.bars(INDICES, FROM, TO, TestMarket.SEED);
        final Path csv = TestMarket.writeCsv(dir.resolve("market.csv"), source);
        lake = dir.resolve("lake");
        exitCode = TickLakeCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("demo", "--until-done", "--no-progress", "--csv", csv.toString(), "--lake", lake.toString(),
                        "--timeout", "150s");
    }

    @AfterAll
    void deleteLake() throws java.io.IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void exitsZeroAndPrintsASummaryAndASampleQuery() {
        assertThat(exitCode).as("exit code; stderr:%n%s", err).isZero();
        assertThat(out.toString()).contains("demo summary").contains("ticks:").contains("bars:")
                .contains("files:").contains("ticks/s").contains("(10 rows)").contains("demo: done");
    }

    @Test
    void everyTickIsInTheLakeExactlyOnce() throws SQLException {
        final TickSynthesizer synth = new TickSynthesizer(ReferenceData.builtIn(), TickSynthesizer.DEFAULT_INTERVAL, 1);
        final long replayed = source.stream().mapToLong(synth::tickCount).sum();
        try (Connection c = duck(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT (kafka_partition, kafka_offset)), "
                     + "count(DISTINCT \"index\") FROM " + table("ticks"))) {
            rs.next();
            assertThat(rs.getLong(1)).as("rows in ticks").isEqualTo(replayed);
            assertThat(rs.getLong(2)).as("distinct lineage (partition, offset)").isEqualTo(replayed);
            assertThat(rs.getLong(3)).isEqualTo(INDICES.size());
        }
    }

    @Test
    void dailyBarsEqualTheSourceRows() throws SQLException {
        assertThat(rows("ohlc_1d")).containsExactlyInAnyOrderElementsOf(expected());
    }

    @Test
    void rollupsArePresentAndTheDailyRollupEqualsTheSourceRows() throws SQLException {
        for (final String rollup : List.of("rollup_ohlc_1h", "rollup_ohlc_1d", "rollup_daily_returns",
                "rollup_volatility")) {
            assertThat(parquetFilesUnder(lake.resolve(rollup))).as(rollup).isPositive();
        }
        assertThat(rows("rollup_ohlc_1d")).containsExactlyInAnyOrderElementsOf(expected());
    }

    private List<String> expected() {
        return source.stream().map(b -> row(b.index(), b.date().toString(), b.open(), b.high(), b.low(), b.close(),
                b.volume())).toList();
    }

    private List<String> rows(final String table) throws SQLException {
        final List<String> rows = new ArrayList<>();
        try (Connection c = duck(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"index\", CAST(\"date\" AS VARCHAR), open, high, low, close, volume "
                     + "FROM " + table(table))) {
            while (rs.next()) {
                rows.add(row(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                        rs.getDouble(6), rs.getLong(7)));
            }
        }
        return rows;
    }

    private static String row(final String index, final String date, final double open, final double high,
                              final double low, final double close, final long volume) {
        // exact: Double.toString is the shortest text that reads back to the same double
        return index + " " + date + " O=" + open + " H=" + high + " L=" + low + " C=" + close + " V=" + volume;
    }

    private String table(final String name) {
        return "read_parquet('" + lake.resolve(name).toAbsolutePath() + "/**/*.parquet', hive_partitioning = true, "
                + "hive_types = {'index': VARCHAR})"; // date: a partition (ticks, ohlc_1m) or a file column (daily tables)
    }

    private static Connection duck() throws SQLException {
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    private static long parquetFilesUnder(final Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".parquet")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
