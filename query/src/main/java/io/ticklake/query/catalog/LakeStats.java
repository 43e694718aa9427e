package io.ticklake.query.catalog;

import io.ticklake.query.sql.QueryResult;
import io.ticklake.sink.lake.ShadowRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * The shape of a local lake, table by table: rows (from the Parquet footers, no data read), files,
 * bytes, partitions, the median and smallest file, files per partition — the small-file problem in
 * figures, before Athena's planning time shows it. Files a compacted file shadows (left by an interrupted
 * {@code ticklake compact}, deleted by its next run) are not counted: no reader of ticklake's reads them.
 */
public final class LakeStats {
    /** Columns of {@link #asResult}, in order. */
    public static final List<String> COLUMNS = List.of("table", "rows", "files", "bytes", "partitions",
            "median_file_bytes", "smallest_file_bytes", "files_per_partition", "max_files_per_partition");

    /**
     * One table's figures.
     *
     * @param filesPerPartition mean files per partition directory holding a file
     */
    public record TableStats(String table, long rows, int files, long bytes, int partitions, long medianFileBytes,
                             long smallestFileBytes, double filesPerPartition, int maxFilesPerPartition) {
    }

    private LakeStats() {
    }

    /** Every table under {@code root} (directories with valid table names), sorted by name. */
    public static List<TableStats> scan(final Path root) {
        final List<TableStats> tables = new ArrayList<>();
        for (final Path dir : TableDirs.under(root)) {
            tables.add(table(dir, dir.getFileName().toString()));
        }
        return tables;
    }

    private static TableStats table(final Path dir, final String name) {
        final List<Path> files = visible(TableDirs.parquetFiles(dir));
        final long[] sizes = new long[files.size()];
        final Map<Path, Integer> perPartition = new TreeMap<>();
        long rows = 0;
        long bytes = 0;
        for (int i = 0; i < sizes.length; i++) {
            final Path f = files.get(i);
            sizes[i] = f.toFile().length();
            bytes += sizes[i];
            rows += rowCount(f);
            perPartition.merge(f.getParent(), 1, Integer::sum);
        }
        Arrays.sort(sizes);
        final int partitions = perPartition.size();
        return new TableStats(name, rows, sizes.length, bytes, partitions, median(sizes),
                sizes.length == 0 ? 0 : sizes[0], partitions == 0 ? 0 : (double) sizes.length / partitions,
                perPartition.values().stream().mapToInt(Integer::intValue).max().orElse(0));
    }

    /** The files a reader reads: per directory, those no compacted file shadows ({@link ShadowRule}). */
    private static List<Path> visible(final List<Path> files) {
        final Map<Path, List<Path>> byDir = new TreeMap<>();
        files.forEach(f -> byDir.computeIfAbsent(f.getParent(), d -> new ArrayList<>()).add(f));
        final List<Path> out = new ArrayList<>();
        byDir.values().forEach(fs -> out.addAll(ShadowRule.visible(fs, f -> f.getFileName().toString())));
        return out;
    }

    private static long rowCount(final Path file) {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getRecordCount();
        } catch (IOException | RuntimeException e) {
            final String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            throw new UncheckedIOException("cannot read the Parquet footer of " + file + ": " + why,
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static long median(final long[] sorted) {
        if (sorted.length == 0) {
            return 0;
        }
        final int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The figures as a result table, for the CLI's table, CSV and JSON formats. */
    public static QueryResult asResult(final List<TableStats> stats) {
        final List<List<Object>> rows = new ArrayList<>();
        for (final TableStats s : stats) {
            rows.add(List.of(s.table(), s.rows(), (long) s.files(), s.bytes(), (long) s.partitions(),
                    s.medianFileBytes(), s.smallestFileBytes(), Math.round(s.filesPerPartition() * 100) / 100.0,
                    (long) s.maxFilesPerPartition()));
        }
        return new QueryResult(COLUMNS, List.of("VARCHAR", "BIGINT", "BIGINT", "BIGINT", "BIGINT", "BIGINT",
                "BIGINT", "DOUBLE", "BIGINT"), rows, 0, Duration.ZERO);
    }
}
