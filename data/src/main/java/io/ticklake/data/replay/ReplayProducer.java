package io.ticklake.data.replay;

import io.ticklake.data.DailyBar;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.Tick;
import io.ticklake.data.csv.CsvBarReader;
import io.ticklake.data.csv.ReadStats;
import io.ticklake.data.synth.TickSynthesizer;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Replays daily bars as intraday ticks in non-decreasing event time ({@link TickMerger}) into a
 * {@link TickSink}, paced by {@link ReplayConfig#speed()}.
 *
 * <p>Watermarks: after a tick, when {@link ReplayConfig#watermarkEveryTicks()} ticks were sent or
 * event time moved {@link ReplayConfig#watermarkEveryEventMs()} since the last watermark, a
 * watermark at that tick's ts goes to every partition (no later tick is earlier: the merge is
 * ordered). At the end, after all ticks, a final watermark at {@code last ts + finalWatermarkLead}
 * closes every open window. Everything is flushed before the summary is returned.
 *
 * <pre>{@code
 * try (ReplayProducer replay = ReplayProducer.kafka(config, ReferenceData.builtIn(),
 *         Map.of("bootstrap.servers", servers));
 *      CsvBarReader reader = CsvBarReader.open(csv).onRejection(r -> err.println(r))) {
 *     ReplaySummary summary = replay.replay(reader, progress -> bar.update(progress));
 * }
 * }</pre>
 */
public final class ReplayProducer implements AutoCloseable {
    private final ReplayConfig config;
    private final TickSynthesizer synth;
    private final TickSink sink;
    private final WallClock clock;

    /** A replay into {@code sink} (closed by {@link #close()}), paced on {@code clock}. */
    public ReplayProducer(final ReplayConfig config, final ReferenceData ref, final TickSink sink, final WallClock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.synth = new TickSynthesizer(ref, config.tickInterval(), config.seed());
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A replay into Kafka: creates the topic if missing ({@link ReplayConfig#partitions()}). */
    public static ReplayProducer kafka(final ReplayConfig config, final ReferenceData ref,
                                       final Map<String, Object> clientProps) {
        return new ReplayProducer(config, ref,
                KafkaTickSink.create(clientProps, config.topic(), config.partitions()), WallClock.system());
    }

    /** A replay that does everything but Kafka and reports the same counts. */
    public static ReplayProducer dryRun(final ReplayConfig config, final ReferenceData ref) {
        return new ReplayProducer(config, ref, new DryRunSink(config.partitions()), WallClock.system());
    }

    /** Replays the bars of a CSV (rejected rows go to the reader's listener and are counted). */
    public ReplaySummary replay(final CsvBarReader reader, final Consumer<ReplayProgress> progress)
            throws InterruptedException {
        return run(reader, reader::stats, progress);
    }

    /** Replays bars from any source (e.g. {@code MarketGenerator}); every bar counts as a read, accepted row. */
    public ReplaySummary replay(final Iterator<DailyBar> bars, final Consumer<ReplayProgress> progress)
            throws InterruptedException {
        final long[] read = {0};
        final Iterator<DailyBar> counting = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return bars.hasNext();
            }

            @Override
            public DailyBar next() {
                read[0]++;
                return bars.next();
            }
        };
        return run(counting, () -> new ReadStats(read[0], read[0], 0), progress);
    }

    private ReplaySummary run(final Iterator<DailyBar> bars, final Supplier<ReadStats> stats,
                              final Consumer<ReplayProgress> progress) throws InterruptedException {
        final long start = clock.nanoTime();
        final TickMerger merger = TickMerger.of(filtered(bars), synth);
        final Run run = new Run(start, merger.totalTicks(), progress);
        final Pacer pacer = new Pacer(config.speed(), clock);
        while (merger.hasNext()) {
            final Tick tick = merger.next();
            pacer.await(tick.ts());
            run.send(tick);
        }
        final long finalWatermark = run.finish();
        final ReadStats read = stats.get();
        final Duration elapsed = Duration.ofNanos(clock.nanoTime() - start);
        return new ReplaySummary(read.read(), read.accepted(), read.rejected(), merger.barCount(), run.ticks,
                run.watermarks, run.firstTs, run.lastTs, finalWatermark, elapsed, perSecond(run.ticks, elapsed));
    }

    /** Only the bars the filter takes, lazily (rejected and filtered rows are never held). */
    private Iterator<DailyBar> filtered(final Iterator<DailyBar> bars) {
        return new Iterator<>() {
            private DailyBar next;

            @Override
            public boolean hasNext() {
                while (next == null && bars.hasNext()) {
                    final DailyBar bar = bars.next();
                    next = config.filter().test(bar) ? bar : null;
                }
                return next != null;
            }

            @Override
            public DailyBar next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                final DailyBar bar = next;
                next = null;
                return bar;
            }
        };
    }

    private static double perSecond(final long count, final Duration elapsed) {
        final double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : count / seconds;
    }

    @Override
    public void close() {
        sink.close();
    }

    /** The counters and watermark schedule of one run. */
    private final class Run {
        private final long startNanos;
        private final long total;
        private final Consumer<ReplayProgress> progress;
        private long ticks;
        private long watermarks;
        private long firstTs = -1;
        private long lastTs = -1;
        private long ticksSinceWatermark;
        private long lastWatermarkTs = Long.MIN_VALUE;

        Run(final long startNanos, final long total, final Consumer<ReplayProgress> progress) {
            this.startNanos = startNanos;
            this.total = total;
            this.progress = progress == null ? p -> { } : progress;
        }

        void send(final Tick tick) {
            sink.send(tick);
            ticks++;
            ticksSinceWatermark++;
            lastTs = tick.ts();
            if (ticks == 1) { // not "firstTs < 0": event times before 1970 are negative
                firstTs = tick.ts();
                lastWatermarkTs = tick.ts();
            }
            if (ticksSinceWatermark >= config.watermarkEveryTicks()
                    || tick.ts() - lastWatermarkTs >= config.watermarkEveryEventMs()) {
                watermark(tick.ts());
            }
            if (ticks % config.progressEveryTicks() == 0) {
                report();
            }
        }

        /** Sends the final watermark, flushes, reports; returns the final watermark's ts (-1 if none). */
        long finish() {
            long finalTs = -1;
            if (ticks > 0) {
                finalTs = lastTs + config.finalWatermarkLead().toMillis();
                watermark(finalTs);
            }
            sink.flush();
            report();
            return finalTs;
        }

        private void watermark(final long ts) {
            watermarks += sink.sendWatermark(ts);
            lastWatermarkTs = ts;
            ticksSinceWatermark = 0;
        }

        private void report() {
            final Duration elapsed = Duration.ofNanos(clock.nanoTime() - startNanos);
            progress.accept(new ReplayProgress(ticks, total, watermarks, lastTs, elapsed, perSecond(ticks, elapsed)));
        }
    }
}
