package io.ticklake.data.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.DailyBar;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.Tick;
import io.ticklake.data.csv.CsvBarReader;
import io.ticklake.data.csv.RowRejection;
import io.ticklake.data.synth.TickSynthesizer;
import io.ticklake.data.testing.TestMarket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayProducerTest {
    private static final ReferenceData REF = ReferenceData.builtIn();

    /** Records what a replay sends, in order: ticks as themselves, watermarks as their ts (per call). */
    static final class RecordingSink implements TickSink {
        final List<Object> sent = new ArrayList<>();
        final int partitions;
        boolean flushed;

        RecordingSink(final int partitions) {
            this.partitions = partitions;
        }

        @Override
        public void send(final Tick tick) {
            sent.add(tick);
        }

        @Override
        public int sendWatermark(final long ts) {
            sent.add(ts);
            return partitions;
        }

        @Override
        public void flush() {
            flushed = true;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void sendsEveryTickInOrderWithPeriodicAndFinalWatermarks() throws InterruptedException {
        final List<DailyBar> bars = TestMarket.oneWeek();
        final ReplayConfig config = ReplayConfig.defaults().withWatermarkEvery(100, Duration.ofMinutes(30).toMillis())
                .withProgressEveryTicks(500);
        final RecordingSink sink = new RecordingSink(4);
        final List<ReplayProgress> progress = new ArrayList<>();
        final ReplaySummary summary;
        try (ReplayProducer replay = new ReplayProducer(config, REF, sink, new PacingTest.ManualClock())) {
            summary = replay.replay(bars.iterator(), progress::add);
        }
        final List<Tick> ticks = sink.sent.stream().filter(Tick.class::isInstance).map(Tick.class::cast).toList();
        final TickSynthesizer synth = new TickSynthesizer(REF, config.tickInterval(), config.seed());
        final List<Tick> expected = new ArrayList<>();
        bars.forEach(b -> expected.addAll(synth.synthesize(b)));
        assertThat(ticks).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(sink.flushed).isTrue();

        long lastTs = Long.MIN_VALUE;
        int sinceWatermark = 0;
        for (final Object o : sink.sent) {
            if (o instanceof Tick t) {
                assertThat(t.ts()).isGreaterThanOrEqualTo(lastTs);
                lastTs = t.ts();
                sinceWatermark++;
                assertThat(sinceWatermark).isLessThanOrEqualTo(100);
            } else {
                assertThat((Long) o).as("a periodic watermark never passes the last tick sent")
                        .isLessThanOrEqualTo(lastTs + Duration.ofDays(2).toMillis());
                sinceWatermark = 0;
            }
        }
        final long lastTick = ticks.get(ticks.size() - 1).ts();
        assertThat(sink.sent.get(sink.sent.size() - 1)).isEqualTo(lastTick + Duration.ofDays(2).toMillis());
        final long watermarkCalls = sink.sent.stream().filter(Long.class::isInstance).count();
        assertThat(summary).isEqualTo(new ReplaySummary(15, 15, 0, 15, expected.size(), watermarkCalls * 4,
                ticks.get(0).ts(), lastTick, lastTick + Duration.ofDays(2).toMillis(), summary.elapsed(),
                summary.ticksPerSecond()));
        assertThat(progress).last().satisfies(p -> {
            assertThat(p.ticksSent()).isEqualTo(expected.size());
            assertThat(p.totalTicks()).isEqualTo(expected.size());
            assertThat(p.fraction()).isEqualTo(1.0);
        });
        assertThat(progress).hasSize(expected.size() / 500 + 1);
    }

    @Test
    void aDryRunOfACsvFiltersReportsRejectionsAndCountsLikeARealRun(@TempDir final Path dir) throws Exception {
        final Path csv = TestMarket.writeCsv(dir.resolve("m.csv"), TestMarket.oneWeek());
        final List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        lines.add(3, "NYA,2021-05-26,1,2,3,1,1,0.0,");
        lines.add("bad");
        Files.write(csv, lines);
        final ReplayConfig config = ReplayConfig.defaults().withPartitions(3)
                .withFilter(new BarFilter(LocalDate.of(2021, 5, 25), LocalDate.of(2021, 5, 27), Set.of("NYA", "N225")));
        final List<RowRejection> rejections = new ArrayList<>();
        final ReplaySummary dry;
        try (ReplayProducer replay = ReplayProducer.dryRun(config, REF);
             CsvBarReader reader = CsvBarReader.open(csv).onRejection(rejections::add)) {
            dry = replay.replay(reader, p -> { });
        }
        assertThat(rejections).extracting(RowRejection::line).containsExactly(4L, 18L);
        final RecordingSink sink = new RecordingSink(3);
        final ReplaySummary recorded;
        try (ReplayProducer replay = new ReplayProducer(config, REF, sink, WallClock.system());
             CsvBarReader reader = CsvBarReader.open(csv)) {
            recorded = replay.replay(reader, p -> { });
        }
        assertThat(dry.rowsRead()).isEqualTo(17);
        assertThat(dry.rowsAccepted()).isEqualTo(15);
        assertThat(dry.rowsRejected()).isEqualTo(2);
        assertThat(dry.bars()).isEqualTo(6);
        assertThat(dry.ticks()).isEqualTo(6 * (3 * 390 + 3 * 360)); // six ticks a minute at the default 10 s
        assertThat(dry.watermarks()).isEqualTo(recorded.watermarks()).isPositive();
        assertThat(List.of(dry.ticks(), dry.bars(), dry.firstTickTs(), dry.lastTickTs(), dry.finalWatermark()))
                .isEqualTo(List.of(recorded.ticks(), recorded.bars(), recorded.firstTickTs(), recorded.lastTickTs(),
                        recorded.finalWatermark()));
        assertThat(sink.sent.stream().filter(Tick.class::isInstance).map(t -> ((Tick) t).index()).distinct())
                .containsExactlyInAnyOrder("NYA", "N225");
    }

    @Test
    void nothingToReplaySendsNoWatermark() throws InterruptedException {
        final RecordingSink sink = new RecordingSink(2);
        final ReplaySummary summary;
        try (ReplayProducer replay = new ReplayProducer(ReplayConfig.defaults(), REF, sink, WallClock.system())) {
            summary = replay.replay(List.<DailyBar>of().iterator(), null);
        }
        assertThat(sink.sent).isEmpty();
        assertThat(summary.ticks()).isZero();
        assertThat(summary.finalWatermark()).isEqualTo(-1);
    }

    @Test
    void eventTimesBefore1970KeepTheirFirstTickAndTimeBasedWatermarks() throws InterruptedException {
        // NYA's history starts in 1965: negative epoch ms must not be mistaken for "no tick yet".
        final List<DailyBar> bars = TestMarket.bars(List.of("NYA"), LocalDate.of(1965, 12, 28),
                LocalDate.of(1965, 12, 31), 3);
        final ReplayConfig config = ReplayConfig.defaults()
                .withWatermarkEvery(Long.MAX_VALUE, Duration.ofHours(1).toMillis());
        final RecordingSink sink = new RecordingSink(1);
        final ReplaySummary summary;
        try (ReplayProducer replay = new ReplayProducer(config, REF, sink, new PacingTest.ManualClock())) {
            summary = replay.replay(bars.iterator(), null);
        }
        final List<Tick> ticks = sink.sent.stream().filter(Tick.class::isInstance).map(Tick.class::cast).toList();
        assertThat(summary.firstTickTs()).isEqualTo(ticks.get(0).ts()).isNegative();
        final long periodic = sink.sent.stream().filter(Long.class::isInstance).count() - 1;
        assertThat(periodic).as("one time-based watermark per market hour, not one per tick")
                .isBetween((long) bars.size() * 5, (long) bars.size() * 8);
    }
}
