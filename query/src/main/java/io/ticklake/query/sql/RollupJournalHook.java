package io.ticklake.query.sql;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.ticklake.sink.BatchCommitHook;
import io.ticklake.sink.DurableBatch;
import io.ticklake.sink.lake.PartitionPath;

/**
 * The sink's commit hook that records, before a batch's offsets are committed, the index-days it wrote
 * into a table the rollups read ({@link Rollups#lakeSources()}) in the {@link RollupJournal}, then calls
 * {@code onRecorded} (the refresher's wake-up). A batch handed over again is recorded again: the
 * refresh of an index-day is idempotent.
 */
public final class RollupJournalHook implements BatchCommitHook {
    private final RollupJournal journal;
    private final Set<String> sources;
    private final Runnable onRecorded;

    public RollupJournalHook(final RollupJournal journal, final Set<String> sources, final Runnable onRecorded) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.sources = Set.copyOf(sources);
        this.onRecorded = Objects.requireNonNull(onRecorded, "onRecorded");
    }

    @Override
    public void beforeCommit(final DurableBatch batch) throws Exception {
        final Set<IndexDay> days = new TreeSet<>();
        for (final PartitionPath p : batch.partitions().keySet()) {
            if (sources.contains(p.table()) && p.layout().partitionsByDate()) {
                days.add(new IndexDay(p.index(), java.time.LocalDate.parse(p.value())));
            }
            // a source re-laid out coarser than index/date (sink.partitioning) names no day: its rollups
            // are refreshed by the start-up scan only (README, Rollups)
        }
        if (!days.isEmpty()) {
            journal.add(days);
            onRecorded.run();
        }
    }
}
