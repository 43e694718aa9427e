package io.ticklake.query.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ticklake.query.catalog.GlueCatalog;
import io.ticklake.query.catalog.LakeIdentifiers;
import io.ticklake.sink.store.ObjectStore;

/**
 * Builds the {@link Rollups} with Athena, into the lake on S3: for each rollup, drop the table, empty
 * its prefix ({@code <root>/<rollup>/}), create it with CTAS ({@code format = 'PARQUET'},
 * {@code partitioned_by} its {@link Rollup#partitionColumns()}, {@code WITH NO DATA}), then fill it with
 * {@code INSERT INTO} in chunks of at most {@value GlueCatalog#MAX_PARTITIONS_PER_CALL} partitions
 * (Athena's limit for one CTAS/INSERT): runs of dates of one index ({@code index/date}), runs of
 * years of one index ({@code index/year}), or one index ({@code index}). Rerunning rebuilds from scratch: no duplicated rows, and only
 * the Parquet files Athena writes under the prefix.
 */
public final class AthenaRollups {
    private static final Logger LOG = LoggerFactory.getLogger(AthenaRollups.class);
    private static final int MAX_PARTITIONS = 100;
    private final AthenaRunner runner;
    private final ObjectStore store;

    /** {@code store} is the lake (its root is the S3 bucket and prefix the tables live under). */
    public AthenaRollups(final AthenaRunner runner, final ObjectStore store) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Builds every rollup in order. */
    public List<RollupRun> buildAll() {
        final List<RollupRun> runs = new ArrayList<>();
        for (final Rollup r : Rollups.all()) {
            runs.add(build(r));
        }
        return runs;
    }

    /** Builds one rollup (its sources must exist in the Glue database). */
    public RollupRun build(final Rollup rollup) {
        final long start = System.nanoTime();
        final String table = rollup.table();
        runner.execute(dropTable(table));
        emptyPrefix(table);
        runner.execute(createTable(rollup, store.uri(table + "/")));
        final List<String> inserts = rollup.layout().partitionsByDate()
                ? inserts(rollup, partitions(rollup.sources().get(0)))
                : coarseInserts(rollup, dateRanges(rollup.sources().get(0)));
        for (final String insert : inserts) {
            runner.execute(insert);
        }
        final RollupRun run = new RollupRun(table, -1, Duration.ofNanos(System.nanoTime() - start));
        LOG.info("rollup {} built on Athena with {} INSERT statements in {} ms", table, inserts.size(),
                run.elapsed().toMillis());
        return run;
    }

    /** Athena (Hive) DDL: identifiers in backticks. */
    static String dropTable(final String table) {
        return "DROP TABLE IF EXISTS `" + LakeIdentifiers.requireTable(table) + "`";
    }

    /** The CTAS that creates the empty, partitioned Parquet table at {@code location}. */
    static String createTable(final Rollup rollup, final String location) {
        if (!location.startsWith("s3://") || location.contains("'")) {
            throw new IllegalArgumentException("rollup location must be an s3:// URI without quotes: " + location);
        }
        return "CREATE TABLE " + SqlLiterals.table(rollup.table()) + "\n"
                + "WITH (format = 'PARQUET', write_compression = 'ZSTD', external_location = '" + location + "',"
                + " partitioned_by = ARRAY[" + String.join(", ", rollup.partitionColumns().stream()
                        .map(c -> "'" + c + "'").toList()) + "])\n"
                + "AS\n" + rollup.select() + "\nWITH NO DATA";
    }

    /** One INSERT per run of at most 100 consecutive dates of one index. */
    static List<String> inserts(final Rollup rollup, final Map<String, List<LocalDate>> partitions) {
        final List<String> statements = new ArrayList<>();
        for (final Map.Entry<String, List<LocalDate>> e : partitions.entrySet()) {
            final List<LocalDate> dates = e.getValue().stream().sorted().distinct().toList();
            for (int from = 0; from < dates.size(); from += MAX_PARTITIONS) {
                final List<LocalDate> chunk = dates.subList(from, Math.min(dates.size(), from + MAX_PARTITIONS));
                statements.add("INSERT INTO " + SqlLiterals.table(rollup.table()) + "\nSELECT * FROM (\n"
                        + rollup.select() + "\n) AS r\nWHERE r.\"index\" = " + stringLiteral(e.getKey())
                        + " AND r.\"date\" BETWEEN DATE '" + chunk.get(0) + "' AND DATE '"
                        + chunk.get(chunk.size() - 1) + "'");
            }
        }
        return statements;
    }

    /**
     * For a rollup not partitioned by date, one INSERT per index ({@code index}) or per run of at most
     * 100 years of one index ({@code index/year}); {@code ranges} holds each index's first and last date.
     */
    static List<String> coarseInserts(final Rollup rollup, final Map<String, LocalDate[]> ranges) {
        final List<String> statements = new ArrayList<>();
        for (final Map.Entry<String, LocalDate[]> e : ranges.entrySet()) {
            final String head = "INSERT INTO " + SqlLiterals.table(rollup.table()) + "\nSELECT * FROM (\n"
                    + rollup.select() + "\n) AS r\nWHERE r.\"index\" = " + stringLiteral(e.getKey());
            if (rollup.layout().valueColumn() == null) {
                statements.add(head);
                continue;
            }
            for (int year = e.getValue()[0].getYear(); year <= e.getValue()[1].getYear(); year += MAX_PARTITIONS) {
                statements.add(head + " AND r.\"year\" BETWEEN " + year + " AND "
                        + Math.min(year + MAX_PARTITIONS - 1, e.getValue()[1].getYear()));
            }
        }
        return statements;
    }

    /** Each index of a source table with its first and last trading date (whatever the source's layout). */
    private Map<String, LocalDate[]> dateRanges(final String source) {
        final QueryResult r = runner.query("SELECT \"index\", min(\"date\"), max(\"date\") FROM "
                + SqlLiterals.table(LakeIdentifiers.requireTable(source)) + " GROUP BY \"index\"");
        final Map<String, LocalDate[]> byIndex = new TreeMap<>();
        for (final List<Object> row : r.rows()) {
            byIndex.put(String.valueOf(row.get(0)), new LocalDate[] {LocalDate.parse(String.valueOf(row.get(1))),
                    LocalDate.parse(String.valueOf(row.get(2)))});
        }
        return byIndex;
    }

    /** The (index → dates) partitions of a source table, from Athena's partition metadata. */
    private Map<String, List<LocalDate>> partitions(final String source) {
        final QueryResult r = runner.query("SELECT \"index\", \"date\" FROM \""
                + LakeIdentifiers.requireTable(source) + "$partitions\"");
        final Map<String, List<LocalDate>> byIndex = new TreeMap<>();
        for (final List<Object> row : r.rows()) {
            byIndex.computeIfAbsent(String.valueOf(row.get(0)), k -> new ArrayList<>())
                    .add(LocalDate.parse(String.valueOf(row.get(1))));
        }
        return byIndex;
    }

    private void emptyPrefix(final String table) {
        try {
            for (final String key : store.list(table + "/")) {
                store.delete(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + store.uri(table + "/"), e);
        }
    }

    private static String stringLiteral(final String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
