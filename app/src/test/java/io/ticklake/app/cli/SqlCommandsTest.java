package io.ticklake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ticklake.data.DailyBar;
import io.ticklake.data.testing.TestMarket;
import io.ticklake.sink.testing.MinuteBarLake;
import io.ticklake.sink.testing.MotoServer;

/** {@code query}, {@code rollup} and {@code catalog sync} as a user runs them. */
class SqlCommandsTest {
    @TempDir
    static Path lake;
    private static List<DailyBar> days;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void writeLake() {
        days = TestMarket.bars(List.of("NYA", "N225"), LocalDate.of(2021, 4, 1), LocalDate.of(2021, 5, 28),
                TestMarket.SEED);
        MinuteBarLake.write(lake, MinuteBarLake.minuteBars(days, Duration.ofMinutes(1), TestMarket.SEED));
    }

    private int run(final String... args) {
        return TickLakeCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void rollupThenQueryTheDailyBarsAsATable() {
        assertThat(run("rollup", "--lake", lake.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("rollup_ohlc_1h", "rollup_ohlc_1d", "rollup_daily_returns",
                "rollup_volatility").containsPattern("rollup_ohlc_1d +" + days.size() + " rows");
        out.getBuffer().setLength(0);

        final DailyBar last = days.stream().filter(d -> d.index().equals("NYA")).reduce((a, b) -> b).orElseThrow();
        final int code = run("query", "--lake", lake.toString(), "SELECT \"index\", \"date\", open, close, volume "
                + "FROM rollup_ohlc_1d WHERE \"index\" = 'NYA' ORDER BY \"date\" DESC LIMIT 2");

        assertThat(code).as(err.toString()).isZero();
        final List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).matches("index \\| date +\\| +open +\\| +close +\\| +volume");
        assertThat(lines.get(1)).matches("-+(-\\+-+)+");
        assertThat(lines.get(2)).startsWith("NYA   | 2021-05-28 |").endsWith(" " + last.volume());
        assertThat(lines).hasSize(5).last().isEqualTo("(2 rows)");
        assertThat(err.toString()).contains("2 rows in");
    }

    @Test
    void queryAsCsvAndJson() {
        assertThat(run("query", "--lake", lake.toString(), "--format", "csv",
                "SELECT \"index\", count(*) AS bars FROM ohlc_1m GROUP BY 1 ORDER BY 1")).isZero();
        assertThat(out.toString()).startsWith("index,bars\r\nN225,").contains("\r\nNYA,");
        out.getBuffer().setLength(0);
        assertThat(run("query", "--lake", lake.toString(), "--format", "json",
                "SELECT 'a,\"b' AS s, 1.5 AS x, NULL AS n")).isZero();
        assertThat(out.toString()).isEqualTo("[\n  {\"s\": \"a,\\\"b\", \"x\": 1.5, \"n\": null}\n]\n");
    }

    @Test
    void catalogSyncOfALocalLakeListsItsTables() {
        assertThat(run("catalog", "sync", "--lake", lake.toString())).isZero();
        assertThat(out.toString()).containsPattern("ohlc_1m +" + days.size() + " partitions +" + days.size() + " files");
    }

    @Test
    void badInputIsOneLineAndNonZeroWithoutStackTrace() {
        assertThat(run("query", "--lake", lake.resolve("missing").toString(), "SELECT 1")).isEqualTo(2);
        assertThat(err.toString()).contains("lake directory does not exist").doesNotContain("\tat ");
        err.getBuffer().setLength(0);

        assertThat(run("query", "--lake", lake.toString(), "--format", "xml", "SELECT 1")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown format 'xml'");
        err.getBuffer().setLength(0);

        assertThat(run("query", "--lake", lake.toString(), "SELECT nope FROM ohlc_1m")).isEqualTo(1);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("ticklake query: error: DuckDB: ").contains("nope");
        err.getBuffer().setLength(0);

        assertThat(run("rollup", "--lake", lake.toString(), "--rollups", "rollup_nope")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown rollup 'rollup_nope'").doesNotContain("\tat ");
        err.getBuffer().setLength(0);

        assertThat(run("catalog")).isEqualTo(2);
        assertThat(err.toString()).contains("subcommand is required");
    }

    @Test
    void aFolderWithoutTicklakeTablesIsSaidSoNotAnsweredWithZeroRows(@TempDir final Path notALake) throws IOException {
        Files.writeString(notALake.resolve("notes.txt"), "not a table");
        Files.createDirectories(notALake.resolve("photos"));
        Files.createDirectories(notALake.resolve("ticks"));   // a table's name, but no files
        final List<Path> before = list(notALake);

        assertThat(run("query", "--lake", notALake.toString(), "SELECT count(*) FROM ticks")).isEqualTo(2);
        assertThat(err.toString().lines().toList()).singleElement().asString().startsWith("ticklake query: ")
                .contains("no ticklake table").contains(notALake.toString());
        assertThat(out.toString()).isEmpty();
        err.getBuffer().setLength(0);

        assertThat(run("rollup", "--lake", notALake.toString())).isEqualTo(2);
        assertThat(err.toString().lines().toList()).singleElement().asString().startsWith("ticklake rollup: ")
                .contains("no ticklake table");
        assertThat(out.toString()).isEmpty();
        assertThat(list(notALake)).isEqualTo(before);
    }

    private static List<Path> list(final Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.sorted().toList();
        }
    }

    @Test
    void queryOnAthenaPrintsRowsAndStatistics() {
        try (MotoServer moto = MotoServer.shared()) {
            moto.reset();
            moto.queueAthenaResults("[{\"rows\":[{\"Data\":[{\"VarCharValue\":\"index\"},{\"VarCharValue\":\"n\"}]},"
                    + "{\"Data\":[{\"VarCharValue\":\"NYA\"},{\"VarCharValue\":\"42\"}]}],"
                    + "\"column_info\":[{\"Name\":\"index\",\"Label\":\"index\",\"Type\":\"varchar\"},"
                    + "{\"Name\":\"n\",\"Label\":\"n\",\"Type\":\"bigint\"}]}]");
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
            final int code = run("query", "--aws-endpoint", moto.endpoint().toString(), "--region", "us-east-1",
                    "--athena-output", "s3://results/", "--format", "json",
                    "SELECT \"index\", count(*) AS n FROM ohlc_1d GROUP BY 1");
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).isEqualTo("[\n  {\"index\": \"NYA\", \"n\": 42}\n]\n");
            assertThat(err.toString()).contains("1 rows, 0 bytes scanned, engine 0 ms (Athena)");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
