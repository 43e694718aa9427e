package io.ticklake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.csv.CsvBarReader;
import io.ticklake.data.testing.TestMarket;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.time.LocalDate;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.synth.MarketGenerator;
import io.ticklake.data.synth.TickSynthesizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        return TickLakeCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void dryRunReportsEveryRejectedRowByLineAndReplaysTheGoodOnes() throws Exception {
        final Path csv = TestMarket.writeCsv(dir.resolve("week.csv"), TestMarket.oneWeek());
        final List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
        lines.add(3, "NYA,2021-05-25,1,2,3,x,1,1,1");      // line 4: bad number
        lines.add("HSI,2021-02-30,10,11,9,10,10,100.0,"); // last line: impossible date
        Files.write(csv, lines, StandardCharsets.UTF_8);

        final int code = run("replay", "--dry-run", "--no-progress", "--csv", csv.toString());

        assertThat(code).isZero();
        assertThat(err.toString()).contains("rejected line 4: ").contains("rejected line " + lines.size() + ": ");
        assertThat(out.toString()).contains("17 read, 15 accepted, 2 rejected").contains("15 replayed");
    }

    @Test
    void generatedDryRunCountsTicksAndDrawsProgress() {
        final int code = run("replay", "--dry-run", "--indices", "NYA,N225", "--from", "2021-05-24",
                "--to", "2021-05-25");

        final TickSynthesizer synth = new TickSynthesizer(ReferenceData.builtIn(), TickSynthesizer.DEFAULT_INTERVAL, 1);
        final long expected = new MarketGenerator(ReferenceData.builtIn(), 1)
                .generate(List.of("NYA", "N225"), LocalDate.of(2021, 5, 24), LocalDate.of(2021, 5, 25))
                .mapToLong(synth::tickCount).sum();
        final String ticks = String.format(Locale.ROOT, "%,d", expected);
        assertThat(code).isZero();
        assertThat(out.toString()).contains("ticks:      " + ticks + " (");
        assertThat(err.toString()).contains("100%  " + ticks + "/" + ticks + " ticks");
    }

    @Test
    void generateWritesACsvThatReadsBack() {
        final Path csv = dir.resolve("gen.csv");
        final int code = run("generate", "--out", csv.toString(), "--indices", "NYA,HSI", "--from", "2021-05-24",
                "--to", "2021-05-30");

        assertThat(code).isZero();
        try (CsvBarReader reader = CsvBarReader.open(csv)) {
            reader.forEachRemaining(b -> { });
            assertThat(reader.stats().accepted()).isEqualTo(10);
            assertThat(reader.stats().rejected()).isZero();
        }
        assertThat(err.toString()).contains("generated 10 rows");
    }

    @Test
    void badArgumentsAreOneLineAndExitTwo() {
        assertThat(run("replay", "--speed", "fast")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("replay", "--csv", dir.resolve("missing.csv").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(run("replay", "--from", "2021-05-30", "--to", "2021-05-01", "--dry-run"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(run("generate", "--indices", "NYA,bad/sym")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("nonsense")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(err.toString()).contains("ticklake replay: --csv: cannot read");
    }

    @Test
    void badServiceConfigurationIsOneLineNamingTheKeyAndExitsTwo() {
        assertThat(run("run", "--bootstrap-servers", "127.0.0.1:1", "--lake", dir.toString(), "-D",
                "sink.roll.max.records=lots")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("run", "--lake", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(run("run", "--bootstrap-servers", "127.0.0.1:1", "--lake", dir.toString(),
                "--processing-guarantee", "maybe")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip().lines()).hasSize(3)
                .anySatisfy(l -> assertThat(l).contains("sink.roll.max.records"))
                .anySatisfy(l -> assertThat(l).contains("bootstrap.servers"))
                .anySatisfy(l -> assertThat(l).contains("streams.processing.guarantee"));
    }

    @Test
    void configReferenceListsTheKeys() {
        assertThat(run("config-reference")).isZero();
        assertThat(out.toString()).contains("`sink.roll.max.records`").contains("`TICKLAKE_SINK_ROLL_MAX_RECORDS`")
                .contains("`bootstrap.servers`");
    }

    @Test
    void aRuntimeFailureIsOneLineAndExitsOne() throws Exception {
        final Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        final int code = run("generate", "--out", notADirectory.resolve("market.csv").toString());

        assertThat(code).isEqualTo(ExitCodes.RUNTIME);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("ticklake generate: error: ").doesNotContain("\tat ");
    }
}
