package io.ticklake.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.app.cli.TickLakeCommand;
import io.ticklake.data.FileTrees;
import io.ticklake.data.testing.TestMarket;
import java.io.IOException;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A window added by configuration alone reaches the lake: {@code demo -D topology.windows=1m,5m,1d}
 * writes an {@code ohlc_5m} table (no {@code sink.tables} given) whose bars equal the 1-minute bars
 * aggregated in DuckDB by SQL written here; and a {@code sink.tables} that would drop the new
 * window's topic is refused before anything starts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoExtraWindowTest {
    private Path dir;
    private Path lake;
    private Path csv;
    private int exitCode;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    void runDemo() throws IOException {
        dir = Files.createTempDirectory("ticklake-5m-test-");
        csv = TestMarket.writeCsv(dir.resolve("market.csv"),
                TestMarket.bars(List.of("NYA", "N225"), LocalDate.of(2021, 5, 24), LocalDate.of(2021, 5, 25),
                        TestMarket.SEED));
        lake = dir.resolve("lake");
        exitCode = TickLakeCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("demo", "--until-done", "--no-progress", "--csv", csv.toString(), "--lake", lake.toString(),
                        "--tick-interval", "20s", "-D", "topology.windows=1m,5m,1d", "--timeout", "150s");
    }

    @AfterAll
    void deleteDir() throws IOException {
        FileTrees.delete(dir);
    }

    @Test
    void theNewWindowsTableEqualsTheOneMinuteBarsAggregated() throws SQLException {
        assertThat(exitCode).as("exit code; stderr:%n%s", err).isZero();
        final List<String> fiveMinute = rows("SELECT \"index\", epoch_ms(window_start), open, high, low, close, volume, "
                + "tick_count FROM " + table("ohlc_5m"));
        final List<String> aggregated = rows("SELECT \"index\", b, arg_min(open, window_start), max(high), min(low), "
                + "arg_max(close, window_start), sum(volume), sum(tick_count) FROM (SELECT *, epoch_ms(window_start) "
                + "- epoch_ms(window_start) % 300000 AS b FROM " + table("ohlc_1m") + ") GROUP BY \"index\", b");
        assertThat(fiveMinute).hasSizeGreaterThan(100).containsExactlyInAnyOrderElementsOf(aggregated);
    }

    @Test
    void theQueryCommandSeesTheNewTable() throws SQLException {
        final long full = Long.parseLong(rows("SELECT count(*), 0, 0, 0, 0, 0, 0, 0 FROM " + table("ohlc_5m")
                + " WHERE tick_count = 15").get(0).split(" ")[0]);
        final StringWriter queryOut = new StringWriter();
        final StringWriter queryErr = new StringWriter();
        final int code = TickLakeCommand.commandLine(new PrintWriter(queryOut, true), new PrintWriter(queryErr, true))
                .execute("query", "--lake", lake.toString(), "--format", "csv",
                        "SELECT count(*) AS n FROM ohlc_5m WHERE tick_count = 15");
        assertThat(code).as("stderr: %s", queryErr).isZero();
        assertThat(full).as("5-minute bars of 15 ticks at 20 s").isPositive();
        assertThat(queryOut.toString().replace("\r", "")).contains("n\n" + full + "\n");
    }

    @Test
    void lakeStatsCountsTheRowsDuckDbReads() throws SQLException {
        final StringWriter statsOut = new StringWriter();
        final int code = TickLakeCommand.commandLine(new PrintWriter(statsOut, true), new PrintWriter(new StringWriter()))
                .execute("lake", "stats", "--lake", lake.toString(), "--format", "csv");
        assertThat(code).isZero();
        final String ticks = rows("SELECT count(*), count(DISTINCT filename), 0, 0, 0, 0, 0, 0 FROM read_parquet('"
                + lake.resolve("ticks").toAbsolutePath() + "/**/*.parquet', filename = true)").get(0);
        final String[] expected = ticks.split(" ");
        assertThat(statsOut.toString().replace("\r", "").lines().filter(l -> l.startsWith("ticks,")).findFirst())
                .hasValueSatisfying(l -> assertThat(l).startsWith("ticks," + expected[0] + "," + expected[1] + ","));
        assertThat(statsOut.toString()).contains("ohlc_5m,");
    }

    @Test
    void sinkTablesThatWouldDropTheNewWindowAreRefusedInOneLine() {
        final StringWriter e = new StringWriter();
        final int code = TickLakeCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(e, true))
                .execute("demo", "--until-done", "--no-progress", "--csv", csv.toString(), "--lake",
                        dir.resolve("other").toString(), "-D", "topology.windows=1m,5m,1d",
                        "-D", "sink.tables=ticks-enriched=ticks,ohlc-1m=ohlc_1m,ohlc-1d=ohlc_1d");
        assertThat(code).isEqualTo(2);
        assertThat(e.toString().strip()).doesNotContain("\n").contains("sink.tables does not map topic ohlc-5m")
                .doesNotContain("Exception");
        assertThat(dir.resolve("other")).doesNotExist();
    }

    private List<String> rows(final String sql) throws SQLException {
        final List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                final StringBuilder b = new StringBuilder();
                for (int i = 1; i <= 8; i++) {
                    b.append(rs.getString(i)).append(' ');
                }
                rows.add(b.toString());
            }
        }
        return rows;
    }

    private String table(final String name) {
        return "read_parquet('" + lake.resolve(name).toAbsolutePath() + "/**/*.parquet', hive_partitioning = true, "
                + "hive_types = {'index': VARCHAR, 'date': DATE})";
    }
}
