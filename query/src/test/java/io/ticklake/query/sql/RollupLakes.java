package io.ticklake.query.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.ticklake.data.DailyBar;
import io.ticklake.data.OhlcBar;
import io.ticklake.data.testing.TestMarket;
import io.ticklake.sink.testing.MinuteBarLake;

/** Lakes of synthesized 1-minute bars for the rollup refresh tests, and how to compare their rollups. */
final class RollupLakes {
    static final LocalDate FROM = LocalDate.of(2021, 3, 1);
    static final LocalDate TO = LocalDate.of(2021, 4, 30);
    static final List<DailyBar> DAYS = TestMarket.bars(TestMarket.THREE_ZONES, FROM, TO, TestMarket.SEED);
    private static final Map<IndexDay, List<OhlcBar>> MINUTES = minutesByDay();

    private RollupLakes() {
    }

    private static Map<IndexDay, List<OhlcBar>> minutesByDay() {
        final Map<IndexDay, List<OhlcBar>> out = new TreeMap<>();
        for (final OhlcBar b : MinuteBarLake.minuteBars(DAYS, Duration.ofMinutes(1), TestMarket.SEED)) {
            out.computeIfAbsent(new IndexDay(b.index(), LocalDate.parse(b.tradingDate())), k -> new java.util.ArrayList<>())
                    .add(b);
        }
        return out;
    }

    /** Every index-day of the market. */
    static Set<IndexDay> all() {
        return new TreeSet<>(MINUTES.keySet());
    }

    /** The index-days matching {@code which}. */
    static Set<IndexDay> where(final Predicate<IndexDay> which) {
        return MINUTES.keySet().stream().filter(which).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The trading dates of {@code index}, in order. */
    static List<LocalDate> dates(final String index) {
        return MINUTES.keySet().stream().filter(d -> d.index().equals(index)).map(IndexDay::date).sorted().toList();
    }

    /** Writes the 1-minute bars of {@code days} into {@code lake}'s ohlc_1m, as the sink lays them out. */
    static void land(final Path lake, final Set<IndexDay> days) {
        for (final IndexDay d : days) {
            MinuteBarLake.write(lake, MINUTES.get(d));
        }
    }

    /** A lake holding every day, with its rollups built from scratch: what every refresh must equal. */
    static Path fullBuild(final Path lake) {
        land(lake, all());
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            new DuckDbRollups(engine).buildAll();
        }
        return lake;
    }

    /**
     * The rows of {@code rollup} in {@code lake} that are not in {@code other} (as multisets, doubles
     * rounded to 1e-8, read whatever the partition layout).
     */
    static long difference(final DuckDbEngine engine, final Rollup rollup, final Path lake, final Path other) {
        final String columns = engine.describe(rollupSelect(rollup, other)).stream()
                .map(c -> c.type().equals("DOUBLE") ? "round(\"" + c.name() + "\", 8)" : '"' + c.name() + '"')
                .collect(Collectors.joining(", "));
        final String sql = "SELECT count(*) FROM (SELECT " + columns + " FROM (" + rollupSelect(rollup, lake)
                + ") EXCEPT ALL SELECT " + columns + " FROM (" + rollupSelect(rollup, other) + "))";
        return ((Number) engine.query(sql).rows().get(0).get(0)).longValue();
    }

    /** The rows of one rollup read straight from its files, any layout below {@code index=}. */
    static String rollupSelect(final Rollup rollup, final Path lake) {
        final Path table = lake.resolve(rollup.table());
        return "SELECT *" + (hasYear(table) ? " EXCLUDE (year)" : "") + " FROM read_parquet("
                + SqlLiterals.path(table, "/**/*.parquet") + ", hive_partitioning = true, hive_types = {'index': VARCHAR"
                + (hasDate(table) ? ", 'date': DATE" : "") + "})";
    }

    private static boolean hasYear(final Path table) {
        return anyDir(table, "year=");
    }

    private static boolean hasDate(final Path table) {
        return anyDir(table, "date=");
    }

    private static boolean anyDir(final Path table, final String prefix) {
        try (Stream<Path> s = Files.walk(table)) {
            return s.anyMatch(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under the rollup tables with its identity (inode) and modification time. */
    static Map<String, String> fileIdentities(final Path lake) {
        final Map<String, String> out = new TreeMap<>();
        for (final Rollup r : Rollups.all()) {
            try (Stream<Path> s = Files.walk(lake.resolve(r.table()))) {
                for (final Path p : s.filter(Files::isRegularFile).toList()) {
                    final BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    out.put(lake.relativize(p).toString(), a.fileKey() + "@" + a.lastModifiedTime().toMillis());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
