package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.DailyBar;
import io.ticklake.data.OhlcBar;
import io.ticklake.data.Tick;
import io.ticklake.data.synth.TickSynthesizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Feeds ticks synthesized from daily rows through the topology and compares the 1d bars with the rows. */
final class OracleRun {
    private static final long DAY = 86_400_000L;
    private final List<OhlcBar> daily;
    private final List<OhlcBar> minute;
    final long ticks;
    final long late;
    final long dlq;

    private OracleRun(final List<OhlcBar> daily, final List<OhlcBar> minute, final long ticks, final long late,
                      final long dlq) {
        this.daily = daily;
        this.minute = minute;
        this.ticks = ticks;
        this.late = late;
        this.dlq = dlq;
    }

    /**
     * Synthesizes the rows' ticks and sends them: merged in time order across indices with a
     * watermark every 1,000 ticks ({@code merged}), or index after index without watermarks (per-index
     * event time makes that valid too). A final watermark a day after the last tick closes everything.
     */
    static OracleRun run(final List<DailyBar> rows, final TickSynthesizer synth, final boolean merged) {
        try (Harness h = new Harness()) {
            final var daily = h.barTopic("1d");
            final var minute = h.barTopic("1m");
            final Runnable enriched = () -> discardOthers(h);
            final List<OhlcBar> dailyBars = new ArrayList<>();
            final List<OhlcBar> minuteBars = new ArrayList<>();
            long sent = 0;
            long maxTs = Long.MIN_VALUE;
            if (merged) {
                final List<Tick> all = new ArrayList<>();
                rows.forEach(r -> all.addAll(synth.synthesize(r)));
                all.sort(Comparator.comparingLong(Tick::ts));
                for (final Tick t : all) {
                    h.tick(t);
                    if (++sent % 1_000 == 0) {
                        h.watermark(t.ts());
                        drain(daily, minute, dailyBars, minuteBars);
                        enriched.run();
                    }
                    maxTs = t.ts();
                }
            } else {
                for (final DailyBar r : rows) {
                    for (final Tick t : synth.synthesize(r)) {
                        h.tick(t);
                        sent++;
                        maxTs = Math.max(maxTs, t.ts());
                    }
                    drain(daily, minute, dailyBars, minuteBars);
                    enriched.run();
                }
            }
            h.watermark(maxTs + DAY + 3_600_000L);
            drain(daily, minute, dailyBars, minuteBars);
            enriched.run();
            final long late = (long) h.metric("late-total");
            final long dlq = (long) h.metric("dlq-total");
            return new OracleRun(dailyBars, minuteBars, sent, late, dlq);
        }
    }

    private static void drain(final org.apache.kafka.streams.TestOutputTopic<String, OhlcBar> daily,
                              final org.apache.kafka.streams.TestOutputTopic<String, OhlcBar> minute,
                              final List<OhlcBar> dailyBars, final List<OhlcBar> minuteBars) {
        dailyBars.addAll(daily.readValuesToList());
        if (minuteBars.size() < 500_000) {
            minuteBars.addAll(minute.readValuesToList());
        } else {
            minute.readValuesToList();
        }
    }

    /** Reads and drops what the driver holds for every other topic (enriched, changelogs), bounding memory. */
    private static void discardOthers(final Harness h) {
        for (final String topic : h.driver.producedTopicNames()) {
            if (!topic.startsWith(h.config.barTopicPrefix())) {
                h.driver.createOutputTopic(topic, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer()).readRecordsToList();
            }
        }
    }

    List<OhlcBar> minuteBars() {
        return minute;
    }

    List<OhlcBar> dailyBars() {
        return daily;
    }

    /** Every row has exactly one 1d bar with the same trading date, O, H, L, C and volume, and no other bar exists. */
    void assertDailyBarsEqualRows(final List<DailyBar> rows) {
        assertThat(late).as("late ticks").isZero();
        assertThat(dlq).as("dead letters").isZero();
        final Map<String, OhlcBar> byKey = new HashMap<>();
        for (final OhlcBar b : daily) {
            assertThat(byKey.put(b.index() + " " + b.tradingDate(), b)).as("second bar for %s %s", b.index(),
                    b.tradingDate()).isNull();
        }
        assertThat(daily).hasSameSizeAs(rows);
        for (final DailyBar r : rows) {
            final OhlcBar b = byKey.get(r.index() + " " + r.date());
            assertThat(b).as("bar of %s %s", r.index(), r.date()).isNotNull();
            assertThat(new double[] {b.open(), b.high(), b.low(), b.close()}).as("OHLC of %s %s", r.index(), r.date())
                    .containsExactly(r.open(), r.high(), r.low(), r.close());
            assertThat(b.volume()).as("volume of %s %s", r.index(), r.date()).isEqualTo(r.volume());
        }
    }

    /** Rows whose 1d bar differs (for reports over real data). */
    List<String> mismatches(final List<DailyBar> rows) {
        final Map<String, OhlcBar> byKey = new HashMap<>();
        daily.forEach(b -> byKey.put(b.index() + " " + b.tradingDate(), b));
        final List<String> out = new ArrayList<>();
        for (final DailyBar r : rows) {
            final OhlcBar b = byKey.get(r.index() + " " + r.date());
            if (b == null || b.open() != r.open() || b.high() != r.high() || b.low() != r.low()
                    || b.close() != r.close() || b.volume() != r.volume()) {
                out.add(r + " -> " + b);
            }
        }
        return out;
    }
}
