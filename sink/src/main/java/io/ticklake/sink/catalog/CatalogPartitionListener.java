package io.ticklake.sink.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ticklake.sink.lake.PartitionListener;
import io.ticklake.sink.lake.PartitionPath;

/**
 * Registers each partition the sink writes in Glue, without slowing the sink per file: partitions
 * are buffered and sent with BatchCreatePartition when {@value GlueCatalog#MAX_PARTITIONS_PER_CALL}
 * are pending (on the caller's thread, so a failing catalog fails the sink's batch and is retried by
 * it), or by a background flush at most {@code maxDelay} after the first one was buffered. Partitions
 * registered recently are remembered (bounded), so a path the sink announces again costs nothing.
 * Partitions Glue refused are kept and retried on the next flush.
 */
public final class CatalogPartitionListener implements PartitionListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogPartitionListener.class);
    private static final int REMEMBERED = 100_000;
    private final GlueCatalog catalog;
    private final Duration maxDelay;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Map<String, GluePartition> pending = new LinkedHashMap<>();
    private final Map<String, Boolean> registered = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    private Instant firstPending;
    private PartitionRegistration totals = PartitionRegistration.EMPTY;

    /**
     * @param maxDelay longest time a partition waits in the buffer ({@code 0}: register on every call)
     */
    public CatalogPartitionListener(final GlueCatalog catalog, final Duration maxDelay, final Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "ticklake-glue-partitions");
            t.setDaemon(true);
            return t;
        });
        final long periodMs = Math.max(50, maxDelay.toMillis() / 2);
        timer.scheduleWithFixedDelay(this::flushIfDue, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onPartition(final PartitionPath path, final String location) {
        final String key = path.dir();
        final boolean flushNow;
        synchronized (this) {
            if (registered.containsKey(key) || pending.containsKey(key)) {
                return;
            }
            pending.put(key, new GluePartition(path.table(), path.index(), LocalDate.parse(path.date()), location));
            if (firstPending == null) {
                firstPending = clock.instant();
            }
            flushNow = pending.size() >= GlueCatalog.MAX_PARTITIONS_PER_CALL || maxDelay.isZero();
        }
        if (flushNow) {
            final PartitionRegistration r = flush();
            if (!r.failures().isEmpty()) {
                throw new IllegalStateException("Glue refused " + r.failures().size() + " partitions, e.g. "
                        + r.failures().get(0));
            }
        }
    }

    /** Registers every buffered partition now; refused ones stay buffered. */
    public PartitionRegistration flush() {
        final List<GluePartition> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return PartitionRegistration.EMPTY;
            }
            batch = new ArrayList<>(pending.values());
        }
        final PartitionRegistration result = catalog.addPartitions(batch);
        synchronized (this) {
            for (final GluePartition p : batch) {
                final String key = key(p);
                if (result.failures().stream().noneMatch(f -> f.startsWith(p.table() + " " + p.values() + ":"))) {
                    pending.remove(key);
                    registered.put(key, Boolean.TRUE);
                }
            }
            firstPending = pending.isEmpty() ? null : clock.instant();
            totals = totals.plus(new PartitionRegistration(result.created(), result.existed(), List.of()));
        }
        return result;
    }

    /** Partitions created and found existing so far. */
    public synchronized PartitionRegistration totals() {
        return totals;
    }

    /** Partitions waiting to be registered. */
    public synchronized int pending() {
        return pending.size();
    }

    /** Stops the background flush and registers what is buffered. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        final PartitionRegistration r = flush();
        if (!r.failures().isEmpty()) {
            LOG.warn("{} partitions not registered in Glue at close, e.g. {}", r.failures().size(), r.failures().get(0));
        }
    }

    private void flushIfDue() {
        try {
            final boolean due;
            synchronized (this) {
                due = firstPending != null && !clock.instant().isBefore(firstPending.plus(maxDelay));
            }
            if (due) {
                flush();
            }
        } catch (RuntimeException e) {
            LOG.warn("Glue partition registration failed, will retry: {}", e.getMessage());
        }
    }

    private static String key(final GluePartition p) {
        return new PartitionPath(p.table(), p.index(), p.date().toString()).dir();
    }
}
