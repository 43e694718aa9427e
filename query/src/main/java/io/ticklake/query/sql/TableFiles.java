package io.ticklake.query.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.ticklake.sink.lake.PartitionLayout;
import io.ticklake.sink.lake.PartitionPath;

/**
 * The files DuckDB may read of one local lake table laid out as its {@link PartitionLayout}:
 * {@code <table>/index=<escaped>/date=<yyyy-MM-dd>/<name>.parquet}, {@code …/index=<escaped>/year=<yyyy>/
 * <name>.parquet} or {@code …/index=<escaped>/<name>.parquet}, checked with the sink's partition rules
 * ({@link PartitionPath#escape} for the index value, {@link PartitionLayout#isValue} for the date or year)
 * and Parquet's magic bytes. Everything else under
 * the table — a directory that is not {@code key=value}, a value that would not cast to its declared
 * type, a name DuckDB would read as a glob or SQL, a file that is not Parquet — is {@linkplain
 * #skipped() skipped}: one stray entry must never make a whole table unreadable.
 *
 * <p>The sources are globs per index directory ({@code index=X/*&#47;*.parquet}, or {@code index=X/*.parquet}
 * for the index-only layout) when everything under it is valid, which keeps a view over tens of thousands
 * of partitions to a handful of globs (and DuckDB's hive-partition pruning to the files of the partitions
 * a query selects); a directory holding a stray entry is narrowed to globs per date (year) directory, and
 * a directory holding one to its valid files.
 *
 * <p>Compaction ({@code ticklake compact}): a date directory holding a file a compacted one shadows
 * ({@link io.ticklake.sink.lake.ShadowRule}: an input not deleted yet) is listed file by file without it, so a
 * view refreshed at any moment of a compaction, or after one was killed, reads every row once; a fully
 * compacted directory is globbed again. A glob is evaluated when a query
 * runs, so a view refreshed before a compaction may see a compacted file next to its inputs until the inputs are
 * deleted, and a listed file a compaction deleted since makes the query fail until the view is refreshed
 * (docs/RELIABILITY.md, "Compaction").
 *
 * @param sources paths and globs for {@code read_parquet([...])}, as SQL string literals; empty: no valid file
 * @param skipped the stray entries, relative to the lake root, sorted
 */
