package io.ticklake.query.catalog;

import io.ticklake.sink.BatchCommitHook;
import io.ticklake.sink.DurableBatch;
import io.ticklake.sink.lake.PartitionPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Registers a batch's new partitions in Glue as part of its commit: after the batch's files are
 * durable and before its offsets are committed, the partitions not registered recently are sent with
 * BatchCreatePartition (one call per {@value GlueCatalog#MAX_PARTITIONS_PER_CALL} new partitions;
 * a batch whose partitions are all known costs no call). A partition that already exists counts as
 * registered, so a batch handed over again after a crash or a rebalance is fine. When Glue refuses a
 * partition (or cannot be reached) the hook throws: the sink retries the batch with its backoff and
 * commits nothing meanwhile, so a kill at any moment never leaves a file whose partition Glue lacks
 * (the rebuilt batch registers it again). Used on the sink's thread only.
 */
public final class CatalogCommitHook implements BatchCommitHook {
    private static final int REMEMBERED = 100_000;
    private final GlueCatalog catalog;
    private final Map<String, Boolean> registered = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    private PartitionRegistration totals = PartitionRegistration.EMPTY;

    public CatalogCommitHook(final GlueCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    @Override
    public void beforeCommit(final DurableBatch batch) {
        final Map<GluePartition, String> fresh = new LinkedHashMap<>();
        for (final Map.Entry<PartitionPath, String> p : batch.partitions().entrySet()) {
            if (!registered.containsKey(p.getKey().dir())) {
                fresh.put(GluePartition.of(p.getKey(), p.getValue()), p.getKey().dir());
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        final PartitionRegistration result = catalog.addPartitions(new ArrayList<>(fresh.keySet()));
        fresh.forEach((p, dir) -> {
            if (result.failures().stream().noneMatch(f -> f.startsWith(p.table() + " " + p.values() + ":"))) {
                registered.put(dir, Boolean.TRUE);
            }
        });
        synchronized (this) {
            totals = totals.plus(new PartitionRegistration(result.created(), result.existed(), List.of()));
        }
        if (!result.failures().isEmpty()) {
            throw new IllegalStateException("Glue refused " + result.failures().size() + " partition(s) of "
                    + batch.topic() + "-" + batch.partition() + "@" + batch.firstOffset() + ", e.g. "
                    + result.failures().get(0));
        }
    }

    /** Partitions created and found existing so far. */
    public synchronized PartitionRegistration totals() {
        return totals;
    }
}
