package io.ticklake.query.sql;

import java.time.Duration;
import java.util.Objects;

/**
 * One rollup table built.
 *
 * @param table   the rollup table
 * @param rows    rows written ({@code -1} when the engine does not say)
 * @param elapsed wall time
 */
public record RollupRun(String table, long rows, Duration elapsed) {
    public RollupRun {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
