package io.ticklake.query.sql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link Rollups} on a local lake with DuckDB: each rollup's SELECT is written back to
 * {@code <root>/<rollup>/index=…[/date=…|/year=…]/} as its {@link Rollup#layout()} says, as Parquet
 * ({@code COPY … PARTITION_BY}), replacing the
 * previous build (see {@link DuckDbEngine#replaceTable}): rerunning gives the same rows, never twice.
 */
public final class DuckDbRollups {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbRollups.class);
    private final DuckDbEngine engine;

    public DuckDbRollups(final DuckDbEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** Builds every rollup in order. */
    public List<RollupRun> buildAll() {
        return build(Rollups.all());
    }

    /** Builds {@code rollups} in the given order (sources must exist or be built earlier). */
    public List<RollupRun> build(final List<Rollup> rollups) {
        final List<RollupRun> runs = new ArrayList<>();
        for (final Rollup rollup : rollups) {
            runs.add(build(rollup));
        }
        return runs;
    }

    /** Builds one rollup. */
    public RollupRun build(final Rollup rollup) {
        for (final String source : rollup.sources()) {
            if (!engine.tables().contains(source)) {
                throw new SqlException(rollup.table() + ": source table " + source + " does not exist in "
                        + engine.root());
            }
        }
        final long start = System.nanoTime();
        final long rows = engine.replaceTable(rollup.table(), rollup.select(), rollup.layout());
        final RollupRun run = new RollupRun(rollup.table(), rows, Duration.ofNanos(System.nanoTime() - start));
        LOG.info("rollup {} built: {} rows in {} ms", run.table(), run.rows(), run.elapsed().toMillis());
        return run;
    }
}
