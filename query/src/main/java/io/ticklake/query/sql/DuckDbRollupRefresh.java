package io.ticklake.query.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ticklake.sink.lake.PartitionPath;

/**
 * Refreshes the {@link Rollups} of a local lake for the index-days whose source rows changed, without
 * rebuilding a table: each rollup recomputes the rows of the touched index-days and of the {@linkplain
 * Rollup#reach() reach} trading days after them (a return needs the previous close, a 20-day volatility
 * the 19 days before), reading only the touched indexes and the date range those rows need. The rows of
 * the next rollup's sources changed are exactly those, so the set flows down the build order.
 *
 * <p>Each partition holding a recomputed row is rewritten whole: its rows that were not recomputed, plus
 * the recomputed ones, into one Parquet file written under {@code .ticklake-staging/}, forced to disk and
 * renamed over the partition's file (a POSIX rename replaces the name atomically: a reader, or a glob
 * expanded at query time, sees the old file or the new one, never both and never neither). The
 * partition columns come from one place ({@link Rollup#partitionColumns()}, or the layout given), so the
 * same code serves {@code index=/date=}, {@code index=/year=} and {@code index=} tables. A crash leaves
 * every partition old or new; the caller keeps the touched index-days (the {@link RollupJournal}) until a
 * refresh has returned, so the next one repairs the rest. Partitions are never removed: a rollup row
 * never disappears when bars are added. Not thread-safe (the engine is not).
 */
