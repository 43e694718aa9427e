package io.ticklake.query.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import io.ticklake.sink.lake.PartitionPath;

/**
 * The index-days of a local lake whose rollups are not refreshed yet, kept on disk so that a crash at
 * any moment loses none: {@code <root>/.ticklake-rollups/pending/<entry>.tsv}, one {@code
 * <escaped index>\t<date>} per line. The sink's commit hook ({@link RollupJournalHook}) adds an entry
 * for each batch before its offsets are committed; the refresh reads all entries, recomputes, and only
 * then removes the entries it read. An entry is written to a temporary name, forced to disk and renamed,
 * so a reader never sees half an entry. Safe for one writer thread and one reader thread.
 */
public final class RollupJournal {
    /** Outside every table prefix (not a table name), like the staging directory. */
    static final String DIR = ".ticklake-rollups";
    private static final String SUFFIX = ".tsv";
    private final Path dir;

    public RollupJournal(final Path lakeRoot) {
        this.dir = lakeRoot.toAbsolutePath().normalize().resolve(DIR).resolve("pending");
    }

    /** The pending entries read at one moment. */
    public record Pending(List<Path> entries, Set<IndexDay> days) {
        public Pending {
            entries = List.copyOf(entries);
            days = Set.copyOf(days);
        }

        public boolean isEmpty() {
            return entries.isEmpty();
        }
    }

    /** Durably adds {@code days} (nothing when empty). */
    public void add(final Collection<IndexDay> days) throws IOException {
        if (days.isEmpty()) {
            return;
        }
        Files.createDirectories(dir);
        final String name = String.format("%019d-%s", System.currentTimeMillis(), UUID.randomUUID());
        final Path tmp = dir.resolve(name + ".tmp");
        final StringBuilder text = new StringBuilder();
        for (final IndexDay d : new TreeSet<>(days)) {
            text.append(PartitionPath.escape(d.index())).append('\t').append(d.date()).append('\n');
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(StandardCharsets.UTF_8.encode(text.toString()));
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(name + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Every complete entry now on disk (temporary files of an interrupted {@link #add} are ignored). */
    public Pending pending() {
        if (!Files.isDirectory(dir)) {
            return new Pending(List.of(), Set.of());
        }
        final List<Path> entries = new ArrayList<>();
        final Set<IndexDay> days = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (final Path p : s.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                try {
                    for (final String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                        parse(line, days);
                    }
                    entries.add(p);
                } catch (NoSuchFileException gone) {
                    // removed meanwhile: nothing to do for it
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rollup journal " + dir, e);
        }
        return new Pending(entries, days);
    }

    /** Removes entries read by {@link #pending()} once their days are refreshed. */
    public void remove(final Pending done) {
        for (final Path p : done.entries()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove rollup journal entry " + p, e);
            }
        }
    }

    private static void parse(final String line, final Set<IndexDay> days) {
        final int tab = line.indexOf('\t');
        if (tab <= 0) {
            return;
        }
        final String date = line.substring(tab + 1).strip();
        if (PartitionPath.isDate(date)) {
            days.add(new IndexDay(PartitionPath.unescape(line.substring(0, tab)), LocalDate.parse(date)));
        }
    }
}
