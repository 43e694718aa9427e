package io.ticklake.app.cli;

import io.ticklake.data.FileTrees;
import io.ticklake.service.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo's lake directory. Every demo starts a fresh broker whose offsets start at 0, so files of a
 * previous demo would sit next to new ones with other contents: the demo clears the tables of a
 * previous ticklake lake, and refuses a directory holding anything else.
 */
final class DemoLake {
    private DemoLake() {
    }

    /** Creates {@code dir} or empties the ticklake tables in it; returns what was cleared. */
    static List<String> prepare(final Path dir) {
        try {
            Files.createDirectories(dir);
            final List<Path> entries;
            try (Stream<Path> s = Files.list(dir)) {
                entries = s.sorted().toList();
            }
            for (final Path p : entries) {
                if (!ours(p.getFileName().toString()) || !Files.isDirectory(p)) {
                    throw new UsageException("--lake " + dir + " holds " + p.getFileName()
                            + ", which is not a ticklake table: choose an empty or new directory");
                }
            }
            for (final Path p : entries) {
                FileTrees.delete(p);
            }
            return entries.stream().map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UsageException("--lake " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean ours(final String name) {
        return name.equals("ticks") || name.startsWith("ohlc_") || name.startsWith("rollup_")
                || name.equals(".tmp") || name.equals(".ticklake-staging") || name.equals(".ticklake-rollups");
    }

    /** Parquet files and their bytes under the lake's tables. */
    record LakeFiles(long files, long bytes) {
    }

    static LakeFiles parquetFiles(final Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            final long[] acc = new long[2];
            walk.filter(p -> p.getFileName().toString().endsWith(".parquet") && Files.isRegularFile(p))
                    .filter(p -> !dir.relativize(p).toString().startsWith("."))
                    .forEach(p -> {
                        acc[0]++;
                        try {
                            acc[1] += Files.size(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            return new LakeFiles(acc[0], acc[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
