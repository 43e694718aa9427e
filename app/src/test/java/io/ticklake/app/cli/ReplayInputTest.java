package io.ticklake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.DailyBar;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.synth.TickSynthesizer;
import io.ticklake.data.testing.TestMarket;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code replay}, {@code demo} and {@code generate} make of their input: duplicate rows, selections
 * that match nothing, files that are no Kaggle CSV. All of it is found before anything reaches Kafka.
 */
class ReplayInputTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        return TickLakeCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private Path week() {
        return TestMarket.writeCsv(dir.resolve("week.csv"), TestMarket.oneWeek());
    }

    @Test
    void aSecondRowOfTheSameIndexAndDateIsRejectedByLineAndReplayedOnce() throws Exception {
        final List<DailyBar> bars = TestMarket.oneWeek();
        final Path csv = week();
        final List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
        final int first = indexOf(lines, "N225,2021-05-25,");
        lines.add(lines.get(first));
        Files.write(csv, lines, StandardCharsets.UTF_8);

        final int code = run("replay", "--dry-run", "--no-progress", "--csv", csv.toString());

        final TickSynthesizer synth = new TickSynthesizer(ReferenceData.builtIn(), TickSynthesizer.DEFAULT_INTERVAL, 1);
        final String ticks = String.format(Locale.ROOT, "%,d", bars.stream().mapToLong(synth::tickCount).sum());
        assertThat(code).isZero();
        assertThat(err.toString().strip()).isEqualTo("rejected line " + lines.size() + ": duplicate of line "
                + (first + 1) + " (N225 2021-05-25)");
        assertThat(out.toString()).contains("16 read, 15 accepted, 1 rejected").contains("15 replayed")
                .contains("ticks:      " + ticks + " (");
    }

    @Test
    void anIndexTheCsvLacksIsAUsageErrorListingTheOnesItHas() {
        final Path csv = week();

        assertThat(run("replay", "--dry-run", "--csv", csv.toString(), "--indices", "NYA,FOO")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString().strip()).isEqualTo("ticklake replay: --indices: FOO is not in " + csv
                + ", which has GDAXI, N225, NYA");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anIndexTheCsvLacksIsFoundBeforeKafkaIsTouched() {
        final Path csv = week();

        assertThat(run("replay", "--csv", csv.toString(), "--indices", "HSI", "--bootstrap-servers", "127.0.0.1:1"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(run("demo", "--csv", csv.toString(), "--indices", "HSI", "--lake", dir.resolve("lake").toString()))
                .isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString().strip().lines()).containsExactly(
                "ticklake replay: --indices: HSI is not in " + csv + ", which has GDAXI, N225, NYA",
                "ticklake demo: --indices: HSI is not in " + csv + ", which has GDAXI, N225, NYA");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aDateRangeWithoutARowOfTheCsvIsAUsageErrorSayingWhatTheFileHas() {
        final Path csv = week();

        assertThat(run("replay", "--dry-run", "--csv", csv.toString(), "--from", "2021-05-29", "--to", "2021-05-30"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(run("replay", "--dry-run", "--csv", csv.toString(), "--indices", "N225", "--from", "2030-01-01"))
                .isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString().strip().lines()).containsExactly(
                "ticklake replay: no row of " + csv + " is in --from 2021-05-29 --to 2021-05-30; "
                        + "its rows are from 2021-05-24 to 2021-05-28",
                "ticklake replay: no row of " + csv + " is in --from 2030-01-01 --indices N225; "
                        + "its rows of N225 are from 2021-05-24 to 2021-05-28");
    }

    @Test
    void theGeneratorTakesOnlyIndicesOfTheReferenceDataAndRangesWithAWeekday() {
        assertThat(run("replay", "--dry-run", "--indices", "FOO")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("generate", "--indices", "NYA,FOO", "--out", dir.resolve("g.csv").toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(run("replay", "--dry-run", "--from", "2021-05-29", "--to", "2021-05-30")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("generate", "--from", "2021-05-29", "--to", "2021-05-30", "--out", dir.resolve("g.csv").toString()))
                .isEqualTo(ExitCodes.USAGE);

        final String known = "NYA, IXIC, HSI, 000001.SS, 399001.SZ, N225, N100, GDAXI, GSPTSE, NSEI, KS11, SSMI, "
                + "TWII, J203.JO";
        assertThat(err.toString().strip().lines()).containsExactly(
                "ticklake replay: --indices: FOO is not in the reference data; the generator knows " + known,
                "ticklake generate: --indices: FOO is not in the reference data; the generator knows " + known,
                "ticklake replay: --from 2021-05-29 --to 2021-05-30 has no weekday, the generator's trading days",
                "ticklake generate: --from 2021-05-29 --to 2021-05-30 has no weekday, the generator's trading days");
        assertThat(dir.resolve("g.csv")).doesNotExist();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aFileThatIsNoKaggleCsvIsAUsageErrorOfOneLine() throws Exception {
        final Path csv = Files.writeString(dir.resolve("prices.csv"), "Symbol,Day,Price\nNYA,2021-05-28,16555.66\n");

        assertThat(run("replay", "--dry-run", "--csv", csv.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(run("demo", "--csv", csv.toString(), "--lake", dir.resolve("lake").toString()))
                .isEqualTo(ExitCodes.USAGE);

        final String problem = csv + ": CSV header is missing column(s) Index, Date, Open, High, Low, Close, Volume; "
                + "expected Index,Date,Open,High,Low,Close,Adj Close,Volume,CloseUSD";
        assertThat(err.toString().strip().lines()).containsExactly("ticklake replay: " + problem,
                "ticklake demo: " + problem);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aCsvWithoutAValidRowIsAUsageErrorShowingTheFirstRejection() throws Exception {
        final Path csv = Files.writeString(dir.resolve("bad.csv"), "Index,Date,Open,High,Low,Close,Adj Close,Volume,"
                + "CloseUSD\nNYA,2021-05-28,x,2,1,1.5,1.5,0,1\n");

        assertThat(run("replay", "--dry-run", "--csv", csv.toString())).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString().strip()).isEqualTo("ticklake replay: " + csv + " has no valid row: 1 of 1 rejected, "
                + "the first on line 2: bad number in Open: \"x\"");
    }

    private static int indexOf(final List<String> lines, final String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + prefix);
    }
}
