package io.ticklake.query.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.ticklake.sink.lake.LakeTable;
import io.ticklake.sink.lake.LakeTables;
import io.ticklake.sink.lake.PartitionPath;
import io.ticklake.sink.store.ObjectStore;

/**
 * {@code catalog sync} for a lake on S3: creates or updates the Glue database and one table per lake
 * table, then registers every partition found under the table prefixes. Idempotent: a second sync
 * creates nothing (partitions already registered count as existing).
 */
public final class GlueLakeSync {
    /**
     * What a sync did.
     *
     * @param tables     each table and what happened to it
     * @param partitions partitions created / already there / refused
     */
    public record Report(Map<String, GlueCatalog.TableChange> tables, PartitionRegistration partitions) {
        public Report {
            tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        }
    }

    private final GlueCatalog catalog;
    private final ObjectStore store;
    private final LakeTables tables;

    public GlueLakeSync(final GlueCatalog catalog, final ObjectStore store, final LakeTables tables) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.store = Objects.requireNonNull(store, "store");
        this.tables = Objects.requireNonNull(tables, "tables");
    }

    /** The Glue spec of a lake table: its Avro schema's columns at {@code <root>/<table>/}. */
    public static GlueTableSpec spec(final LakeTable table, final ObjectStore store) {
        return GlueTableSpec.fromAvro(table.name(), table.schema(), store.uri(table.name() + "/"));
    }

    /** Creates/updates the database and tables; registers every partition in the lake. */
    public Report sync() {
        catalog.ensureDatabase();
        final Map<String, GlueCatalog.TableChange> changes = new LinkedHashMap<>();
        PartitionRegistration partitions = PartitionRegistration.EMPTY;
        for (final LakeTable table : tables.tables()) {
            changes.put(table.name(), catalog.ensureTable(spec(table, store)));
            partitions = partitions.plus(catalog.addPartitions(partitionsOf(table.name())));
        }
        return new Report(changes, partitions);
    }

    /** The partitions with at least one Parquet file under {@code <table>/}. */
    public List<GluePartition> partitionsOf(final String table) {
        final Set<String> dirs = new LinkedHashSet<>();
        try {
            for (final String key : store.list(table + "/")) {
                final String[] seg = key.split("/");
                if (seg.length == 4 && seg[1].startsWith("index=") && seg[2].startsWith("date=")
                        && key.endsWith(".parquet")) {
                    dirs.add(seg[1] + "/" + seg[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list lake table " + table, e);
        }
        return dirs.stream().map(d -> {
            final String[] seg = d.split("/");
            final String index = PartitionPath.unescape(seg[0].substring("index=".length()));
            final String date = seg[1].substring("date=".length());
            return new GluePartition(table, index, LocalDate.parse(date), store.uri(table + "/" + d + "/"));
        }).toList();
    }
}
