package io.ticklake.query.sql;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ticklake.sink.lake.LakeTable;
import io.ticklake.sink.lake.LakeTables;
import io.ticklake.sink.lake.PartitionLayout;

/** DuckDB over a local lake written by the sink, with its tables declared even before they have files. */
public final class LocalLake {
    private LocalLake() {
    }

    /**
     * An engine over {@code root} with the sink's default tables ({@code ticks}, {@code ohlc_1m},
     * {@code ohlc_1d}) declared, each table's layout as found on disk (the CLI's {@code --lake}: a lake
     * written with any {@code sink.partitioning} reads as written).
     */
    public static DuckDbEngine open(final Path root) {
        final Map<String, List<DuckColumn>> declared = new LinkedHashMap<>();
        for (final LakeTable t : LakeTables.defaults().tables()) {
            declared.put(t.name(), DuckColumn.fromAvro(t.schema()));
        }
        return DuckDbEngine.open(root, declared);
    }

    /**
     * An engine over {@code root} with {@code tables} declared from their Avro schemas and partition
     * layouts (a rollup's layout is found on disk: it is always rewritten whole).
     */
    public static DuckDbEngine open(final Path root, final LakeTables tables) {
        final Map<String, List<DuckColumn>> declared = new LinkedHashMap<>();
        final Map<String, PartitionLayout> layouts = new LinkedHashMap<>();
        for (final LakeTable t : tables.tables()) {
            declared.put(t.name(), DuckColumn.fromAvro(t.schema()));
            layouts.put(t.name(), t.layout());
        }
        return DuckDbEngine.open(root, declared, layouts);
    }
}
