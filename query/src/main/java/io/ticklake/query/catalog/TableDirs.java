package io.ticklake.query.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The tables of a local lake as directories, and their committed Parquet files. */
final class TableDirs {
    private TableDirs() {
    }

    /** The directories under {@code root} with valid table names, sorted. */
    static List<Path> under(final Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("lake directory does not exist: " + root);
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).filter(d -> LakeIdentifiers.isTable(d.getFileName().toString()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list lake " + root, e);
        }
    }

    /**
     * The Parquet files of table directory {@code dir}, sorted; a file being written sits under the
     * lake's {@code .tmp/}, never under a table, so every one is committed.
     */
    static List<Path> parquetFiles(final Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list table " + dir, e);
        }
    }
}
