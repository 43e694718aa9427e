package io.ticklake.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeStatsTest {
    @TempDir
    Path lake;

    /** Writes {@code rows} rows as one Parquet file of {@code table}/index=/date= with DuckDB. */
    private void file(final String table, final String index, final String date, final String name, final int rows)
            throws Exception {
        final Path dir = Files.createDirectories(lake.resolve(table).resolve("index=" + index).resolve("date=" + date));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT range AS v, random() AS x FROM range(" + rows + ")) TO '"
                    + dir.resolve(name + ".parquet") + "' (FORMAT parquet)");
        }
    }

    @Test
    void countsRowsFilesPartitionsAndFileSizesPerTable() throws Exception {
        file("ticks", "NYA", "2021-05-24", "a", 100);
        file("ticks", "NYA", "2021-05-24", "b", 10);
        file("ticks", "NYA", "2021-05-25", "a", 1000);
        file("ohlc_1d", "NYA", "2021-05-24", "a", 1);
        Files.createDirectories(lake.resolve("ticks/index=NYA/date=2021-05-26")); // empty: not a partition
        Files.writeString(lake.resolve("ticks/index=NYA/date=2021-05-24/notes.txt"), "not parquet");

        final List<LakeStats.TableStats> stats = LakeStats.scan(lake);

        assertThat(stats).extracting(LakeStats.TableStats::table).containsExactly("ohlc_1d", "ticks");
        final LakeStats.TableStats ticks = stats.get(1);
        assertThat(ticks.rows()).isEqualTo(1110);
        assertThat(ticks.files()).isEqualTo(3);
        assertThat(ticks.partitions()).isEqualTo(2);
        assertThat(ticks.maxFilesPerPartition()).isEqualTo(2);
        assertThat(ticks.filesPerPartition()).isEqualTo(1.5);
        final long[] sizes = {size("ticks/index=NYA/date=2021-05-24/a.parquet"),
            size("ticks/index=NYA/date=2021-05-24/b.parquet"), size("ticks/index=NYA/date=2021-05-25/a.parquet")};
        java.util.Arrays.sort(sizes);
        assertThat(ticks.smallestFileBytes()).isEqualTo(sizes[0]);
        assertThat(ticks.medianFileBytes()).isEqualTo(sizes[1]);
        assertThat(ticks.bytes()).isEqualTo(sizes[0] + sizes[1] + sizes[2]);
        assertThat(stats.get(0).rows()).isEqualTo(1);
        assertThat(LakeStats.asResult(stats).rows()).hasSize(2);
    }

    @Test
    void aFileThatIsNotParquetIsNamedInOneLine() throws Exception {
        file("ticks", "NYA", "2021-05-24", "a", 5);
        Files.writeString(lake.resolve("ticks/index=NYA/date=2021-05-24/broken.parquet"), "PAR1 not really");
        assertThatThrownBy(() -> LakeStats.scan(lake)).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot read the Parquet footer of ").hasMessageContaining("broken.parquet").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private long size(final String rel) throws Exception {
        return Files.size(lake.resolve(rel));
    }
}
