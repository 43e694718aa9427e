package io.ticklake.service;

import io.ticklake.query.sql.DuckDbEngine;
import io.ticklake.query.sql.DuckDbRollupRefresh;
import io.ticklake.query.sql.DuckDbRollups;
import io.ticklake.query.sql.IndexDay;
import io.ticklake.query.sql.LocalLake;
import io.ticklake.query.sql.Rollup;
import io.ticklake.query.sql.RollupJournal;
import io.ticklake.query.sql.RollupJournalHook;
import io.ticklake.query.sql.Rollups;
import io.ticklake.service.config.AppConfig;
import io.ticklake.sink.BatchCommitHook;
import io.ticklake.sink.lake.LakeTables;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the rollup tables of a local lake current while the service runs. The sink's commit hook
 * records each batch's index-days in the lake's {@link RollupJournal} before the batch is committed;
 * every {@code rollup.refresh.interval.ms}, when something was recorded, one thread recomputes the
 * rollup rows of those days (and of the days that read them) with {@link DuckDbRollupRefresh} and only
 * then removes the journal entries. A crash at any moment leaves entries behind, which the next start
 * refreshes first; at start, rollup tables that do not exist yet are built in full, and index-days of
 * the lake without rollup rows are added to the journal. A failed refresh is retried at the next tick.
 */
public final class RollupRefresher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RollupRefresher.class);
    private final Path root;
    private final LakeTables tables;
    private final Duration interval;
    private final Clock clock;
    private final RollupJournal journal;
    private final RollupRefreshMetrics metrics = new RollupRefreshMetrics();
    private final AtomicBoolean due = new AtomicBoolean(true); // at start: whatever the journal holds
    private final Object progress = new Object();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "ticklake-rollup-refresh");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean busy = true; // until the start-up repair has run
    private DuckDbEngine engine; // the scheduler's thread only

    RollupRefresher(final Path root, final LakeTables tables, final Duration interval, final Clock clock) {
        this.root = root;
        this.tables = tables;
        this.interval = interval;
        this.clock = clock;
        this.journal = new RollupJournal(root);
    }

    /** The refresher of {@code config}'s lake: none when the lake is on S3 or the interval is 0. */
    public static Optional<RollupRefresher> of(final AppConfig config, final Clock clock) {
        final Duration interval = config.rollupRefreshInterval();
        if (interval.isZero() || config.lake().map(l -> l.isS3()).orElse(true)) {
            return Optional.empty();
        }
        return Optional.of(new RollupRefresher(config.lake().orElseThrow().directory(), config.sink().tables(),
                interval, clock));
    }

    /** The sink's commit hook that records each batch's index-days and wakes the refresher. */
    public BatchCommitHook commitHook() {
        return new RollupJournalHook(journal, Rollups.lakeSources(), () -> due.set(true));
    }

    /** Schedules the start-up repair, then a refresh every interval when index-days were recorded. */
    public RollupRefresher start() {
        scheduler.execute(this::repair);
        scheduler.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Rollups of {} refreshed every {} ms", root, interval.toMillis());
        return this;
    }

    public RollupRefreshMetrics metrics() {
        return metrics;
    }

    public Duration interval() {
        return interval;
    }

    /**
     * Blocks until every index-day recorded so far is refreshed (the journal is empty and no refresh
     * runs) or {@code timeout} passes; returns whether it caught up.
     */
    public boolean awaitCaughtUp(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (busy || !journal.pending().isEmpty()) {
                final long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                progress.wait(Math.min(left, interval.toMillis()));
            }
            return true;
        }
    }

    /** Rollup tables missing: built in full. Index-days of a lake source without rollup rows: recorded. */
    private void repair() {
        try {
            final DuckDbEngine e = engine();
            final Set<String> empty = e.emptyTables();
            if (!e.tables().contains("ohlc_1m") || empty.contains("ohlc_1m")) {
                return;
            }
            if (Rollups.all().stream().anyMatch(r -> !e.tables().contains(r.table()) || empty.contains(r.table()))) {
                final RollupJournal.Pending pending = journal.pending();
                LOG.info("Rollup tables missing in {}: building them in full", root);
                new DuckDbRollups(e).buildAll();
                journal.remove(pending);
                return;
            }
            final Set<IndexDay> missing = missingDays(e);
            if (!missing.isEmpty()) {
                LOG.info("{} index-days of {} have no rollup rows: refreshing them", missing.size(), root);
                journal.add(missing);
                due.set(true);
            }
        } catch (IOException | RuntimeException ex) {
            metrics.failed();
            LOG.warn("Rollup start-up check of {} failed (refreshes go on): {}", root, ex.getMessage());
        } finally {
            busy = false;
            signal();
        }
    }

    /** Index-days in the sources of the rollups built from lake tables, without rows in those rollups. */
    private static Set<IndexDay> missingDays(final DuckDbEngine e) {
        final Set<IndexDay> missing = new TreeSet<>();
        for (final Rollup r : Rollups.all()) {
            if (!Rollups.lakeSources().containsAll(r.sources())) {
                continue;
            }
            for (final String source : r.sources()) {
                for (final List<Object> row : e.query("SELECT DISTINCT \"index\", \"date\" FROM " + source
                        + " EXCEPT SELECT DISTINCT \"index\", \"date\" FROM " + r.table()).rows()) {
                    missing.add(new IndexDay(String.valueOf(row.get(0)), (LocalDate) row.get(1)));
                }
            }
        }
        return missing;
    }

    private void tick() {
        if (!due.getAndSet(false)) {
            return;
        }
        busy = true;
        RollupJournal.Pending pending = null;
        try {
            pending = journal.pending();
            if (pending.isEmpty()) {
                return;
            }
            final DuckDbRollupRefresh.Result r = new DuckDbRollupRefresh(engine()).refresh(pending.days());
            journal.remove(pending);
            metrics.refreshed(r.indexDays(), r.partitions().values().stream().mapToInt(Integer::intValue).sum(),
                    r.elapsed().toMillis(), clock.millis());
        } catch (RuntimeException ex) {
            due.set(true); // the journal still holds the days: retried at the next tick
            metrics.failed();
            LOG.warn("Rollup refresh of {} index-days failed, retried in {} ms: {}",
                    pending == null ? "?" : pending.days().size(), interval.toMillis(), ex.getMessage());
        } finally {
            busy = false;
            signal();
        }
    }

    private void signal() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private DuckDbEngine engine() {
        if (engine == null) {
            engine = LocalLake.open(root, tables);
        }
        return engine;
    }

    /** Stops refreshing (a refresh in flight finishes, or is abandoned after the timeout: the journal keeps it). */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("Rollup refresh still running at shutdown; the next start repeats it");
                return; // the engine stays with the thread that uses it
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (engine != null) {
            engine.close();
        }
    }
}
