package io.ticklake.query.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The catalog of a local lake: what {@code catalog sync} reports when the lake is a directory (DuckDB
 * needs no registration; its views are built from the directories, see
 * {@link io.ticklake.query.sql.DuckDbEngine}).
 */
public final class LocalCatalog {
    /**
     * One table of a local lake.
     *
     * @param partitions {@code index=/date=} directories holding at least one Parquet file
     * @param files      Parquet files
     * @param bytes      their total size
     */
    public record LocalTable(String name, int partitions, int files, long bytes) {
    }

    private LocalCatalog() {
    }

    /** The tables under {@code root} (directories with valid table names), sorted by name. */
    public static List<LocalTable> scan(final Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("lake directory does not exist: " + root);
        }
        final List<LocalTable> tables = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (final Path dir : dirs.sorted().toList()) {
                final String name = dir.getFileName().toString();
                if (Files.isDirectory(dir) && LakeIdentifiers.isTable(name)) {
                    tables.add(table(dir, name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list lake " + root, e);
        }
        return tables;
    }

    private static LocalTable table(final Path dir, final String name) throws IOException {
        final List<Path> files;
        try (Stream<Path> all = Files.walk(dir)) {
            files = all.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .toList();
        }
        long bytes = 0;
        for (final Path f : files) {
            bytes += Files.size(f);
        }
        final int partitions = (int) files.stream().map(Path::getParent).distinct().count();
        return new LocalTable(name, partitions, files.size(), bytes);
    }
}
