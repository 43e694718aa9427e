package io.ticklake.query.compact;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.OhlcBar;
import io.ticklake.query.sql.DuckDbEngine;
import io.ticklake.query.sql.LocalLake;
import io.ticklake.sink.compact.Compactor;
import io.ticklake.sink.compact.OffsetGuard;
import io.ticklake.sink.store.LocalObjectStore;
import io.ticklake.sink.testing.CompactionLake;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGKILL of a compaction at a seeded moment — before it writes a compacted file, after the write and before
 * the inputs' deletion, in the middle of the deletions — with DuckDB reading the lake while the compactor is
 * stopped there and after it is dead, then the next run. Seed: {@code -Dcompaction.seed=N} (printed).
 *
 * <p>The reader claim tested: a view refreshed at any moment reads every row exactly once (the shadow rule
 * hides the inputs of a written compacted file); a view refreshed <em>before</em> the compaction, whose
 * partitions are globbed, sees a compacted file next to its inputs until they are deleted.
 */
class CompactionKillTest {
    private static final long SEED = Long.getLong("compaction.seed", System.nanoTime());
    private static List<OhlcBar> bars;

    @TempDir
    Path dir;

    @BeforeAll
    static void source() {
        final List<OhlcBar> week = CompactionLake.bars();
        final String third = week.stream().map(OhlcBar::tradingDate).distinct().sorted().skip(2).findFirst().orElseThrow();
        bars = week.stream().filter(b -> b.tradingDate().compareTo(third) < 0).toList(); // two days: a quick test
        System.out.println("CompactionKillTest seed " + SEED + " (-Dcompaction.seed=" + SEED + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"before-put", "after-put", "after-delete"})
    void aKilledCompactionLosesNothingAndTheNextRunLeavesNoDuplicate(final String moment) throws Exception {
        final Path lake = dir.resolve("lake");
        try (LocalObjectStore store = LocalObjectStore.at(lake)) {
            CompactionLake.write(store, bars, 10);
        }
        final Map<Path, Integer> before = filesPerDir(lake);
        final int dirs = before.size();
        final int deletes = before.values().stream().mapToInt(Integer::intValue).sum() - dirs;
        final Random random = new Random(SEED + moment.hashCode());
        final int n = 1 + random.nextInt(moment.equals("after-delete") ? deletes : dirs);
        System.out.println("CompactionKillTest: SIGKILL at " + moment + " #" + n + " (of " + dirs + " puts, "
                + deletes + " deletes)");

        try (DuckDbEngine stale = LocalLake.open(lake)) {
            assertExact(stale);
            final Process child = startChild(lake, moment, n);
            try {
                awaitPaused(child);
                try (DuckDbEngine during = LocalLake.open(lake)) {
                    assertExact(during);
                }
                final long staleRows = count(stale, "count(*)");
                if (moment.equals("after-put")) {
                    assertThat(staleRows).as("a view refreshed before the write globs the inputs too")
                            .isGreaterThan(bars.size());
                } else if (moment.equals("before-put")) {
                    assertThat(staleRows).isEqualTo(bars.size());
                }
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(child.exitValue()).isEqualTo(137);
            stale.refresh();
            assertExact(stale);
        }
        try (DuckDbEngine afterKill = LocalLake.open(lake)) {
            assertExact(afterKill);
        }
        try (LocalObjectStore store = LocalObjectStore.at(lake)) {
            final Compactor.Result next = new Compactor(store, new Compactor.Options(Long.MAX_VALUE, null,
                    OffsetGuard.ALL)).compactTable(CompactionLake.TABLE, Compactor.Progress.NONE);
            if (moment.equals("after-delete") || moment.equals("after-put")) {
                assertThat(next.leftovers() + next.merged()).isPositive();
            }
        }
        final Map<Path, Integer> after = filesPerDir(lake);
        assertThat(after.keySet()).as("no partition added or removed").isEqualTo(before.keySet());
        assertThat(after.values()).containsOnly(1);
        try (DuckDbEngine done = LocalLake.open(lake)) {
            assertExact(done);
        }
    }

    /** Every source offset exactly once, and the rows are the bars written. */
    private void assertExact(final DuckDbEngine engine) {
        assertThat(count(engine, "count(*)")).isEqualTo(bars.size());
        assertThat(count(engine, "count(DISTINCT (kafka_partition, kafka_offset))")).isEqualTo(bars.size());
        assertThat(count(engine, "sum(tick_count)")).isEqualTo(bars.stream().mapToLong(OhlcBar::tickCount).sum());
        for (int p = 0; p < CompactionLake.PARTITIONS; p++) {
            final int part = p;
            final long expected = bars.stream().filter(b -> CompactionLake.partitionOf(b.index()) == part).count();
            assertThat(count(engine, "max(kafka_offset) FILTER (WHERE kafka_partition = " + p + ") + 1"))
                    .isEqualTo(expected);
        }
    }

    private static long count(final DuckDbEngine engine, final String aggregate) {
        return ((Number) engine.query("SELECT " + aggregate + " FROM " + CompactionLake.TABLE).rows().get(0).get(0))
                .longValue();
    }

    private static Process startChild(final Path lake, final String moment, final int n) throws IOException {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CompactorChild.class.getName(), lake.toString(), moment, Integer.toString(n))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void awaitPaused(final Process child) throws IOException {
        final BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.equals(CompactorChild.PAUSED)) {
                return;
            }
        }
        throw new AssertionError("the compactor ended without reaching its kill moment (exit " + waitExit(child) + ")");
    }

    private static int waitExit(final Process child) {
        try {
            return child.waitFor(10, TimeUnit.SECONDS) ? child.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Map<Path, Integer> filesPerDir(final Path lake) throws IOException {
        final Map<Path, Integer> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(lake.resolve(CompactionLake.TABLE))) {
            all.filter(Files::isRegularFile).forEach(f -> out.merge(lake.relativize(f.getParent()), 1, Integer::sum));
        }
        return out;
    }
}
