package io.ticklake.query.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle of a refresh (a child JVM, killed after a seeded number of partition swaps):
 * every rollup stays readable with its previous rows, the journal still holds the touched days, and the
 * next refresh repairs the lake to exactly a full rebuild.
 */
class RollupRefreshKillTest {
    private static final long SEED = Long.getLong("ticklake.test.seed", System.nanoTime());
    @TempDir
    Path lake;
    @TempDir
    Path full;
    @TempDir
    Path work;

    @Test
    void aRefreshKilledMidwayLeavesThePreviousRowsAndTheNextRefreshRepairs() throws Exception {
        final LocalDate backfill = LocalDate.of(2021, 3, 17);
        final LocalDate last = RollupLakes.dates("NYA").get(RollupLakes.dates("NYA").size() - 1);
        final Set<IndexDay> late = RollupLakes.where(d -> d.date().equals(backfill) || d.date().equals(last));
        RollupLakes.land(lake, RollupLakes.where(d -> !late.contains(d)));
        final List<Long> before = new ArrayList<>();
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            new DuckDbRollups(engine).buildAll();
            for (final Rollup r : Rollups.all()) {
                before.add(count(engine, r.table()));
            }
        }
        RollupLakes.land(lake, late);
        new RollupJournal(lake).add(late);
        // as many swaps as the rollups' layouts make of these days (a lake built alike, refreshed in process)
        final int stopAfter = 1 + new Random(SEED).nextInt(swapsOfRefreshing(late));

        final Process child = start(stopAfter);
        try {
            awaitSwaps(child, stopAfter);
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux
            child.waitFor(30, TimeUnit.SECONDS);
        }

        final RollupJournal.Pending pending = new RollupJournal(lake).pending();
        assertThat(pending.days()).as("seed %d: the journal keeps what was not refreshed", SEED).isEqualTo(late);
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            for (int i = 0; i < Rollups.all().size(); i++) {
                final String table = Rollups.all().get(i).table();
                assertThat(count(engine, table)).as("seed %d: %s keeps its rows, at most the new days added", SEED, table)
                        .isBetween(before.get(i), before.get(i) + late.size() * (table.endsWith("1h") ? 24L : 1L));
                assertThat(duplicates(engine, table)).as("seed %d: %s shows no row twice", SEED, table).isZero();
            }
            new DuckDbRollupRefresh(engine).refresh(pending.days());
            new RollupJournal(lake).remove(pending);
        }
        RollupLakes.fullBuild(full);
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            for (final Rollup r : Rollups.all()) {
                assertThat(RollupLakes.difference(engine, r, lake, full)).as("seed %d: %s", SEED, r.table()).isZero();
                assertThat(RollupLakes.difference(engine, r, full, lake)).as("seed %d: %s", SEED, r.table()).isZero();
            }
        }
        assertThat(new RollupJournal(lake).pending().isEmpty()).isTrue();
    }

    /** The partition swaps a refresh of {@code late} makes on a lake landed and built as the test's. */
    private int swapsOfRefreshing(final Set<IndexDay> late) throws IOException {
        final Path twin = Files.createDirectories(work.resolve("twin"));
        RollupLakes.land(twin, RollupLakes.where(d -> !late.contains(d)));
        final int[] swaps = {0};
        try (DuckDbEngine engine = LocalLake.open(twin)) {
            new DuckDbRollups(engine).buildAll();
        }
        RollupLakes.land(twin, late);
        try (DuckDbEngine engine = LocalLake.open(twin)) {
            new DuckDbRollupRefresh(engine, r -> new RefreshLayout(r.partitionColumns()), p -> swaps[0]++).refresh(late);
        }
        assertThat(swaps[0]).as("swaps of the refresh").isPositive();
        return swaps[0];
    }

    private Process start(final int stopAfter) throws IOException {
        final Path argFile = work.resolve("refresh-child.args");
        Files.write(argFile, List.of("-cp", "\"" + System.getProperty("java.class.path") + "\""), StandardCharsets.UTF_8);
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "@" + argFile, RefreshChild.class.getName(), lake.toString(), String.valueOf(stopAfter))
                .redirectError(work.resolve("refresh-child.log").toFile()).start();
    }

    /** Reads the child's output until its {@code stopAfter}-th swap (it then waits to be killed). */
    private static void awaitSwaps(final Process child, final int stopAfter) throws IOException, InterruptedException {
        final BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        final Set<String> seen = new TreeSet<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.add(line);
            if (line.equals("swapped " + stopAfter)) {
                return;
            }
            assertThat(line).as("seed %d: the child finished before swap %d", SEED, stopAfter).isNotEqualTo("done");
        }
        throw new AssertionError("seed " + SEED + ": the child ended before swap " + stopAfter + " (exit "
                + (child.waitFor(30, TimeUnit.SECONDS) ? child.exitValue() : "none") + ")");
    }

    private static long count(final DuckDbEngine engine, final String table) {
        return ((Number) engine.query("SELECT count(*) FROM " + table).rows().get(0).get(0)).longValue();
    }

    private static long duplicates(final DuckDbEngine engine, final String table) {
        final String key = table.endsWith("1h") ? "\"index\", window_start" : "\"index\", \"date\"";
        return ((Number) engine.query("SELECT count(*) - count(DISTINCT (" + key + ")) FROM " + table)
                .rows().get(0).get(0)).longValue();
    }
}
