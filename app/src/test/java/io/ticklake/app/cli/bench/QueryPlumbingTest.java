package io.ticklake.app.cli.bench;

import io.ticklake.bench.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing of DuckDB's EXPLAIN ANALYZE and the partition defaults of {@code bench query}. */
class QueryPlumbingTest {
    private static final String PLAN = """
            │ Total Time:  2.46s │
            │ Data Read: 15.3 kB │
            │ Function: READ_PARQUET                  │
            │ Scanning Files: 1/2,949                 │
            │ Total Files Read: 1                     │
            """;

    @Test
    void filesAndBytesComeFromThePlan() {
        final ScanStats s = ScanStats.parse(PLAN);
        assertThat(s.filesRead()).isEqualTo(1);
        assertThat(s.filesMatched()).isEqualTo(2949);
        assertThat(s.bytesRead()).isEqualTo(15_300, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void scansAreSummedAndMissingFiguresAreMarked() {
        assertThat(ScanStats.parse(PLAN + PLAN).filesRead()).isEqualTo(2);
        final ScanStats none = ScanStats.parse("no scan here");
        assertThat(none.filesRead()).isEqualTo(-1);
        assertThat(none.bytesRead()).isNaN();
    }

    @Test
    void unitsAreDecimalUnlessBinary() {
        assertThat(ScanStats.unit("MB")).isEqualTo(1e6);
        assertThat(ScanStats.unit("GiB")).isEqualTo(1024.0 * 1024 * 1024);
        assertThat(ScanStats.unit("B")).isEqualTo(1);
    }

    @Test
    void theDefaultPartitionIsTheFirstIndexAndItsLastDate(@TempDir final Path lake) throws IOException {
        Files.createDirectories(lake.resolve("ticks/index=NYA/date=2021-05-17"));
        Files.createDirectories(lake.resolve("ticks/index=NYA/date=2021-05-18"));
        Files.createDirectories(lake.resolve("ticks/index=HSI/date=2021-05-17"));
        assertThat(QueryBenchCommand.first(lake.resolve("ticks"), "index=", false)).contains("HSI");
        assertThat(QueryBenchCommand.first(lake.resolve("ticks/index=NYA"), "date=", true)).contains("2021-05-18");
        assertThat(QueryBenchCommand.first(lake.resolve("nothing"), "index=", false)).isEmpty();
    }

    @Test
    void stringLiteralsDoubleTheirQuotes() {
        assertThat(QueryBench.literal("O'Neil")).isEqualTo("'O''Neil'");
    }
}
