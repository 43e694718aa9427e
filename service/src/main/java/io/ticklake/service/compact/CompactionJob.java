package io.ticklake.service.compact;

import io.ticklake.service.config.CompactionSettings;
import io.ticklake.sink.compact.Compactor;
import io.ticklake.sink.compact.OffsetGuard;
import io.ticklake.sink.lake.LakeTable;
import io.ticklake.sink.store.ObjectStore;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opt-in compaction inside the service ({@code compaction.enabled}): every interval, the partitions of the
 * sink's tables whose date ended more than the grace ago (on the injected clock: the sink keeps no event-time
 * watermark, and for a live feed the wall clock is the watermark plus the feed's lag) are compacted, file by file
 * only where the sink's committed offsets are past the file ({@link CommittedOffsets}): so a batch the sink
 * lands again after a crash is never one that was compacted. A failed run is logged and retried at the next
 * interval; an interrupted one is finished by the next (the {@link Compactor}'s order of effects).
 */
public final class CompactionJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompactionJob.class);
    private final ObjectStore store;
    private final List<LakeTable> tables;
    private final CompactionSettings settings;
    private final Supplier<OffsetGuard> guard;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    /**
     * @param guard reads the sink's committed offsets at the start of each run
     */
    public CompactionJob(final ObjectStore store, final List<LakeTable> tables, final CompactionSettings settings,
                         final Supplier<OffsetGuard> guard, final Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.tables = List.copyOf(tables);
        this.settings = settings;
        this.guard = guard;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "ticklake-compaction");
            t.setDaemon(true);
            return t;
        });
    }

    /** Schedules the runs. */
    public CompactionJob start() {
        final long every = settings.interval().toMillis();
        timer.scheduleWithFixedDelay(this::runLogged, every, every, TimeUnit.MILLISECONDS);
        LOG.info("Compaction on: every {} of partitions closed {} ago, target {} bytes", settings.interval(),
                settings.grace(), settings.targetBytes());
        return this;
    }

    /** The first date not yet closed: partitions dated before it are compacted. */
    public LocalDate closedBefore() {
        return LocalDate.ofInstant(clock.instant().minus(settings.grace()), ZoneOffset.UTC);
    }

    /** One run over every table (also called by tests). */
    public Compactor.Result runOnce() throws IOException {
        final Compactor compactor = new Compactor(store, new Compactor.Options(settings.targetBytes(), closedBefore(),
                guard.get()));
        Compactor.Result total = Compactor.Result.EMPTY;
        for (final LakeTable t : tables) {
            final Compactor.Result r = compactor.compactTable(t.name(), Compactor.Progress.NONE);
            if (r.merged() + r.leftovers() + r.conflicts() > 0) {
                LOG.info("Compacted table {}: {} → {} files in {} partitions ({} merged, {} leftovers, {} not final, "
                        + "{} conflicts)", t.name(), r.filesBefore(), r.filesAfter(), r.compacted(), r.merged(),
                        r.leftovers(), r.notFinal(), r.conflicts());
            }
            total = total.plus(r);
        }
        return total;
    }

    private void runLogged() {
        try {
            runOnce();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Compaction run failed, retried in {}: {}", settings.interval(), e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
