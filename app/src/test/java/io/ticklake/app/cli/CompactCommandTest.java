package io.ticklake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.OhlcBar;
import io.ticklake.sink.store.LocalObjectStore;
import io.ticklake.sink.testing.CompactionLake;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactCommandTest {
    @TempDir
    Path lake;
    private List<OhlcBar> bars;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exit = TickLakeCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void write() throws Exception {
        bars = CompactionLake.bars();
        try (LocalObjectStore store = LocalObjectStore.at(lake)) {
            CompactionLake.write(store, bars, 10);
        }
    }

    /** {@code lake stats --format csv}: the ohlc_1m row's columns. */
    private String[] stats() {
        final Run r = run("lake", "stats", "--lake", lake.toString(), "--format", "csv");
        assertThat(r.exit()).isZero();
        return r.out().lines().filter(l -> l.startsWith(CompactionLake.TABLE + ",")).findFirst().orElseThrow().split(",");
    }

    @Test
    void compactsEveryPartitionAndPrintsTheFilesBeforeAndAfter() {
        final String[] before = stats();
        final Run r = run("compact", "--lake", lake.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        final String[] after = stats();
        assertThat(after[1]).as("rows").isEqualTo(before[1]).isEqualTo(Integer.toString(bars.size()));
        assertThat(after[4]).as("partitions").isEqualTo(before[4]);
        assertThat(after[2]).as("files").isEqualTo(after[4]);
        assertThat(Integer.parseInt(before[2])).isGreaterThan(Integer.parseInt(after[2]));
        assertThat(r.out()).contains(CompactionLake.TABLE + ": " + before[4] + " partitions, " + before[2] + " → "
                + after[2] + " files");
        assertThat(run("query", "--lake", lake.toString(), "--format", "csv",
                "SELECT count(DISTINCT (kafka_partition, kafka_offset)) AS n FROM ohlc_1m").out())
                .contains(Integer.toString(bars.size()));
    }

    @Test
    void olderThanADateLeavesLaterPartitions() {
        final String[] before = stats();
        final Run r = run("compact", "--lake", lake.toString(), "--table", "ohlc_1m", "--older-than", "1970-01-02",
                "--target-size", "64MiB");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(stats()[2]).isEqualTo(before[2]);
    }

    @Test
    void badArgumentsAreOneLineAndExit2() throws Exception {
        final Path notALake = Files.createDirectory(lake.resolve("empty"));
        for (final String[] args : List.of(
                new String[] {"compact", "--lake", lake.resolve("missing").toString()},
                new String[] {"compact", "--lake", notALake.toString()},
                new String[] {"compact", "--lake", lake.toString(), "--older-than", "soon"},
                new String[] {"compact", "--lake", lake.toString(), "--target-size", "0"},
                new String[] {"compact", "--lake", lake.toString(), "--target-size", "lots"},
                new String[] {"compact", "--lake", lake.toString(), "--table", "Bad-Name"},
                new String[] {"compact", "--lake", lake.toString(), "--table", "ticks"})) {
            final Run r = run(args);
            assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err().lines().filter(l -> !l.startsWith("Try ")).count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).doesNotContain("Exception", "\tat ");
        }
        assertThat(stats()[2]).isNotEqualTo(stats()[4]); // nothing was compacted
    }
}