public final class DuckDbRollupRefresh {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbRollupRefresh.class);
    private static final String AFFECTED = "ticklake_affected";
    private static final String FRESH = "ticklake_fresh";
    private static final String PARTS = "ticklake_parts";
    private static final String PART = "ticklake_part";
    private static final RefreshLayout SINK_LAYOUT = new RefreshLayout(io.ticklake.sink.lake.PartitionLayout.INDEX_DATE.columns());
    private final DuckDbEngine engine;
    private final Function<Rollup, RefreshLayout> layouts;
    private final Consumer<Path> onSwapped;

    /** Rollups laid out as {@link Rollup#partitionColumns()} says. */
    public DuckDbRollupRefresh(final DuckDbEngine engine) {
        this(engine, r -> new RefreshLayout(r.partitionColumns()), p -> { });
    }

    /**
     * @param layouts   each rollup's partitioning (tests try other layouts)
     * @param onSwapped told each partition file swapped in, right after the rename
     */
    public DuckDbRollupRefresh(final DuckDbEngine engine, final Function<Rollup, RefreshLayout> layouts,
                               final Consumer<Path> onSwapped) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.layouts = Objects.requireNonNull(layouts, "layouts");
        this.onSwapped = Objects.requireNonNull(onSwapped, "onSwapped");
    }

    /**
     * What one refresh did.
     *
     * @param indexDays  touched index-days it was given
     * @param partitions partition files rewritten, per rollup
     * @param rows       rows recomputed, per rollup
     */
    public record Result(int indexDays, Map<String, Integer> partitions, Map<String, Long> rows, Duration elapsed) {
        public Result {
            partitions = Collections.unmodifiableMap(new LinkedHashMap<>(partitions));
            rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        }
    }

    /** Recomputes the rollup rows that depend on {@code touched} (index-days of the lake tables) and swaps them in. */
    public Result refresh(final Set<IndexDay> touched) {
        final long start = System.nanoTime();
        final Map<String, Set<IndexDay>> changed = new TreeMap<>();
        Rollups.lakeSources().forEach(s -> changed.put(s, Set.copyOf(touched)));
        final Map<String, Integer> partitions = new LinkedHashMap<>();
        final Map<String, Long> rows = new LinkedHashMap<>();
        engine.refresh(); // the lake tables' views: partitions of a new index, strays skipped (TableFiles)
        try {
            for (final Rollup r : Rollups.all()) {
                final Set<IndexDay> input = new TreeSet<>();
                r.sources().forEach(s -> input.addAll(changed.getOrDefault(s, Set.of())));
                if (input.isEmpty()) {
                    continue;
                }
                final Outcome o = refresh(r, input);
                changed.put(r.table(), o.days());
                partitions.put(r.table(), o.partitions());
                rows.put(r.table(), o.rows());
            }
        } finally {
            engine.refresh(); // new rollup partition directories become visible to this engine's views
        }
        final Result result = new Result(touched.size(), partitions, rows, Duration.ofNanos(System.nanoTime() - start));
        LOG.info("rollups refreshed for {} index-days in {} ms: partitions rewritten {}", result.indexDays(),
                result.elapsed().toMillis(), result.partitions());
        return result;
    }

    private record Outcome(Set<IndexDay> days, int partitions, long rows) {
    }

    /** The rows of {@code rollup} whose sources changed on {@code input}: recomputed and swapped in. */
    private Outcome refresh(final Rollup rollup, final Set<IndexDay> input) {
        final Map<String, NavigableSet<LocalDate>> byIndex = byIndex(input);
        byIndex.keySet().removeIf(index -> rollup.sources().stream().anyMatch(s -> !hasFiles(s, index)));
        if (byIndex.isEmpty()) {
            return new Outcome(Set.of(), 0, 0);
        }
        final Map<String, NavigableSet<LocalDate>> sourceDates = rollup.reach() == 0 ? Map.of()
                : sourceDates(rollup, byIndex.keySet());
        final Map<String, NavigableSet<LocalDate>> affected = new TreeMap<>();
        final Map<String, String> filters = new TreeMap<>();
        for (final Map.Entry<String, NavigableSet<LocalDate>> e : byIndex.entrySet()) {
            final Window w = window(e.getValue(), sourceDates.get(e.getKey()), rollup.reach());
            affected.put(e.getKey(), w.affected());
            filters.put(e.getKey(), w.filter());
        }
        final List<String> views = new ArrayList<>();
        try {
            for (final String source : rollup.sources()) {
                engine.execute("CREATE OR REPLACE TEMP VIEW " + SqlLiterals.table(source) + " AS SELECT * FROM "
                        + reader(source, byIndex.keySet()) + " AS s WHERE " + where(filters));
                views.add(source);
            }
            engine.execute("CREATE OR REPLACE TEMP TABLE " + AFFECTED + " AS " + values(affected));
            final List<DuckColumn> columns = engine.describe(rollup.sql());
            engine.execute("CREATE OR REPLACE TEMP TABLE " + FRESH + " AS SELECT " + DuckDbEngine.castList(columns)
                    + " FROM (" + rollup.sql() + ") AS r SEMI JOIN " + AFFECTED
                    + " AS a ON r.\"index\" = a.\"index\" AND r.\"date\" = a.\"date\"");
        } finally {
            for (final String v : views) {
                engine.execute("DROP VIEW IF EXISTS temp." + SqlLiterals.table(v));
            }
            engine.execute("DROP TABLE IF EXISTS " + AFFECTED);
        }
        try {
            final RefreshLayout layout = layouts.apply(rollup);
            final List<DuckColumn> columns = engine.describe("SELECT * FROM " + FRESH);
            final long rows = ((Number) engine.query("SELECT count(*) FROM " + FRESH).rows().get(0).get(0)).longValue();
            final int written = swapPartitions(rollup.table(), layout, columns, partitionsOfFresh(layout));
            final Set<IndexDay> days = new TreeSet<>();
            affected.forEach((index, dates) -> dates.forEach(d -> days.add(new IndexDay(index, d))));
            return new Outcome(days, written, rows);
        } finally {
            engine.execute("DROP TABLE IF EXISTS " + FRESH);
        }
    }

    /** The rows recomputed ({@code affected}) and the source filter that yields everything they read. */
    private record Window(NavigableSet<LocalDate> affected, String filter) {
    }

    /**
     * For one index: the touched days plus the {@code reach} source dates after each, and the source
     * rows to read: the touched days exactly when {@code reach} is 0, else from the {@code reach}-th
     * source date before the first touched day to the last affected day.
     */
    static Window window(final NavigableSet<LocalDate> touched, final NavigableSet<LocalDate> sourceDates,
                         final int reach) {
        if (reach == 0) {
            return new Window(touched, "\"date\" IN (" + touched.stream().map(d -> "DATE '" + d + "'")
                    .collect(Collectors.joining(", ")) + ")");
        }
        final NavigableSet<LocalDate> affected = new TreeSet<>(touched);
        for (final LocalDate d : touched) {
            int n = 0;
            for (final LocalDate next : sourceDates.tailSet(d, false)) {
                if (++n > reach) {
                    break;
                }
                affected.add(next);
            }
        }
        LocalDate from = touched.first();
        int back = 0;
        for (final LocalDate before : sourceDates.headSet(from, false).descendingSet()) {
            if (++back > reach) {
                break;
            }
            from = before;
        }
        return new Window(affected, "\"date\" BETWEEN DATE '" + from + "' AND DATE '" + affected.last() + "'");
    }

    /** The dates the sources have per index (one row per index-day in a daily rollup: a small read). */
    private Map<String, NavigableSet<LocalDate>> sourceDates(final Rollup rollup, final Set<String> indexes) {
        final Map<String, NavigableSet<LocalDate>> dates = new TreeMap<>();
        for (final String source : rollup.sources()) {
            for (final List<Object> row : engine.query("SELECT DISTINCT \"index\", \"date\" FROM "
                    + reader(source, indexes) + " AS s").rows()) {
                dates.computeIfAbsent(String.valueOf(row.get(0)), k -> new TreeSet<>()).add((LocalDate) row.get(1));
            }
        }
        indexes.forEach(i -> dates.computeIfAbsent(i, k -> new TreeSet<>()));
        return dates;
    }

    /**
     * The rows of {@code indexes} in {@code table}: a lake table through the engine's view of it (which
     * skips stray entries, {@link TableFiles}), a rollup through {@code read_parquet} of its files
     * below {@code index=}, whatever its layout there (this refresh is its only writer).
     */
    private String reader(final String table, final Set<String> indexes) {
        if (Rollups.lakeSources().contains(table)) {
            return "(SELECT * FROM " + mainCatalog() + ".main." + SqlLiterals.table(table) + " WHERE \"index\" IN ("
                    + indexes.stream().map(DuckDbRollupRefresh::string).collect(Collectors.joining(", ")) + "))";
        }
        final RefreshLayout layout = layoutOf(table);
        final String globs = indexes.stream()
                .map(i -> SqlLiterals.path(indexDir(table, i), "/" + "*/".repeat(layout.columns().size() - 1)
                        + "*.parquet"))
                .collect(Collectors.joining(", "));
        return "read_parquet([" + globs + "], hive_partitioning = true, hive_types = {" + hiveTypes(layout) + "})";
    }

    /** The engine's database: its views are named {@code <catalog>.main.<table>} past the temp views that shadow them. */
    private String mainCatalog() {
        final String name = String.valueOf(engine.query("SELECT current_database()").rows().get(0).get(0));
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private RefreshLayout layoutOf(final String table) {
        return Rollups.all().stream().filter(r -> r.table().equals(table)).findFirst().map(layouts)
                .orElse(SINK_LAYOUT);
    }

    private Path indexDir(final String table, final String index) {
        return engine.root().resolve(table).resolve("index=" + PartitionPath.escape(index));
    }

    private boolean hasFiles(final String table, final String index) {
        final Path dir = indexDir(table, index);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String where(final Map<String, String> filters) {
        return filters.entrySet().stream()
                .map(e -> "(\"index\" = " + string(e.getKey()) + " AND " + e.getValue() + ")")
                .collect(Collectors.joining(" OR "));
    }

    private static String values(final Map<String, NavigableSet<LocalDate>> days) {
        final List<String> rows = new ArrayList<>();
        days.forEach((index, dates) -> dates.forEach(d -> rows.add("(" + string(index) + ", DATE '" + d + "')")));
        return "SELECT * FROM (VALUES " + String.join(", ", rows) + ") AS t(\"index\", \"date\")";
    }

    /** The distinct partition values of the recomputed rows. */
    private List<List<String>> partitionsOfFresh(final RefreshLayout layout) {
        final String exprs = layout.columns().stream().map(RefreshLayout::expression)
                .collect(Collectors.joining(", "));
        final List<List<String>> out = new ArrayList<>();
        for (final List<Object> row : engine.query("SELECT DISTINCT " + exprs + " FROM " + FRESH + " ORDER BY "
                + exprs).rows()) {
            out.add(row.stream().map(String::valueOf).toList());
        }
        return out;
    }

    /**
     * Writes every partition in {@code partitions} of {@code table} anew — its rows that were not
     * recomputed, then the recomputed ones — with one partitioned {@code COPY} into a staging directory
     * (partitioned by a partition number, so the staged names never depend on how DuckDB escapes
     * values), then renames each staged file over its partition's file. Returns the partitions swapped.
     */
    private int swapPartitions(final String table, final RefreshLayout layout, final List<DuckColumn> columns,
                               final List<List<String>> partitions) {
        final Path tableDir = engine.root().resolve(table);
        final List<Path> dirs = partitions.stream().map(v -> layout.directory(tableDir, v)).toList();
        final List<Path> existing = new ArrayList<>();
        dirs.forEach(d -> existing.addAll(parquetFiles(d)));
        final Path staging = engine.root().resolve(DuckDbEngine.STAGING_DIR).resolve(table + "-refresh-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging.getParent());
            engine.execute("CREATE OR REPLACE TEMP TABLE " + PARTS + " AS " + partsTable(layout, partitions));
            final String all = columns.stream().map(c -> '"' + c.name() + '"').collect(Collectors.joining(", "));
            final String kept = existing.isEmpty() ? "" : "SELECT " + all + " FROM (SELECT " + all + " FROM read_parquet(["
                    + existing.stream().map(SqlLiterals::path).collect(Collectors.joining(", "))
                    + "], hive_partitioning = true, hive_types = {" + hiveTypes(layout) + "})) AS e ANTI JOIN " + FRESH
                    + " AS f ON e.\"index\" = f.\"index\" AND e.\"date\" = f.\"date\" UNION ALL ";
            final List<DuckColumn> stored = columns.stream().filter(c -> !layout.isPartition(c.name())).toList();
            engine.execute("COPY (SELECT " + DuckDbEngine.castList(stored) + ", p." + PART + " FROM (" + kept
                    + "SELECT " + all + " FROM " + FRESH + ") AS n JOIN " + PARTS + " AS p ON " + partJoin(layout)
                    + " ORDER BY \"date\") TO " + SqlLiterals.path(staging) + " (FORMAT parquet, COMPRESSION zstd,"
                    + " PARTITION_BY (" + PART + "), FILENAME_PATTERN 'part_{i}')");
            for (int i = 0; i < dirs.size(); i++) {
                swapIn(table, single(staging.resolve(PART + "=" + i)), dirs.get(i));
            }
            return dirs.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh the partitions of " + table, e);
        } finally {
            engine.execute("DROP TABLE IF EXISTS " + PARTS);
            deleteQuietly(staging);
        }
    }

    /** Renames {@code staged} over the Parquet file of partition {@code dir} (created when new). */
    private void swapIn(final String table, final Path staged, final Path dir) throws IOException {
        final List<Path> existing = parquetFiles(dir);
        force(staged);
        Files.createDirectories(dir);
        final Path target = dir.resolve(existing.size() == 1 ? existing.get(0).getFileName().toString()
                : table + "_0.parquet");
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE); // rename(2): replaces the name atomically
        onSwapped.accept(target);
        for (final Path old : existing) {
            if (!old.equals(target)) {
                Files.deleteIfExists(old); // several files: only a layout written by something else
            }
        }
    }

    /** The one file DuckDB staged for a partition (several are merged into one first). */
    private Path single(final Path stagedDir) {
        final List<Path> files = parquetFiles(stagedDir);
        if (files.size() == 1) {
            return files.get(0);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("nothing staged in " + stagedDir);
        }
        final Path merged = stagedDir.resolve("merged.parquet");
        engine.execute("COPY (SELECT * FROM read_parquet([" + files.stream().map(SqlLiterals::path)
                .collect(Collectors.joining(", ")) + "])) TO " + SqlLiterals.path(merged) + " (FORMAT parquet, COMPRESSION zstd)");
        return merged;
    }

    /** The partitions as a table of their values and their number. */
    private static String partsTable(final RefreshLayout layout, final List<List<String>> partitions) {
        final List<String> rows = new ArrayList<>();
        for (int i = 0; i < partitions.size(); i++) {
            rows.add("(" + partitions.get(i).stream().map(DuckDbRollupRefresh::string).collect(Collectors.joining(", "))
                    + ", " + i + ")");
        }
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < layout.columns().size(); i++) {
            names.add("v" + i);
        }
        names.add(PART);
        return "SELECT * FROM (VALUES " + String.join(", ", rows) + ") AS t(" + String.join(", ", names) + ")";
    }

    private static String partJoin(final RefreshLayout layout) {
        final List<String> terms = new ArrayList<>();
        for (int i = 0; i < layout.columns().size(); i++) {
            terms.add(RefreshLayout.expression(layout.columns().get(i)).replace("\"index\"", "n.\"index\"")
                    .replace("\"date\"", "n.\"date\"") + " = p.v" + i);
        }
        return String.join(" AND ", terms);
    }

    private static String hiveTypes(final RefreshLayout layout) {
        final StringBuilder types = new StringBuilder("'index': VARCHAR");
        if (layout.isPartition("date")) {
            types.append(", 'date': DATE");
        }
        if (layout.isPartition("year")) {
            types.append(", 'year': INTEGER");
        }
        return types.toString();
    }

    private static void deleteQuietly(final Path dir) {
        if (!io.ticklake.data.FileTrees.deleteQuietly(dir)) {
            LOG.warn("cannot delete {}", dir);
        }
    }

    private static List<Path> parquetFiles(final Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static void force(final Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static Map<String, NavigableSet<LocalDate>> byIndex(final Set<IndexDay> days) {
        final Map<String, NavigableSet<LocalDate>> out = new TreeMap<>();
        days.forEach(d -> out.computeIfAbsent(d.index(), k -> new TreeSet<>()).add(d.date()));
        return out;
    }

    private static String string(final String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
