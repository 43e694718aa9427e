package io.ticklake.query.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog of a local lake: what {@code catalog sync} reports when the lake is a directory (DuckDB
 * needs no registration; its views are built from the directories, see
 * {@link io.ticklake.query.sql.DuckDbEngine}).
 */
public final class LocalCatalog {
    /**
     * One table of a local lake.
     *
     * @param partitions partition directories (as the table's layout has them) holding at least one Parquet file
     * @param files      Parquet files
     * @param bytes      their total size
     */
    public record LocalTable(String name, int partitions, int files, long bytes) {
    }

    private LocalCatalog() {
    }

    /** The tables under {@code root} (directories with valid table names), sorted by name. */
    public static List<LocalTable> scan(final Path root) {
        final List<LocalTable> tables = new ArrayList<>();
        for (final Path dir : TableDirs.under(root)) {
            tables.add(table(dir, dir.getFileName().toString()));
        }
        return tables;
    }

    private static LocalTable table(final Path dir, final String name) {
        final List<Path> files = TableDirs.parquetFiles(dir);
        long bytes = 0;
        for (final Path f : files) {
            bytes += f.toFile().length();
        }
        final int partitions = (int) files.stream().map(Path::getParent).distinct().count();
        return new LocalTable(name, partitions, files.size(), bytes);
    }
}
