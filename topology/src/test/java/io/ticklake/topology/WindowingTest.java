package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.OhlcBar;
import io.ticklake.data.Tick;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class WindowingTest {
    private static final long T0 = Instant.parse("2021-05-28T13:30:00Z").toEpochMilli();
    private static final long MIN = 60_000;
    private static final Comparator<OhlcBar> ORDER =
            Comparator.comparing(OhlcBar::index).thenComparing(OhlcBar::window).thenComparingLong(OhlcBar::windowStart);

    @Test
    void oneFinalBarPerWindowOnceEventTimePassesEndPlusGrace() {
        try (Harness h = new Harness()) {
            h.tick("NYA", T0, 100.0, 10);
            h.tick("NYA", T0 + 20_000, 105.0, 20);
            h.tick("NYA", T0 + 40_000, 95.0, 30);
            h.tick("NYA", T0 + 59_999, 101.0, 40);
            h.tick("NYA", T0 + MIN + 29_999, 102.0, 1);   // end + grace not reached yet
            assertThat(h.bars("1m")).isEmpty();
            h.tick("NYA", T0 + MIN + 30_000, 103.0, 1);   // reaches end + grace: closes [T0, T0+1m)
            final List<KeyValue<String, OhlcBar>> bars = h.barRecords("1m");
            assertThat(bars).singleElement().satisfies(kv -> {
                assertThat(kv.key).isEqualTo("NYA");
                final OhlcBar b = kv.value;
                assertThat(b.index()).isEqualTo("NYA");
                assertThat(b.window()).isEqualTo("1m");
                assertThat(b.windowStart()).isEqualTo(T0);
                assertThat(b.windowEnd()).isEqualTo(T0 + MIN);
                assertThat(b.tradingDate()).isEqualTo("2021-05-28");
                assertThat(b.open()).isEqualTo(100.0);
                assertThat(b.high()).isEqualTo(105.0);
                assertThat(b.low()).isEqualTo(95.0);
                assertThat(b.close()).isEqualTo(101.0);
                assertThat(b.volume()).isEqualTo(100);
                assertThat(b.vwap()).isEqualTo((100.0 * 10 + 105.0 * 20 + 95.0 * 30 + 101.0 * 40) / 100);
                assertThat(b.tickCount()).isEqualTo(4);
                assertThat(b.firstTickTs()).isEqualTo(T0);
                assertThat(b.lastTickTs()).isEqualTo(T0 + 59_999);
            });
            h.watermark(T0 + 2 * 86_400_000L);
            assertThat(h.bars("1m")).extracting(OhlcBar::windowStart).containsExactly(T0 + MIN);
            assertThat(h.bars("1d")).singleElement().satisfies(b -> {
                assertThat(b.open()).isEqualTo(100.0);
                assertThat(b.close()).isEqualTo(103.0);
                assertThat(b.volume()).isEqualTo(102);
                assertThat(b.tickCount()).isEqualTo(6);
                assertThat(b.windowStart()).isEqualTo(Instant.parse("2021-05-28T00:00:00Z").toEpochMilli());
            });
            h.watermark(T0 + 3 * 86_400_000L);
            assertThat(h.bars("1m")).isEmpty();
            assertThat(h.bars("1d")).isEmpty();
            assertThat(h.metric("bars-1m-total")).isEqualTo(2.0);
            assertThat(h.metric("bars-1d-total")).isEqualTo(1.0);
        }
    }

    @Test
    void ticksShuffledWithinGraceGiveIdenticalBars() {
        final List<Tick> inOrder = randomTicks(List.of("NYA", "HSI", "ACME"), 2_000, 7);
        final SplittableRandom r = new SplittableRandom(11);
        // each tick arrives at most 25 s (event time) after ticks later than it: within the 30 s grace
        final List<long[]> keyed = new ArrayList<>();
        for (int i = 0; i < inOrder.size(); i++) {
            keyed.add(new long[] {inOrder.get(i).ts() + r.nextLong(25_000), i});
        }
        keyed.sort(Comparator.comparingLong((long[] k) -> k[0]));
        final List<Tick> shuffled = keyed.stream().map(k -> inOrder.get((int) k[1])).toList();
        assertThat(shuffled).isNotEqualTo(inOrder);

        final List<OhlcBar> a = run(inOrder);
        final List<OhlcBar> b = run(shuffled);
        assertThat(a).hasSizeGreaterThan(100);
        assertThat(b).isEqualTo(a);
    }

    private static List<OhlcBar> run(final List<Tick> ticks) {
        try (Harness h = new Harness()) {
            h.ticks(ticks);
            h.watermark(ticks.stream().mapToLong(Tick::ts).max().orElseThrow() + 2 * 86_400_000L);
            assertThat(h.lateTopic().isEmpty()).isTrue();
            final List<OhlcBar> out = new ArrayList<>(h.bars("1m"));
            out.addAll(h.bars("1d"));
            out.sort(ORDER);
            return out;
        }
    }

    /** Ticks of several indices, interleaved in time order, 1–20 s apart, odd prices and volumes. */
    static List<Tick> randomTicks(final List<String> indices, final int n, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final List<Tick> out = new ArrayList<>();
        long ts = T0;
        final double[] price = new double[indices.size()];
        java.util.Arrays.fill(price, 1234.5678);
        for (int i = 0; i < n; i++) {
            final int k = r.nextInt(indices.size());
            price[k] = price[k] * (1 + (r.nextDouble() - 0.5) / 500);
            out.add(new Tick(indices.get(k), ts, price[k], r.nextLong(1, 5_000_000)));
            ts += r.nextLong(1_000, 20_000);
        }
        return out;
    }

    @Test
    void aLateTickGoesToTicksLateAndStillToTicksEnriched() {
        try (Harness h = new Harness()) {
            h.tick("NYA", T0, 100.0, 1);
            h.tick("NYA", T0 + 2 * MIN, 101.0, 1);             // closes [T0, T0+1m)
            h.tick("NYA", T0 + 30_000, 50.0, 7);                // late for 1m, fine for 1d
            final List<TestRecord<String, Tick>> late = h.lateTopic().readRecordsToList();
            assertThat(late).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("NYA");
                assertThat(r.value()).isEqualTo(new Tick("NYA", T0 + 30_000, 50.0, 7));
                assertThat(DlqHeaders.get(r.headers(), LateHeaders.WINDOWS)).isEqualTo("1m");
                assertThat(DlqHeaders.get(r.headers(), LateHeaders.EVENT_TIME)).isEqualTo(Long.toString(T0 + 2 * MIN));
                assertThat(DlqHeaders.get(r.headers(), LateHeaders.OFFSET)).isEqualTo("2");
            });
            assertThat(h.enriched()).hasSize(3);
            assertThat(h.metric("late-total")).isEqualTo(1.0);
            h.watermark(T0 + 2 * 86_400_000L);
            assertThat(h.bars("1m")).extracting(OhlcBar::open, OhlcBar::tickCount)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(100.0, 1L),
                            org.assertj.core.groups.Tuple.tuple(101.0, 1L));
            assertThat(h.bars("1d")).singleElement().satisfies(b -> {
                assertThat(b.low()).isEqualTo(50.0);
                assertThat(b.volume()).isEqualTo(9);
            });
            // after the 1d window closed, a tick of that day is late for both windows
            h.tick("NYA", T0 + 3 * MIN, 99.0, 1);
            assertThat(DlqHeaders.get(h.lateTopic().readRecord().headers(), LateHeaders.WINDOWS)).isEqualTo("1m,1d");
            h.watermark(T0 + 3 * 86_400_000L);
            assertThat(h.bars("1m")).isEmpty();
            assertThat(h.bars("1d")).isEmpty();
        }
    }

    @Test
    void watermarksCloseTheWindowsOfAQuietIndexAndNeverGoBack() {
        try (Harness h = new Harness()) {
            h.tick("NYA", T0, 100.0, 1);
            h.tick("HSI", T0 - 6 * 3_600_000L, 200.0, 1);
            h.watermark(T0 + MIN + 29_999);
            assertThat(h.bars("1m")).extracting(OhlcBar::index).containsExactly("HSI");   // HSI's minute is long past
            h.watermark(T0 + MIN + 30_000);
            assertThat(h.bars("1m")).extracting(OhlcBar::index).containsExactly("NYA");
            h.watermark(T0);                                       // older: ignored
            assertThat(h.metric("watermarks-stale-total")).isEqualTo(1.0);
            h.tick("NYA", T0 + 1, 100.5, 1);                       // still late: time did not go back
            assertThat(h.lateTopic().readRecordsToList()).hasSize(1);
            h.watermark(T0 + 2 * 86_400_000L);
            assertThat(h.bars("1d")).extracting(OhlcBar::index).containsExactlyInAnyOrder("NYA", "HSI");
            assertThat(h.enriched()).extracting(e -> e.index()).containsExactly("NYA", "HSI", "NYA");
            assertThat(h.dlqTopic().isEmpty()).isTrue();
            assertThat(h.metric("watermarks-total")).isEqualTo(3.0);
        }
    }

    @Test
    void eachIndexHasItsOwnEventTimeOnASharedPartition() {
        try (Harness h = new Harness()) {
            final long hk = Instant.parse("2021-05-28T02:00:00Z").toEpochMilli();
            h.tick("N225", hk, 29_000.0, 5);
            h.tick("NYA", T0, 16_000.0, 5);             // hours later, another index
            h.tick("HSI", hk, 29_100.0, 5);             // not late: HSI has its own event time
            h.tick("N225", hk + 10_000, 29_001.0, 5);   // nor N225
            h.tick("HSI", hk + 3 * MIN, 29_200.0, 5);
            h.tick("N225", hk + 3 * MIN, 29_002.0, 5);
            h.tick("NYA", T0 + 3 * MIN, 16_001.0, 5);
            assertThat(h.lateTopic().isEmpty()).isTrue();
            final List<OhlcBar> bars = h.bars("1m");
            assertThat(bars).extracting(OhlcBar::index, OhlcBar::windowStart, OhlcBar::tickCount).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("HSI", hk, 1L),
                    org.assertj.core.groups.Tuple.tuple("N225", hk, 2L),
                    org.assertj.core.groups.Tuple.tuple("NYA", T0, 1L));
        }
    }

    @Test
    void dailyBarsTakeTheLocalDateOfTheirFirstTick() {
        try (Harness h = new Harness()) {
            // 00:00 UTC = 09:00 in Tokyo: the UTC day and the Tokyo trading day coincide
            final long tokyoOpen = Instant.parse("2021-05-28T00:00:00Z").toEpochMilli();
            h.tick("N225", tokyoOpen, 29_000.0, 5);
            h.tick("N225", tokyoOpen + 6 * 3_600_000L - 1, 29_100.0, 5);
            h.watermark(tokyoOpen + 2 * 86_400_000L);
            assertThat(h.bars("1d")).singleElement().satisfies(b -> {
                assertThat(b.tradingDate()).isEqualTo("2021-05-28");
                assertThat(b.windowStart()).isEqualTo(tokyoOpen);
            });
            assertThat(h.bars("1m")).extracting(OhlcBar::tradingDate).containsOnly("2021-05-28");
        }
    }

    @Test
    void latestBarsServesTheLastFinalBarPerIndexAndWindow() {
        try (Harness h = new Harness()) {
            h.tick("NYA", T0, 100.0, 1);
            h.tick("NYA", T0 + MIN, 101.0, 1);
            h.tick("HSI", T0, 300.0, 1);
            h.watermark(T0 + 2 * MIN + 30_000);
            final LatestBars latest = LatestBars.of(h.driver.<String, byte[]>getKeyValueStore(
                    TickTopology.LATEST_BARS_STORE));
            assertThat(latest.latest("NYA", "1m")).hasValueSatisfying(b -> assertThat(b.open()).isEqualTo(101.0));
            assertThat(latest.latest("NYA", "1d")).isEmpty();
            assertThat(latest.latest("HSI")).extracting(OhlcBar::close).containsExactly(300.0);
            assertThat(latest.all()).extracting(OhlcBar::index).containsExactly("HSI", "NYA");
        }
    }

    @Test
    void latestBarsServesTheStillOpenBarAsTicksArrive() {
        try (Harness h = new Harness()) {
            final LatestBars latest = LatestBars.of(
                    h.driver.<String, byte[]>getKeyValueStore(TickTopology.LATEST_BARS_STORE),
                    h.driver.<String, io.ticklake.topology.bars.IndexBars>getKeyValueStore(TickTopology.BARS_STORE));
            assertThat(latest.open("NYA", "1m")).isEmpty();
            h.tick("NYA", T0, 100.0, 10);
            assertThat(latest.open("NYA", "1m")).hasValueSatisfying(b -> {
                assertThat(b.windowStart()).isEqualTo(T0);
                assertThat(b.close()).isEqualTo(100.0);
                assertThat(b.tickCount()).isEqualTo(1);
            });
            h.tick("NYA", T0 + 20_000, 105.0, 20);
            assertThat(latest.open("NYA", "1m")).hasValueSatisfying(b -> {
                assertThat(b.open()).isEqualTo(100.0);
                assertThat(b.high()).isEqualTo(105.0);
                assertThat(b.close()).isEqualTo(105.0);
                assertThat(b.volume()).isEqualTo(30);
                assertThat(b.tickCount()).isEqualTo(2);
            });
            // two open within grace: the later one is served
            h.tick("NYA", T0 + MIN + 1_000, 99.0, 1);
            assertThat(latest.open("NYA", "1m")).hasValueSatisfying(b -> assertThat(b.windowStart()).isEqualTo(T0 + MIN));
            assertThat(latest.open("NYA", "1d")).hasValueSatisfying(b -> assertThat(b.tickCount()).isEqualTo(3));
            assertThat(latest.open("HSI", "1m")).isEmpty();
        }
    }
}
