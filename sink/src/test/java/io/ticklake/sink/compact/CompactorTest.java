package io.ticklake.sink.compact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticklake.data.OhlcBar;
import io.ticklake.sink.lake.DataFileName;
import io.ticklake.sink.lake.ShadowRule;
import io.ticklake.sink.store.ForwardingObjectStore;
import io.ticklake.sink.store.LocalObjectStore;
import io.ticklake.sink.store.ObjectStore;
import io.ticklake.sink.store.S3ObjectStore;
import io.ticklake.sink.store.S3Settings;
import io.ticklake.sink.testing.CompactionLake;
import io.ticklake.sink.testing.LakeReader;
import io.ticklake.sink.testing.S3ProxyServer;
import io.ticklake.sink.testing.S3Stores;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactorTest {
    private static final String TABLE = CompactionLake.TABLE;
    @TempDir
    Path dir;
    private List<OhlcBar> bars;

    @BeforeEach
    void lake() {
        bars = CompactionLake.bars();
    }

    /** Per partition directory, the rows of its visible files in name (offset) order, as text. */
    static Map<String, List<String>> visibleRows(final ObjectStore store) throws IOException {
        final Map<String, List<String>> out = new TreeMap<>();
        for (final String d : Compactor.partitionDirs(store, TABLE)) {
            final List<String> keys = new ArrayList<>();
            for (final String k : store.list(d + "/")) {
                keys.add(k);
            }
            final List<String> visible = ShadowRule.visible(keys, k -> k.substring(k.lastIndexOf('/') + 1));
            final List<String> rows = new ArrayList<>();
            for (final String k : visible) {
                for (final GenericRecord r : LakeReader.readFile(store.get(k).orElseThrow())) {
                    rows.add(r.toString());
                }
            }
            out.put(d, rows);
        }
        return out;
    }

    private static Map<String, Integer> filesPerDir(final ObjectStore store) throws IOException {
        final Map<String, Integer> out = new TreeMap<>();
        for (final String k : store.list(TABLE + "/")) {
            out.merge(k.substring(0, k.lastIndexOf('/')), 1, Integer::sum);
        }
        return out;
    }

    /** Every offset of every partition exactly once, and as many rows as bars written. */
    private void assertLineage(final ObjectStore store) {
        final List<LakeReader.LakeRow> rows = LakeReader.read(store, TABLE);
        assertThat(rows).hasSize(bars.size());
        final Map<Integer, Long> expectNext = new HashMap<>();
        for (final LakeReader.LakeRow r : rows) {
            final long next = expectNext.getOrDefault(r.kafkaPartition(), 0L);
            assertThat(r.kafkaOffset()).as("offsets of partition %d", r.kafkaPartition()).isEqualTo(next);
            expectNext.put(r.kafkaPartition(), next + 1);
        }
    }

    @Test
    void aCompactedPartitionHoldsExactlyTheUnionOfItsInputsInOrder() throws IOException {
        try (LocalObjectStore store = LocalObjectStore.at(dir)) {
            CompactionLake.write(store, bars, 10);
            final Map<String, List<String>> before = visibleRows(store);
            final Map<String, Integer> filesBefore = filesPerDir(store);
            assertThat(filesBefore.values()).allMatch(n -> n > 5);

            final Compactor.Result r = new Compactor(store, options(Long.MAX_VALUE, null, OffsetGuard.ALL))
                    .compactTable(TABLE, Compactor.Progress.NONE);

            assertThat(visibleRows(store)).isEqualTo(before);
            assertThat(filesPerDir(store).keySet()).isEqualTo(filesBefore.keySet()); // no partition added or removed
            assertThat(filesPerDir(store).values()).containsOnly(1);
            assertLineage(store);
            assertThat(r.filesBefore()).isEqualTo(filesBefore.values().stream().mapToInt(Integer::intValue).sum());
            assertThat(r.filesAfter()).isEqualTo(filesBefore.size());
            assertThat(r.compacted()).isEqualTo(filesBefore.size());
            final List<LakeReader.LakeRow> all = LakeReader.read(store, TABLE);
            for (final String k : store.list(TABLE + "/")) {
                final DataFileName n = DataFileName.parse(k.substring(k.lastIndexOf('/') + 1)).orElseThrow();
                final List<LakeReader.LakeRow> rows = all.stream().filter(row -> row.key().equals(k)).toList();
                assertThat(n.compacted()).isTrue();
                assertThat(rows.get(0).kafkaOffset()).isEqualTo(n.first());
                assertThat(rows.get(rows.size() - 1).kafkaOffset()).isEqualTo(n.last());
            }
            final Compactor.Result again = new Compactor(store, options(Long.MAX_VALUE, null, OffsetGuard.ALL))
                    .compactTable(TABLE, Compactor.Progress.NONE);
            assertThat(again.merged()).isZero();
            assertThat(again.filesAfter()).isEqualTo(again.filesBefore());
        }
    }

    @Test
    void aTargetSizeCutsAPartitionIntoSeveralFilesWithoutSplittingOne() throws IOException {
        try (LocalObjectStore store = LocalObjectStore.at(dir)) {
            CompactionLake.write(store, bars, 5);
            final Map<String, List<String>> before = visibleRows(store);
            final long target = 3 * store.get(store.list(TABLE + "/").get(0)).orElseThrow().length;
            new Compactor(store, options(target, null, OffsetGuard.ALL)).compactTable(TABLE, Compactor.Progress.NONE);
            assertThat(visibleRows(store)).isEqualTo(before);
            assertThat(filesPerDir(store).values()).anyMatch(n -> n > 1);
            assertLineage(store);
        }
    }

    @Test
    void olderThanSelectsByTheDateSegmentOnly() throws IOException {
        try (LocalObjectStore store = LocalObjectStore.at(dir)) {
            CompactionLake.write(store, bars, 10);
            final Map<String, Integer> before = filesPerDir(store);
            final LocalDate cut = before.keySet().stream().map(d -> LocalDate.parse(d.substring(d.indexOf("date=") + 5)))
                    .sorted().distinct().toList().get(2);
            new Compactor(store, options(Long.MAX_VALUE, cut, OffsetGuard.ALL)).compactTable(TABLE, Compactor.Progress.NONE);
            filesPerDir(store).forEach((d, n) -> {
                final boolean old = LocalDate.parse(d.substring(d.indexOf("date=") + 5)).isBefore(cut);
                assertThat(n).as(d).isEqualTo(old ? 1 : before.get(d));
            });
            assertLineage(store);
        }
    }

    /**
     * The re-landing case: the sink uploaded a batch and died before committing it, so after its restart it
     * rewrites those files (same names, docs/ARCHITECTURE.md §6). Compacting with the committed offsets as the
     * guard leaves exactly those files alone, so the rewrite replaces them and nothing is duplicated.
     */
    @Test
    void filesTheSinkHasNotCommittedPastAreNotCompactedSoTheirRewriteCannotDuplicate() throws IOException {
        try (LocalObjectStore store = LocalObjectStore.at(dir)) {
            final int half = bars.size() / 2;
            final long[] committed = CompactionLake.write(store, bars.subList(0, half), 10);
            final Map<String, byte[]> uncommitted = new LinkedHashMap<>();
            final List<String> committedKeys = store.list(TABLE + "/");
            CompactionLake.write(store, bars.subList(half, bars.size()), 10, committed);
            for (final String k : store.list(TABLE + "/")) {
                if (!committedKeys.contains(k)) {
                    uncommitted.put(k, store.get(k).orElseThrow());
                }
            }
            final Map<TopicPartition, Long> offsets = new HashMap<>();
            for (int p = 0; p < committed.length; p++) {
                offsets.put(new TopicPartition(CompactionLake.TOPIC, p), committed[p]);
            }
            final Compactor.Result r = new Compactor(store, options(Long.MAX_VALUE, null, OffsetGuard.committed(offsets)))
                    .compactTable(TABLE, Compactor.Progress.NONE);
            assertThat(r.notFinal()).isPositive();
            for (final Map.Entry<String, byte[]> e : uncommitted.entrySet()) {
                assertThat(store.get(e.getKey())).as(e.getKey()).hasValueSatisfying(b -> assertThat(b).isEqualTo(e.getValue()));
                store.put(e.getKey(), e.getValue()); // the restarted sink lands the batch again
            }
            assertLineage(store);
            assertThat(LakeReader.read(store, TABLE)).hasSize(bars.size());
            new Compactor(store, options(Long.MAX_VALUE, null, OffsetGuard.ALL)).compactTable(TABLE, Compactor.Progress.NONE);
            assertLineage(store);
            assertThat(filesPerDir(store).values()).containsOnly(1);
        }
    }

    @Test
    void aRunInterruptedAfterItsWriteIsFinishedByTheNextAndReadersNeverSeeARowTwice() throws IOException {
        try (LocalObjectStore local = LocalObjectStore.at(dir)) {
            CompactionLake.write(local, bars, 10);
            final Map<String, List<String>> before = visibleRows(local);
            final ObjectStore failing = new ForwardingObjectStore(local) {
                private int deletes;

                @Override
                public void delete(final String key) throws IOException {
                    if (++deletes == 4) {
                        throw new IOException("injected: crash mid-delete");
                    }
                    super.delete(key);
                }
            };
            assertThatThrownBy(() -> new Compactor(failing, options(Long.MAX_VALUE, null, OffsetGuard.ALL))
                    .compactTable(TABLE, Compactor.Progress.NONE)).hasMessageContaining("injected");
            assertThat(visibleRows(local)).isEqualTo(before);
            final Compactor.Result r = new Compactor(local, options(Long.MAX_VALUE, null, OffsetGuard.ALL))
                    .compactTable(TABLE, Compactor.Progress.NONE);
            assertThat(r.leftovers()).isPositive();
            assertThat(visibleRows(local)).isEqualTo(before);
            assertThat(filesPerDir(local).values()).containsOnly(1);
            assertLineage(local);
        }
    }

    /** A shadowed file holding offsets beyond its cover (a misused guard) is kept and reported, never deleted. */
    @Test
    void aShadowedFileReachingBeyondItsCoverIsNotDeleted() throws IOException {
        try (LocalObjectStore store = LocalObjectStore.at(dir)) {
            CompactionLake.write(store, bars, 10);
            final String d = Compactor.partitionDirs(store, TABLE).get(0);
            final List<String> files = store.list(d + "/");
            final String wide = files.get(1);
            final DataFileName first = DataFileName.parse(files.get(0).substring(d.length() + 1)).orElseThrow();
            final DataFileName second = DataFileName.parse(wide.substring(d.length() + 1)).orElseThrow();
            // a compacted file whose range ends at the second file's first offset: the second file reaches beyond it
            final String fake = d + "/" + DataFileName.compacted(first.topic(), first.partition(), first.first(),
                    second.first()).fileName();
            store.put(fake, store.get(files.get(0)).orElseThrow());
            store.delete(files.get(0));
            final Compactor.Result r = new Compactor(store, options(Long.MAX_VALUE, null, OffsetGuard.ALL)).compactPartition(d);
            assertThat(r.conflicts()).isEqualTo(1);
            assertThat(store.get(wide)).isPresent();
        }
    }

    @Test
    void compactsALakeOnS3() throws IOException {
        try (S3ProxyServer server = S3ProxyServer.start(dir.resolve("s3"));
             S3ObjectStore store = S3Stores.open(server, "compact", "lake", S3Settings.defaults())) {
            CompactionLake.write(store, bars, 20);
            final Map<String, List<String>> before = visibleRows(store);
            final Map<String, Integer> filesBefore = filesPerDir(store);
            new Compactor(store, options(Long.MAX_VALUE, null, OffsetGuard.ALL)).compactTable(TABLE, Compactor.Progress.NONE);
            assertThat(visibleRows(store)).isEqualTo(before);
            assertThat(filesPerDir(store).keySet()).isEqualTo(filesBefore.keySet());
            assertThat(filesPerDir(store).values()).containsOnly(1);
            assertLineage(store);
        }
    }

    private static Compactor.Options options(final long target, final LocalDate before, final OffsetGuard guard) {
        return new Compactor.Options(target, before, guard);
    }
}
