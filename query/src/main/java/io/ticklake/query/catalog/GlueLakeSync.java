package io.ticklake.query.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.ticklake.sink.lake.LakeTable;
import io.ticklake.sink.lake.LakeTables;
import io.ticklake.sink.lake.PartitionLayout;
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

    /** The Glue spec of a lake table: its file schema's columns and its layout at {@code <root>/<table>/}. */
    public static GlueTableSpec spec(final LakeTable table, final ObjectStore store) {
        return GlueTableSpec.fromAvro(table.name(), table.schema(), store.uri(table.name() + "/"), table.layout());
    }

    /** Creates/updates the database and tables; registers every partition in the lake. */
    public Report sync() {
        catalog.ensureDatabase();
        final Map<String, GlueCatalog.TableChange> changes = new LinkedHashMap<>();
        PartitionRegistration partitions = PartitionRegistration.EMPTY;
        for (final LakeTable table : tables.tables()) {
            changes.put(table.name(), catalog.ensureTable(spec(table, store)));
            partitions = partitions.plus(catalog.addPartitions(partitionsOf(table.name(), table.layout())));
        }
        return new Report(changes, partitions);
    }

    /** The partitions of an {@code index=/date=} table, see {@link #partitionsOf(String, PartitionLayout)}. */
    public List<GluePartition> partitionsOf(final String table) {
        return partitionsOf(table, PartitionLayout.INDEX_DATE);
    }

    /**
     * The partitions with at least one Parquet file under {@code <table>/}, laid out as {@code layout}
     * says; keys of any other shape (another layout's, a stray file) are not partitions and are left out.
     */
    public List<GluePartition> partitionsOf(final String table, final PartitionLayout layout) {
        final Set<String> dirs = new LinkedHashSet<>();
        final int depth = layout.columns().size();
        try {
            for (final String key : store.list(table + "/")) {
                final String[] seg = key.split("/");
                if (seg.length == depth + 2 && key.endsWith(".parquet") && partitionSegments(seg, layout)) {
                    dirs.add(String.join("/", java.util.Arrays.asList(seg).subList(1, depth + 1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list lake table " + table, e);
        }
        return dirs.stream().map(d -> {
            final String[] seg = d.split("/");
            final List<String> values = new ArrayList<>();
            values.add(PartitionPath.unescape(seg[0].substring("index=".length())));
            if (seg.length > 1) {
                values.add(seg[1].substring(seg[1].indexOf('=') + 1));
            }
            return new GluePartition(table, values, store.uri(table + "/" + d + "/"));
        }).toList();
    }

    /** Whether {@code seg[1..]} are {@code layout}'s {@code column=value} directories with valid values. */
    private static boolean partitionSegments(final String[] seg, final PartitionLayout layout) {
        if (!seg[1].startsWith("index=") || seg[1].length() == "index=".length()) {
            return false;
        }
        if (layout.valueColumn() == null) {
            return true;
        }
        final String prefix = layout.valueColumn() + "=";
        return seg[2].startsWith(prefix) && layout.isValue(seg[2].substring(prefix.length()));
    }
}