record TableFiles(List<String> sources, List<String> skipped) {
    /** {@link PartitionPath#escape}'s alphabet: unreserved bytes and upper-case {@code %XX}. */
    private static final Pattern ESCAPED = Pattern.compile("(?:[A-Za-z0-9._-]|%[0-9A-F]{2})+");
    /** File names read: no glob or quote character can reach the SQL text. */
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9._+=%-]+\\.parquet");
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final int MIN_PARQUET = 2 * MAGIC.length + 4; // magic, footer length, magic

    TableFiles {
        sources = List.copyOf(sources);
        skipped = List.copyOf(skipped);
    }

    /** Scans {@code <root>/<table>}, an {@code index=/date=} table. */
    static TableFiles scan(final Path root, final String table) {
        return scan(root, table, PartitionLayout.INDEX_DATE);
    }

    /** Scans {@code <root>/<table>}, a table of {@code layout}: entries of any other shape are skipped. */
    static TableFiles scan(final Path root, final String table, final PartitionLayout layout) {
        final Path dir = root.resolve(table);
        final List<String> sources = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        for (final Path index : children(dir)) {
            if (!Files.isDirectory(index) || !isIndex(index.getFileName().toString())) {
                skipped.add(relative(root, index));
                continue;
            }
            if (layout.valueColumn() == null) {
                scanFiles(root, index, "/*.parquet", sources, skipped);
            } else {
                scanIndex(root, index, layout, sources, skipped);
            }
        }
        return new TableFiles(sources, skipped);
    }

    /**
     * The layout of the table directory {@code dir} as found on disk, for a table nobody declared: the
     * first index directory holding a Parquet file directly is {@link PartitionLayout#INDEX}, one holding
     * {@code year=} directories {@link PartitionLayout#INDEX_YEAR}, else {@link PartitionLayout#INDEX_DATE}.
     */
    static PartitionLayout detect(final Path dir) {
        for (final Path index : children(dir)) {
            if (!Files.isDirectory(index) || !isIndex(index.getFileName().toString())) {
                continue;
            }
            for (final Path child : children(index)) {
                final String name = child.getFileName().toString();
                if (Files.isRegularFile(child) && FILE.matcher(name).matches()) {
                    return PartitionLayout.INDEX;
                }
                if (Files.isDirectory(child) && isValue(name, PartitionLayout.INDEX_YEAR)) {
                    return PartitionLayout.INDEX_YEAR;
                }
                if (Files.isDirectory(child) && isValue(name, PartitionLayout.INDEX_DATE)) {
                    return PartitionLayout.INDEX_DATE;
                }
            }
        }
        return PartitionLayout.INDEX_DATE;
    }

    /** Whether the table has at least one file to read. */
    boolean hasFiles() {
        return !sources.isEmpty();
    }

    private static void scanIndex(final Path root, final Path index, final PartitionLayout layout,
                                  final List<String> sources, final List<String> skipped) {
        final List<String> narrowed = new ArrayList<>();
        final int strays = skipped.size();
        for (final Path value : children(index)) {
            if (!Files.isDirectory(value) || !isValue(value.getFileName().toString(), layout)) {
                skipped.add(relative(root, value));
                continue;
            }
            scanFiles(root, value, "/*.parquet", narrowed, skipped);
        }
        if (skipped.size() == strays && !narrowed.isEmpty() && narrowed.stream().allMatch(TableFiles::isGlob)) {
            sources.add(SqlLiterals.path(index, "/*/*.parquet"));
        } else {
            sources.addAll(narrowed);
        }
    }

    private static boolean isGlob(final String source) {
        return source.endsWith("/*.parquet'");
    }

    /**
     * The Parquet files directly in {@code dir}: one glob ({@code dir + glob}) when nothing else is there,
     * else each valid file; the rest is skipped. A directory holding a file a compacted one shadows is
     * listed without it, never globbed.
     */
    private static void scanFiles(final Path root, final Path dir, final String glob, final List<String> sources,
                                  final List<String> skipped) {
        final List<Path> files = new ArrayList<>();
        final int before = skipped.size();
        for (final Path f : children(dir)) {
            if (isParquetFile(f)) {
                files.add(f);
            } else {
                skipped.add(relative(root, f));
            }
        }
        final boolean shadowed = CompactedFiles.keepVisible(files);
        if (skipped.size() == before && !shadowed) {
            if (!files.isEmpty()) {
                sources.add(SqlLiterals.path(dir, glob));
            }
        } else {
            files.forEach(f -> sources.add(SqlLiterals.path(f)));
        }
    }

    private static boolean isIndex(final String name) {
        return name.startsWith("index=") && ESCAPED.matcher(name).region("index=".length(), name.length()).matches();
    }

    /** Whether {@code name} is {@code <layout's second column>=<valid value>}. */
    private static boolean isValue(final String name, final PartitionLayout layout) {
        final String prefix = layout.valueColumn() + "=";
        return name.startsWith(prefix) && layout.isValue(name.substring(prefix.length()));
    }

    /** A regular file with a plain name, the size of a Parquet file at least, starting and ending with PAR1. */
    private static boolean isParquetFile(final Path f) {
        if (!FILE.matcher(f.getFileName().toString()).matches() || !Files.isRegularFile(f)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            final long size = ch.size();
            if (size < MIN_PARQUET) {
                return false;
            }
            return magicAt(ch, 0) && magicAt(ch, size - MAGIC.length);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean magicAt(final FileChannel ch, final long position) throws IOException {
        final ByteBuffer buf = ByteBuffer.allocate(MAGIC.length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                return false;
            }
        }
        return java.util.Arrays.equals(buf.array(), MAGIC);
    }

    private static List<Path> children(final Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String relative(final Path root, final Path p) {
        return root.relativize(p).toString() + (Files.isDirectory(p) ? "/" : "");
    }
}
