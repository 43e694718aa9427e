package io.ticklake.query.sql;

import io.ticklake.data.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ticklake.query.catalog.LakeIdentifiers;
import io.ticklake.sink.lake.PartitionLayout;

/**
 * Embedded DuckDB over a local lake: one view per lake table, with the same names as in Glue/Athena,
 * over {@code read_parquet([...], hive_partitioning = true)} of the table's valid partitions
 * ({@link TableFiles}: stray directories and files are skipped and reported, never fatal to a table) with
 * {@code index} typed VARCHAR and {@code date} typed DATE, the last two columns whatever the table's
 * {@link PartitionLayout} (declared, or found on disk). A declared table without files yet is an
 * empty view with its declared columns. The session time zone is UTC, and DuckDB spills to a private
 * directory under the system temp dir (never into the working directory). Not thread-safe.
 */
public final class DuckDbEngine implements AutoCloseable {
    /** Where rollups are built before they replace a table; outside every table prefix. */
    static final String STAGING_DIR = ".ticklake-staging";
    /** Partitions written by one {@code COPY} of a rollup (see {@link #copyPartitioned}). */
    static final int PARTITIONS_PER_COPY = 2_000;
    private static final String RESULT = "ticklake_rollup_result";
    private static final String CHUNK = "ticklake_chunk";
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbEngine.class);
    private final Path root;
    private final Path tempDir;
    private final Connection connection;
    private final Map<String, List<DuckColumn>> declared = new TreeMap<>();
    private final Map<String, PartitionLayout> layouts = new TreeMap<>();
    private final Set<String> views = new TreeSet<>();
    private final Set<String> empty = new TreeSet<>();
    private List<String> skipped = List.of();

    private DuckDbEngine(final Path root, final Path tempDir, final Connection connection) {
        this.root = root;
        this.tempDir = tempDir;
        this.connection = connection;
    }

    /** Opens an engine over the lake at {@code root} (a directory that exists), tables as found. */
    public static DuckDbEngine open(final Path root) {
        return open(root, Map.of());
    }

    /**
     * Opens an engine over the lake at {@code root}; {@code declared} tables (e.g. the sink's lake
     * tables from their Avro schemas, {@link DuckColumn#fromAvro}) exist even before they have files.
     */
    public static DuckDbEngine open(final Path root, final Map<String, List<DuckColumn>> declared) {
        return open(root, declared, Map.of());
    }

    /**
     * Opens an engine over the lake at {@code root} with {@code declared} tables and the partition
     * {@code layouts} of the tables whose layout is known (the others' are {@linkplain TableFiles#detect
     * found on disk}).
     */
    public static DuckDbEngine open(final Path root, final Map<String, List<DuckColumn>> declared,
                                    final Map<String, PartitionLayout> layouts) {
        final Path dir = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("lake directory does not exist: " + dir);
        }
        SqlLiterals.path(dir); // refuse unusable paths before opening anything
        final Path temp;
        try {
            temp = Files.createTempDirectory("ticklake-duckdb-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a DuckDB temp directory", e);
        }
        try {
            final Connection c = DriverManager.getConnection("jdbc:duckdb:");
            final DuckDbEngine engine = new DuckDbEngine(dir, temp, c);
            engine.execute("SET temp_directory = " + SqlLiterals.path(temp));
            engine.execute("SET TimeZone = 'UTC'");
            // no memory_limit: DuckDB counts a reservation per Parquet file scanned, so a 2 GB limit failed
            // with "Out of Memory" reading 20,691 one-row files at 449 MB RSS; the 9.6 GB RSS once seen came
            // from one COPY writing 104k partitions, which copyPartitioned now splits
            declared.forEach(engine::declare);
            layouts.forEach(engine::declareLayout);
            engine.refresh();
            return engine;
        } catch (SQLException e) {
            deleteQuietly(temp);
            throw new SqlException("DuckDB: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /** The lake root. */
    public Path root() {
        return root;
    }

    /** The directory DuckDB may spill to (deleted on close). */
    public Path tempDirectory() {
        return tempDir;
    }

    /** Declares a table's columns, used while it has no files. Call {@link #refresh()} to apply. */
    public void declare(final String table, final List<DuckColumn> columns) {
        LakeIdentifiers.requireTable(table);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no columns declared for " + table);
        }
        declared.put(table, List.copyOf(columns));
    }

    /** Declares a table's partition layout (else it is found on disk). Call {@link #refresh()} to apply. */
    public void declareLayout(final String table, final PartitionLayout layout) {
        layouts.put(LakeIdentifiers.requireTable(table), java.util.Objects.requireNonNull(layout, "layout"));
    }

    /** The layout of {@code table}: declared, else as found on disk. */
    public PartitionLayout layout(final String table) {
        final PartitionLayout l = layouts.get(table);
        return l != null ? l : TableFiles.detect(root.resolve(table));
    }

    /** The tables queries can use (with files or declared), sorted. */
    public Set<String> tables() {
        return Set.copyOf(views);
    }

    /** The tables that currently have no files. */
    public Set<String> emptyTables() {
        return Set.copyOf(empty);
    }

    /**
     * (Re)creates one view per table directory with Parquet files, and per declared table. Entries of a
     * table that are not its partitions ({@link TableFiles}) are left out and reported: a WARN line, and
     * {@link #skipped()}.
     */
    public void refresh() {
        final Map<String, TableFiles> found = new TreeMap<>();
        final List<String> strays = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (final Path d : dirs.filter(Files::isDirectory)
                    .filter(t -> LakeIdentifiers.isTable(t.getFileName().toString())).sorted().toList()) {
                final String name = d.getFileName().toString();
                final TableFiles files = TableFiles.scan(root, name, layout(name));
                strays.addAll(files.skipped());
                if (files.hasFiles()) {
                    found.put(d.getFileName().toString(), files);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list lake " + root, e);
        }
        final boolean news = !strays.equals(skipped); // once per change: a rollup refreshes after each table
        skipped = List.copyOf(strays);
        if (!strays.isEmpty() && news) {
            LOG.warn("Skipped {} entries of the lake {} that are not partitions of a table (<table>/index=<value>/"
                    + "[date=<yyyy-MM-dd>/ or year=<yyyy>/ as its layout says]<file>.parquet): {}", strays.size(), root,
                    abbreviated(strays));
        }
        final Set<String> wanted = new TreeSet<>(found.keySet());
        wanted.addAll(declared.keySet());
        for (final String gone : new TreeSet<>(views)) {
            if (!wanted.contains(gone)) {
                execute("DROP VIEW IF EXISTS " + SqlLiterals.table(gone));
                views.remove(gone);
            }
        }
        empty.clear();
        for (final String table : wanted) {
            if (found.containsKey(table)) {
                execute("CREATE OR REPLACE VIEW " + SqlLiterals.table(table) + " AS " + viewSelect(layout(table))
                        + " FROM read_parquet([" + String.join(", ", found.get(table).sources()) + "]"
                        // no union_by_name: it reads the footer of every file of the table when the query
                        // is bound, so a one-partition query would still touch the whole table; every file
                        // of a table has the table's one schema (the sink's Avro schema, the rollup's SQL)
                        + ", hive_partitioning = true, hive_types = " + hiveTypes(layout(table)) + ")");
            } else {
                execute("CREATE OR REPLACE VIEW " + SqlLiterals.table(table) + " AS " + emptySelect(declared.get(table)));
                empty.add(table);
            }
            views.add(table);
        }
        LOG.debug("DuckDB views over {}: {} (empty: {})", root, views, empty);
    }

    /**
     * The select list of a view: the files' data columns, then {@code index} and {@code date} whatever the
     * layout ({@code date} a partition column or a data column of the files, {@code year} left out), so a
     * query sees one shape, the one the declared columns, Glue and Athena have. (DuckDB alone would put
     * its hive columns in its own order, {@code date} before {@code index}.)
     */
    private static String viewSelect(final PartitionLayout layout) {
        final String excluded = layout == PartitionLayout.INDEX_YEAR ? "\"index\", \"date\", \"year\""
                : "\"index\", \"date\"";
        return "SELECT * EXCLUDE (" + excluded + "), \"index\", \"date\"";
    }

    /** {@code hive_types} of {@code layout}'s partition columns. */
    private static String hiveTypes(final PartitionLayout layout) {
        return switch (layout) {
            case INDEX_DATE -> "{'index': VARCHAR, 'date': DATE}";
            case INDEX_YEAR -> "{'index': VARCHAR, 'year': INTEGER}";
            case INDEX -> "{'index': VARCHAR}";
        };
    }

    /** The entries the last {@link #refresh()} left out, relative to the root (directories end with /), sorted. */
    public List<String> skipped() {
        return skipped;
    }

    /** The first few of {@code entries}, and how many more. */
    private static String abbreviated(final List<String> entries) {
        final int shown = 10;
        return entries.size() <= shown ? String.join(", ", entries)
                : String.join(", ", entries.subList(0, shown)) + " and " + (entries.size() - shown) + " more";
    }

    /** Runs a query and returns all rows; DuckDB's error message verbatim on failure. */
    public QueryResult query(final String sql) {
        final long start = System.nanoTime();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return result(rs, start);
        } catch (SQLException e) {
            throw new SqlException("DuckDB: " + e.getMessage(), e);
        }
    }

    /**
     * Runs a prepared query with {@code parameters} bound to its {@code ?} in order (values a caller
     * got from a user never become SQL text); all rows, DuckDB's error message verbatim on failure.
     */
    public QueryResult query(final String sql, final List<?> parameters) {
        final long start = System.nanoTime();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                s.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                return result(rs, start);
            }
        } catch (SQLException e) {
            throw new SqlException("DuckDB: " + e.getMessage(), e);
        }
    }

    private QueryResult result(final ResultSet rs, final long start) throws SQLException {
        final ResultSetMetaData md = rs.getMetaData();
        final int n = md.getColumnCount();
        final List<String> columns = new ArrayList<>(n);
        final List<String> types = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            columns.add(md.getColumnLabel(i));
            types.add(md.getColumnTypeName(i));
        }
        final List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            final List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(value(rs.getObject(i)));
            }
            rows.add(row);
        }
        return new QueryResult(columns, types, rows, -1, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Runs a statement without rows (DDL, SET, COPY); returns the update count DuckDB reports. */
    public long execute(final String sql) {
        try (Statement s = connection.createStatement()) {
            return s.executeLargeUpdate(sql);
        } catch (SQLException e) {
            throw new SqlException("DuckDB: " + e.getMessage(), e);
        }
    }

    /** {@link #replaceTable(String, String, PartitionLayout)} of an {@code index=/date=} table. */
    public long replaceTable(final String table, final String select) {
        return replaceTable(table, select, PartitionLayout.INDEX_DATE);
    }

    /**
     * Replaces table {@code table} with the rows of {@code select} (whose last columns are
     * {@link #tail(PartitionLayout) the layout's}: {@code "index", "date"}; {@code "date", "index"};
     * {@code "date", "index", "year"}), written as Parquet partitioned by {@code layout}: first
     * into a staging directory outside every table prefix, then swapped in by renaming, so a rerun
     * never duplicates rows and a failed run leaves the old table. Timestamps are written as
     * millisecond Parquet timestamps (as the sink writes them). Returns the number of rows written.
     */
    public long replaceTable(final String table, final String select, final PartitionLayout layout) {
        LakeIdentifiers.requireTable(table);
        final List<DuckColumn> columns = describe(select);
        final List<String> tail = tail(layout);
        if (columns.size() <= tail.size() || !columns.subList(columns.size() - tail.size(), columns.size()).stream()
                .map(DuckColumn::name).toList().equals(tail)) {
            throw new IllegalArgumentException(table + ": the select list must end with "
                    + tail.stream().map(c -> '"' + c + '"').collect(Collectors.joining(", ")));
        }
        final Path stagingRoot = root.resolve(STAGING_DIR);
        final Path staging = stagingRoot.resolve(table + "-" + UUID.randomUUID());
        final Path old = stagingRoot.resolve(table + "-old-" + UUID.randomUUID());
        final Path target = root.resolve(table);
        try {
            Files.createDirectories(stagingRoot);
            final long rows = copyPartitioned(table, columns, select, staging, layout);
            Files.createDirectories(staging); // no rows: an empty table
            if (Files.exists(target)) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            deleteQuietly(old);
            declare(table, visible(withoutTimeZone(columns)));
            declareLayout(table, layout);
            refresh();
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace table " + table + " in " + root, e);
        } finally {
            deleteQuietly(staging);
            deleteIfEmpty(stagingRoot);
        }
    }

    /**
     * The last columns of a select written as {@code layout}: its partition columns, after {@code date}
     * when that is a data column (Athena's CTAS wants the partition columns last, in order).
     */
    public static List<String> tail(final PartitionLayout layout) {
        if (layout.partitionsByDate()) {
            return layout.columns();
        }
        final List<String> tail = new ArrayList<>();
        tail.add(PartitionLayout.DATE);
        tail.addAll(layout.columns());
        return List.copyOf(tail);
    }

    /** The columns a view of a written table shows: without {@code year}, {@code index} then {@code date} last. */
    private static List<DuckColumn> visible(final List<DuckColumn> columns) {
        final List<DuckColumn> out = new ArrayList<>();
        DuckColumn index = null;
        DuckColumn date = null;
        for (final DuckColumn c : columns) {
            switch (c.name()) {
                case "index" -> index = c;
                case "date" -> date = c;
                case "year" -> { }
                default -> out.add(c);
            }
        }
        out.add(index);
        out.add(date);
        return out;
    }

    /**
     * Writes {@code select} under {@code staging} as Parquet partitioned by {@code layout}, a bounded number of
     * partitions per {@code COPY}: DuckDB's partitioned write slows down far more than linearly with
     * the partitions of one statement (measured: 5,600 partitions at 1,447 files/s, 28,000 at 126
     * files/s, the full dataset's 104,224 index-days at ~16 files/s), so the result is materialized
     * once (spilling beyond the memory limit) and copied in chunks of {@link #PARTITIONS_PER_COPY}.
     */
    private long copyPartitioned(final String table, final List<DuckColumn> columns, final String select,
                                 final Path staging, final PartitionLayout layout) {
        final String partitionBy = layout.columns().stream().map(c -> '"' + c + '"').collect(Collectors.joining(", "));
        execute("CREATE OR REPLACE TEMP TABLE " + RESULT + " AS SELECT " + castList(columns)
                + ", (dense_rank() OVER (ORDER BY " + partitionBy + ") - 1) // " + PARTITIONS_PER_COPY + " AS " + CHUNK
                + " FROM (" + select + ") AS r");
        try {
            final long chunks = ((Number) query("SELECT coalesce(max(" + CHUNK + ") + 1, 0) FROM " + RESULT)
                    .rows().get(0).get(0)).longValue();
            final String names = columns.stream().map(c -> '"' + c.name() + '"').collect(Collectors.joining(", "));
            long rows = 0;
            for (long chunk = 0; chunk < chunks; chunk++) {
                // chunks hold disjoint partitions: no file of one chunk can meet a file of another
                rows += execute("COPY (SELECT " + names + " FROM " + RESULT + " WHERE " + CHUNK + " = " + chunk
                        + ") TO " + SqlLiterals.path(staging) + " (FORMAT parquet, COMPRESSION zstd,"
                        + " PARTITION_BY (" + partitionBy + "), OVERWRITE_OR_IGNORE, FILENAME_PATTERN '" + table + "_{i}')");
            }
            return rows;
        } finally {
            execute("DROP TABLE IF EXISTS " + RESULT);
        }
    }

    /** The columns a query returns (name, DuckDB type). */
    public List<DuckColumn> describe(final String select) {
        final QueryResult r = query("DESCRIBE " + select);
        final List<DuckColumn> columns = new ArrayList<>();
        for (final List<Object> row : r.rows()) {
            columns.add(new DuckColumn(String.valueOf(row.get(0)), String.valueOf(row.get(1))));
        }
        return columns;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing DuckDB: {}", e.getMessage());
        } finally {
            deleteQuietly(tempDir);
        }
    }

    /** The select list of {@code columns}, timestamps as millisecond timestamps (as the sink writes them). */
    static String castList(final List<DuckColumn> columns) {
        final List<String> items = new ArrayList<>();
        for (final DuckColumn c : columns) {
            final String id = '"' + c.name() + '"';
            items.add(c.type().startsWith("TIMESTAMP") ? "CAST(" + id + " AS TIMESTAMP_MS) AS " + id : id);
        }
        return String.join(", ", items);
    }

    private static List<DuckColumn> withoutTimeZone(final List<DuckColumn> columns) {
        return columns.stream().map(c -> c.type().startsWith("TIMESTAMP") ? new DuckColumn(c.name(), "TIMESTAMP_MS") : c)
                .toList();
    }

    private static String emptySelect(final List<DuckColumn> columns) {
        final Map<String, String> items = new LinkedHashMap<>();
        columns.forEach(c -> items.put(c.name(), c.type()));
        final List<String> select = new ArrayList<>();
        items.forEach((name, type) -> select.add("CAST(NULL AS " + type + ") AS \"" + name + '"'));
        return "SELECT " + String.join(", ", select) + " WHERE false";
    }

    private static Object value(final Object v) {
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return v;
    }

    private static void deleteIfEmpty(final Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            LOG.debug("cannot clean {}", dir, e);
        }
    }

    private static void deleteQuietly(final Path dir) {
        if (!FileTrees.deleteQuietly(dir)) {
            LOG.warn("cannot delete {}", dir);
        }
    }
}
