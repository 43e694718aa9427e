package io.ticklake.bench.trino;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import io.ticklake.query.catalog.GlueTableSpec;
import io.ticklake.query.sql.DuckDbEngine;
import io.ticklake.query.sql.QueryResult;
import io.ticklake.query.sql.Rollup;
import io.ticklake.query.sql.Rollups;
import io.ticklake.query.sql.SqlException;
import io.ticklake.sink.lake.LakeTable;
import io.ticklake.sink.lake.LakeTables;
import software.amazon.awssdk.services.glue.model.Column;

/**
 * Trino (Athena engine v3) against DuckDB on one local lake: creates the Glue database's tables in
 * Trino from the project's Glue definitions ({@link GlueTableSpec} of each lake table, via {@link TrinoDdl}),
 * registers their partitions, then compares, row by row, what both engines return for every lake table
 * (with Trino's column types against the declared ones), each rollup's SELECT (Trino's rollups are
 * then built by a CTAS like Athena's, DuckDB's are the lake's) and the README's Athena queries.
 */
public final class TrinoCheck {
    /** The Glue database name of the README's queries, a Trino schema here. */
    public static final String DATABASE = "ticklake";

    /**
     * One comparison.
     *
     * @param name        what was compared ({@code table ticks}, {@code rollup rollup_ohlc_1d}, {@code readme #1})
     * @param sql         the statement (Trino's form)
     * @param outcome     rows compared, largest relative difference of doubles, first difference (or null)
     * @param trinoTime   Trino's time for the statement
     * @param duckTime    DuckDB's time for it
     */
    public record Check(String name, String sql, ResultComparison.Outcome outcome, Duration trinoTime,
                        Duration duckTime) {
        /** Whether both engines returned the same. */
        public boolean passed() {
            return outcome.equal();
        }
    }

    private final TrinoClient trino;
    private final DuckDbEngine duck;
    private final Path lake;
    private final ResultComparison comparison;

    public TrinoCheck(final TrinoClient trino, final DuckDbEngine duck, final Path lake, final double tolerance) {
        this.trino = Objects.requireNonNull(trino, "trino");
        this.duck = Objects.requireNonNull(duck, "duck");
        this.lake = lake.toAbsolutePath().normalize();
        this.comparison = new ResultComparison(tolerance);
    }

    /** The Glue spec of a lake table over this lake (a {@code local:///} location, as Trino reads it). */
    GlueTableSpec spec(final LakeTable table) {
        return GlueTableSpec.fromAvro(table.name(), table.schema(), "local://" + lake.resolve(table.name()), table.layout());
    }

    /**
     * Creates the schema (its managed tables, the rollups, live in the file metastore's directory) and the
     * lake tables in Trino, then runs
     * every comparison; a statement that fails on either engine is a failed check, not an abort.
     */
    public List<Check> run(final LakeTables tables, final List<String> readmeQueries) {
        trino.query("CREATE SCHEMA IF NOT EXISTS " + TrinoDdl.quote(DATABASE));
        final List<Check> checks = new ArrayList<>();
        for (final LakeTable table : tables.tables()) {
            if (Files.isDirectory(lake.resolve(table.name()))) {
                checks.add(tableCheck(spec(table)));
            }
        }
        for (final Rollup rollup : Rollups.all()) {
            checks.add(compare("rollup " + rollup.table(), rollup.sql(), rollup.sql(), false, null));
            trino.query(TrinoDdl.dropTable(DATABASE, rollup.table()));
            trino.query(TrinoDdl.createRollup(DATABASE, rollup));
        }
        for (int i = 0; i < readmeQueries.size(); i++) {
            final String q = readmeQueries.get(i);
            checks.add(compare("readme #" + (i + 1), q, ReadmeQueries.forDuckDb(q, DATABASE), ReadmeQueries.ordered(q), null));
        }
        return List.copyOf(checks);
    }

    /** Creates one lake table from its Glue spec, syncs its partitions, compares a full read of it. */
    private Check tableCheck(final GlueTableSpec spec) {
        trino.query(TrinoDdl.dropTable(DATABASE, spec.name()));
        trino.query(TrinoDdl.createExternalTable(DATABASE, spec, spec.location()));
        trino.query(TrinoDdl.syncPartitions(DATABASE, spec.name()));
        final List<Column> columns = TrinoDdl.allColumns(spec);
        final String select = "SELECT " + columns.stream().map(c -> TrinoDdl.quote(c.name()))
                .collect(Collectors.joining(", ")) + " FROM " + TrinoDdl.quote(spec.name());
        return compare("table " + spec.name(), select, select, false, columns);
    }

    private Check compare(final String name, final String trinoSql, final String duckSql, final boolean ordered,
                          final List<Column> declared) {
        final QueryResult t;
        final QueryResult d;
        try {
            t = trino.query(trinoSql);
        } catch (SqlException e) {
            return failed(name, trinoSql, e.getMessage());
        }
        try {
            d = duck.query(duckSql);
        } catch (SqlException e) {
            return failed(name, trinoSql, e.getMessage());
        }
        ResultComparison.Outcome outcome = comparison.compare(t, d, ordered);
        final String typeDifference = declared == null ? null : declaredTypeDifference(t, declared);
        if (typeDifference != null && outcome.equal()) {
            outcome = new ResultComparison.Outcome(outcome.rows(), outcome.maxRelative(), typeDifference);
        }
        return new Check(name, trinoSql, outcome, t.engineTime(), d.engineTime());
    }

    /** The first column whose Trino type is not the one its Glue type reads as, or null. */
    static String declaredTypeDifference(final QueryResult trinoResult, final List<Column> declared) {
        for (int i = 0; i < declared.size(); i++) {
            final String want = TrinoDdl.trinoType(declared.get(i).type());
            final String got = trinoResult.types().get(i).toLowerCase(Locale.ROOT);
            if (!got.equals(want)) {
                return "column " + declared.get(i).name() + " declared " + declared.get(i).type() + " (Trino " + want
                        + ") but read as " + got;
            }
        }
        return null;
    }

    private static Check failed(final String name, final String sql, final String message) {
        return new Check(name, sql, new ResultComparison.Outcome(0, 0, message), Duration.ZERO, Duration.ZERO);
    }
}
