package io.ticklake.app.cli.bench;

import io.ticklake.bench.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.app.cli.TickLakeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Argument handling of {@code bench}; no benchmark runs here (they are not timed tests). */
class BenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        return TickLakeCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void benchIsASubcommandListingItsBenchmarks() {
        assertThat(run("bench", "--help")).isZero();
        assertThat(out.toString()).contains("baseline", "e2e", "latency", "sink", "trino");
    }

    @Test
    void benchWithoutABenchmarkIsAUsageError() {
        assertThat(run("bench")).isEqualTo(2);
        assertThat(err.toString()).contains("a benchmark is required").doesNotContain("Exception");
    }

    @Test
    void badOptionsAreOneLineUsageErrors() {
        assertThat(run("bench", "sink", "--rounds", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("must be >= 1");
        err.getBuffer().setLength(0);
        assertThat(run("bench", "sink", "--codec", "lzma")).isEqualTo(2);
        assertThat(err.toString()).contains("--codec").contains("zstd");
        err.getBuffer().setLength(0);
        assertThat(run("bench", "baseline", "--tick-interval", "100ms")).isEqualTo(2);
        assertThat(err.toString()).contains("--tick-interval");
        assertThat(err.toString().lines().filter(l -> l.contains("ticklake bench")).count()).isGreaterThan(0);
    }

    @Test
    void e2eAndLatencyRejectBadOptionsInOneLine() {
        assertThat(run("bench", "e2e", "--guarantees", "exactly_once")).isEqualTo(2);
        assertThat(err.toString()).contains("--guarantees").contains("exactly_once_v2").doesNotContain("Exception");
        err.getBuffer().setLength(0);
        assertThat(run("bench", "latency", "--rate", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--rate").doesNotContain("Exception");
        err.getBuffer().setLength(0);
        assertThat(run("bench", "latency", "--guarantee", "none")).isEqualTo(2);
        assertThat(err.toString()).contains("--guarantee: unknown");
    }

    @Test
    void guaranteesHaveShortMetricPrefixes() {
        assertThat(E2eBenchCommand.shortName("exactly_once_v2")).isEqualTo("eos");
        assertThat(E2eBenchCommand.shortName("at_least_once")).isEqualTo("alos");
    }

    @Test
    void queryCanTimeTheRollupWithoutWritingIt() {
        assertThat(run("bench", "query", "--help")).isZero();
        assertThat(out.toString()).contains("--rollup-select-only", "--index", "--date");
    }

    @Test
    void queryNeedsAnExistingTable() {
        assertThat(run("bench", "query", "--lake", "/nonexistent-lake")).isEqualTo(2);
        assertThat(err.toString()).contains("--lake: no table directory").doesNotContain("Exception");
    }

    @Test
    void trinoChecksItsArgumentsBeforeStartingAnything(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir)
            throws java.io.IOException {
        assertThat(run("bench", "trino", "--lake", "/nonexistent-lake", "--trino-home", dir.toString(), "--work",
                dir.resolve("w").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--lake: not a directory").doesNotContain("Exception");
        err.getBuffer().setLength(0);
        assertThat(run("bench", "trino", "--lake", dir.toString(), "--trino-home", dir.toString(), "--work",
                dir.resolve("w").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--trino-home: no bin/launcher").doesNotContain("Exception");
        // a --work that is not a previous run's is never emptied
        final java.nio.file.Path home = java.nio.file.Files.createDirectories(dir.resolve("trino/bin"));
        java.nio.file.Files.writeString(home.resolve("launcher"), "#!/bin/sh\nexit 1\n");
        home.resolve("launcher").toFile().setExecutable(true);
        final java.nio.file.Path precious = java.nio.file.Files.writeString(
                java.nio.file.Files.createDirectories(dir.resolve("mine")).resolve("keep.txt"), "x");
        final java.nio.file.Path readme = java.nio.file.Files.writeString(dir.resolve("README.md"),
                "Athena (x):\n```sql\nSELECT 1;\n```\n");
        err.getBuffer().setLength(0);
        assertThat(run("bench", "trino", "--lake", dir.toString(), "--trino-home", dir.resolve("trino").toString(),
                "--java-home", System.getProperty("java.home"), "--readme", readme.toString(),
                "--work", dir.resolve("mine").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--work:").contains("not empty");
        assertThat(precious).exists();
    }

    @Test
    void sinkFormatsMustBeKnownAndDistinct() {
        assertThat(run("bench", "sink", "--formats", "v1,v3")).isEqualTo(2);
        assertThat(err.toString()).contains("--formats").contains("v2-bss").doesNotContain("Exception");
        err.getBuffer().setLength(0);
        assertThat(run("bench", "sink", "--formats", "v1,V1")).isEqualTo(2);
        assertThat(err.toString()).contains("listed twice");
    }
}
