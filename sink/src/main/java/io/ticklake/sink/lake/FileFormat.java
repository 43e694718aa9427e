package io.ticklake.sink.lake;

import java.io.IOException;

/**
 * How the sink lays the rows of one partition path of a table out as a file. Parquet
 * ({@link ParquetEncoder}) is the one format today; {@code io.ticklake.sink.SinkConfig#fileFormat()} is
 * the one place that chooses it. Implementations must be thread-safe and deterministic enough that a
 * re-encoded batch replaces its earlier file (same name) with the same rows.
 */
public interface FileFormat {
    /** Short name for logs and configuration, e.g. {@code parquet}. */
    String name();

    /** File name extension including the dot, e.g. {@code .parquet}; part of every file's key. */
    String extension();

    /** The file holding every row of {@code rows} (one table's schema), in row order. */
    byte[] encode(RowBuffer rows) throws IOException;
}
