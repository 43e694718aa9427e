package io.ticklake.sink.compact;

import io.ticklake.sink.lake.MemoryFiles;
import io.ticklake.sink.lake.DataFileName;
import io.ticklake.sink.lake.PartitionPath;
import io.ticklake.sink.lake.ShadowRule;
import io.ticklake.sink.store.ObjectStore;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the small files of a lake's partition directories, exactly once.
 *
 * <p>Per directory and topic-partition, the visible files ({@link ShadowRule}) that are final
 * ({@link OffsetGuard}) are taken in offset order and cut into runs of at most {@link Options#targetBytes}
 * (a file never splits; two compacted files next to each other are left as they are, unread); each run of two
 * files or more becomes one compacted file named by the offsets it
 * covers, {@code <topic>+<partition>+<first>-<last>.parquet} ({@link DataFileName}). Its row groups are the
 * inputs' row groups copied byte for byte in input order ({@link ParquetFileWriter#appendFile}): the
 * rows, their order and their values are exactly the union of the inputs, nothing is decoded.
 *
 * <p>Order of effects, which is the crash argument: (1) the compacted file is put — atomic and durable —
 * (2) only then the inputs are deleted, one by one. A crash before (1) changes nothing. After (1) every
 * input is shadowed by the compacted file, so the readers that apply the rule see each row once; the next
 * run first deletes what is shadowed (checking from the footer that the shadowed file's offsets lie inside
 * the covering range) and so finishes the deletion. No step removes a row's last copy, and a directory is
 * never left empty (its compacted file is written into it before anything is deleted), so catalog
 * partitions are neither added nor removed.
 *
 * <p>Not thread-safe; run one compactor per lake at a time (a second one would only redo work: both
 * write the same name for the same run).
 */
public final class Compactor {
    private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);
    private static final long ROW_GROUP_BYTES = 128L * 1024 * 1024;

    /**
     * @param targetBytes  the largest compacted file made from several inputs (inputs are never split)
     * @param closedBefore only directories with a {@code date=} segment before this date; null: every directory
     * @param guard        which files the sink will never rewrite
     */
    public record Options(long targetBytes, LocalDate closedBefore, OffsetGuard guard) {
        /** Default target size: 128 MiB, Athena's and Iceberg's usual file size. */
        public static final long DEFAULT_TARGET_BYTES = 128L * 1024 * 1024;

        public Options {
            if (targetBytes < 1) {
                throw new IllegalArgumentException("target size must be positive: " + targetBytes);
            }
            Objects.requireNonNull(guard, "guard");
        }
    }

    /** Called after each partition directory. */
    @FunctionalInterface
    public interface Progress {
        void partitionDone(int done, int total, Result result);

        Progress NONE = (done, total, result) -> { };
    }

    /**
     * What a run did.
     *
     * @param partitions directories looked at
     * @param compacted  directories where a compacted file was written
     * @param filesBefore data files present before (shadowed leftovers included)
     * @param filesAfter  data files present after
     * @param merged      input files merged and deleted
     * @param leftovers   shadowed files of an earlier, interrupted run deleted
     * @param notFinal    files left alone because the sink may still rewrite them
     * @param conflicts   shadowed files left because their offsets are not inside the covering range (logged)
     */
    public record Result(int partitions, int compacted, int filesBefore, int filesAfter, int merged, int leftovers,
                         int notFinal, int conflicts) {
        /** Nothing done. */
        public static final Result EMPTY = new Result(0, 0, 0, 0, 0, 0, 0, 0);

        /** Both runs' figures added. */
        public Result plus(final Result o) {
            return new Result(partitions + o.partitions, compacted + o.compacted, filesBefore + o.filesBefore,
                    filesAfter + o.filesAfter, merged + o.merged, leftovers + o.leftovers, notFinal + o.notFinal,
                    conflicts + o.conflicts);
        }
    }

    private final ObjectStore store;
    private final Options options;

    public Compactor(final ObjectStore store, final Options options) {
        this.store = Objects.requireNonNull(store, "store");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Compacts every selected partition directory of {@code table}. */
    public Result compactTable(final String table, final Progress progress) throws IOException {
        final List<String> dirs = partitionDirs(store, PartitionPath.requireTable(table)).stream()
                .filter(this::selected).toList();
        Result total = Result.EMPTY;
        for (int i = 0; i < dirs.size(); i++) {
            final Result r = compactPartition(dirs.get(i));
            total = total.plus(r);
            progress.partitionDone(i + 1, dirs.size(), total);
        }
        return total;
    }

    /**
     * The directories under {@code table} holding a data file the rule knows, sorted: whatever the
     * partition layout, a partition is the directory its files are in.
     */
    public static List<String> partitionDirs(final ObjectStore store, final String table) throws IOException {
        final TreeSet<String> dirs = new TreeSet<>();
        for (final String key : store.list(table + "/")) {
            final int slash = key.lastIndexOf('/');
            if (slash > 0 && DataFileName.parse(key.substring(slash + 1)).isPresent()) {
                dirs.add(key.substring(0, slash));
            }
        }
        return List.copyOf(dirs);
    }

    /** Whether {@code dir} is closed before the option's date (by its {@code date=} segment). */
    boolean selected(final String dir) {
        if (options.closedBefore() == null) {
            return true;
        }
        for (final String segment : dir.split("/")) {
            if (segment.startsWith("date=") && PartitionPath.isDate(segment.substring(5))) {
                return LocalDate.parse(segment.substring(5)).isBefore(options.closedBefore());
            }
        }
        return false; // no date: its age is unknown, so it is never "older than"
    }

    /** Compacts one partition directory (lake-relative, no trailing slash). */
    public Result compactPartition(final String dir) throws IOException {
        final List<String> before = dataFiles(dir);
        final ShadowRule.Split<String> split = ShadowRule.split(before, Compactor::fileName);
        int leftovers = 0;
        int conflicts = 0;
        for (final Map.Entry<String, String> e : split.shadowed().entrySet()) {
            if (finishDeletion(e.getKey(), e.getValue())) {
                leftovers++;
            } else {
                conflicts++;
            }
        }
        int merged = 0;
        int compacted = 0;
        int notFinal = 0;
        for (final List<String> tp : byTopicPartition(split.visible()).values()) {
            if (tp.size() < 2) {
                continue;
            }
            final Runs runs = compactTopicPartition(dir, tp);
            merged += runs.merged;
            compacted += runs.written;
            notFinal += runs.notFinal;
        }
        final List<String> after = dataFiles(dir);
        if (after.isEmpty() && !before.isEmpty()) {
            throw new IllegalStateException("compaction emptied " + dir); // cannot happen: written before deleted
        }
        return new Result(1, compacted > 0 ? 1 : 0, before.size(), after.size(), merged, leftovers, notFinal, conflicts);
    }

    private List<String> dataFiles(final String dir) throws IOException {
        final List<String> files = new ArrayList<>();
        for (final String key : store.list(dir + "/")) {
            if (key.indexOf('/', dir.length() + 1) < 0 && DataFileName.parse(fileName(key)).isPresent()) {
                files.add(key);
            }
        }
        return files;
    }

    private static String fileName(final String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static DataFileName nameOf(final String key) {
        return DataFileName.parse(fileName(key)).orElseThrow();
    }

    /** Visible keys per topic-partition, each list in offset order. */
    private static Map<String, List<String>> byTopicPartition(final List<String> keys) {
        final Map<String, List<String>> out = new TreeMap<>();
        for (final String k : keys) {
            final DataFileName n = nameOf(k);
            out.computeIfAbsent(n.topic() + "+" + n.partition(), x -> new ArrayList<>()).add(k);
        }
        out.values().forEach(l -> l.sort((a, b) -> Long.compare(nameOf(a).first(), nameOf(b).first())));
        return out;
    }

    /** Deletes a shadowed file whose offsets lie inside its covering compacted file's range. */
    private boolean finishDeletion(final String shadowed, final String by) throws IOException {
        final Optional<byte[]> bytes = store.get(shadowed);
        if (bytes.isEmpty()) {
            return true;
        }
        final DataFile f = DataFile.of(shadowed, nameOf(shadowed), bytes.get());
        final DataFileName cover = nameOf(by);
        if (f.minOffset() < cover.first() || f.maxOffset() > cover.last()) {
            LOG.warn("Not deleting {}: its offsets {}-{} are not all inside {} (compacted while the sink could still "
                    + "rewrite it?); it stays shadowed", shadowed, f.minOffset(), f.maxOffset(), by);
            return false;
        }
        store.delete(shadowed);
        LOG.info("Deleted {}, shadowed by {} (an earlier run was interrupted)", shadowed, by);
        return true;
    }

    private static final class Runs {
        int merged;
        int written;
        int notFinal;
    }

    private Runs compactTopicPartition(final String dir, final List<String> keys) throws IOException {
        final Runs runs = new Runs();
        final List<DataFile> run = new ArrayList<>();
        long runBytes = 0;
        for (int i = 0; i < keys.size(); i++) {
            final String key = keys.get(i);
            if (nameOf(key).compacted() && (i + 1 == keys.size() || nameOf(keys.get(i + 1)).compacted())) {
                // compacted files next to each other were cut by the target size: never re-read, never re-merged
                merge(dir, run, runs);
                run.clear();
                runBytes = 0;
                continue;
            }
            final Optional<byte[]> bytes = store.get(key);
            if (bytes.isEmpty()) {
                continue; // deleted meanwhile (a concurrent run): nothing to merge
            }
            final DataFile f = DataFile.of(key, nameOf(key), bytes.get());
            if (!options.guard().isFinal(f.name().topic(), f.name().partition(), f.maxOffset())) {
                runs.notFinal += keys.size() - i; // later files hold later offsets
                break;
            }
            if (!run.isEmpty() && (runBytes + f.size() > options.targetBytes() || !f.schema().equals(run.get(0).schema()))) {
                merge(dir, run, runs);
                run.clear();
                runBytes = 0;
            }
            run.add(f);
            runBytes += f.size();
        }
        merge(dir, run, runs);
        return runs;
    }

    private void merge(final String dir, final List<DataFile> run, final Runs runs) throws IOException {
        if (run.size() < 2) {
            return;
        }
        final DataFile head = run.get(0);
        long last = head.name().last();
        long rows = 0;
        long bytes = 0;
        for (final DataFile f : run) {
            last = Math.max(last, Math.max(f.name().last(), f.maxOffset()));
            rows += f.rows();
            bytes += f.size();
        }
        final DataFileName name = DataFileName.compacted(head.name().topic(), head.name().partition(),
                head.name().first(), last);
        final String key = dir + "/" + name.fileName();
        final byte[] content = concatenate(run, bytes);
        final DataFile check = DataFile.of(key, name, content);
        if (check.rows() != rows || check.maxOffset() != last || check.minOffset() != head.minOffset()) {
            throw new IOException("compacted " + key + " does not hold its inputs' rows (" + check.rows() + " of " + rows
                    + ")");
        }
        store.put(key, content);
        for (final DataFile f : run) {
            store.delete(f.key());
        }
        runs.merged += run.size();
        runs.written++;
        LOG.info("Compacted {} files ({} rows, {} bytes) of {} into {}", run.size(), rows, bytes, dir, name.fileName());
    }

    /** One Parquet file holding the runs' row groups in order, byte for byte. */
    private static byte[] concatenate(final List<DataFile> run, final long bytes) throws IOException {
        final MemoryFiles.Output out = new MemoryFiles.Output((int) Math.min(bytes + 4096, Integer.MAX_VALUE - 16));
        final ParquetFileWriter writer = new ParquetFileWriter(out, run.get(0).schema(), ParquetFileWriter.Mode.OVERWRITE,
                ROW_GROUP_BYTES, 0);
        writer.start();
        for (final DataFile f : run) {
            writer.appendFile(MemoryFiles.input(f.bytes()));
        }
        writer.end(run.get(0).keyValues());
        return out.toByteArray();
    }
}
