package io.ticklake.data.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticklake.data.DailyBar;
import io.ticklake.data.IndexInfo;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.Tick;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TickSynthesizerTest {
    private static final ReferenceData REF = ReferenceData.builtIn();
    private static final List<String> INDICES = REF.all().stream().map(IndexInfo::index).toList();

    /** A random consistent bar; about one in five is flat, one in five has zero volume, some share extremes. */
    static DailyBar randomBar(final SplittableRandom r, final String index) {
        final LocalDate date = LocalDate.of(1970, 1, 1).plusDays(r.nextInt(20_000));
        final double base = Math.exp(r.nextDouble(-5, 12));
        final long volume = r.nextInt(5) == 0 ? 0 : r.nextLong(0, 1_000_000_000_000_000L);
        if (r.nextInt(5) == 0) {
            return new DailyBar(index, date, base, base, base, base, base, volume, null);
        }
        final double low = base;
        final double high = r.nextInt(10) == 0 ? base * 1.0000000001 : base * (1 + r.nextDouble(0.0001, 0.1));
        final double open = pick(r, low, high);
        final double close = pick(r, low, high);
        return new DailyBar(index, date, open, high, low, close, close, volume, close * 0.5);
    }

    private static double pick(final SplittableRandom r, final double low, final double high) {
        return switch (r.nextInt(4)) {
            case 0 -> low;
            case 1 -> high;
            default -> Math.min(high, Math.max(low, low + (high - low) * r.nextDouble()));
        };
    }

    static void assertReproduces(final List<Tick> ticks, final DailyBar bar, final SessionWindow session) {
        assertThat(ticks).isNotEmpty();
        assertThat(ticks.get(0).price()).isEqualTo(bar.open());
        assertThat(ticks.get(ticks.size() - 1).price()).isEqualTo(bar.close());
        assertThat(ticks.stream().mapToDouble(Tick::price).max().orElseThrow()).isEqualTo(bar.high());
        assertThat(ticks.stream().mapToDouble(Tick::price).min().orElseThrow()).isEqualTo(bar.low());
        assertThat(ticks.stream().mapToLong(Tick::volume).sum()).isEqualTo(bar.volume());
        assertThat(ticks).allSatisfy(t -> {
            assertThat(t.index()).isEqualTo(bar.index());
            assertThat(t.ts()).isBetween(session.openMs(), session.closeMs() - 1);
        });
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(ticks.get(i).ts()).isGreaterThan(ticks.get(i - 1).ts());
        }
    }

    @ParameterizedTest(name = "interval {0}s")
    @ValueSource(longs = {60, 1, 7, 300, 3600, 5 * 3600, 86_400})
    void reproducesThousandsOfRandomBarsExactly(final long intervalSeconds) {
        final SplittableRandom r = new SplittableRandom(42 + intervalSeconds);
        final TickSynthesizer synth = new TickSynthesizer(REF, Duration.ofSeconds(intervalSeconds), 7);
        final int bars = intervalSeconds == 1 ? 40 : 2_000;
        for (int i = 0; i < bars; i++) {
            final DailyBar bar = randomBar(r, INDICES.get(r.nextInt(INDICES.size())));
            final List<Tick> ticks = synth.synthesize(bar);
            assertReproduces(ticks, bar, synth.session(bar));
            assertThat(synth.tickCount(bar)).isEqualTo(ticks.size());
        }
    }

    @Test
    void oneTickPerMinuteFromSessionOpenInTheExchangeZoneCloseExclusive() {
        final TickSynthesizer synth = new TickSynthesizer(REF, Duration.ofMinutes(1), 1);
        final DailyBar bar = new DailyBar("NYA", LocalDate.of(2021, 5, 28), 10, 12, 9, 11, 11, 1000, null);
        final List<Tick> ticks = synth.synthesize(bar);
        assertThat(ticks).hasSize(390);
        final ZoneId ny = ZoneId.of("America/New_York");
        assertThat(Instant.ofEpochMilli(ticks.get(0).ts())).isEqualTo(ZonedDateTime.of(2021, 5, 28, 9, 30, 0, 0, ny).toInstant());
        assertThat(Instant.ofEpochMilli(ticks.get(389).ts())).isEqualTo(ZonedDateTime.of(2021, 5, 28, 15, 59, 0, 0, ny).toInstant());
        assertThat(synth.slotsPerSession("NYA")).isEqualTo(390);
        assertThat(synth.slotsPerSession("TWII")).isEqualTo(270);
    }

    @Test
    void anUnknownIndexTradesTheDefaultUtcSession() {
        final TickSynthesizer synth = new TickSynthesizer(REF, Duration.ofMinutes(30), 1);
        final DailyBar bar = new DailyBar("XYZ", LocalDate.of(2021, 5, 28), 10, 12, 9, 11, 11, 5, null);
        final List<Tick> ticks = synth.synthesize(bar);
        assertThat(ticks).hasSize(13);
        assertThat(Instant.ofEpochMilli(ticks.get(0).ts())).isEqualTo(Instant.parse("2021-05-28T09:30:00Z"));
    }

    @Test
    void aFlatBarStaysFlatAndZeroVolumeGivesZeroVolumeTicks() {
        final TickSynthesizer synth = new TickSynthesizer(REF, Duration.ofMinutes(1), 3);
        final DailyBar flat = new DailyBar("HSI", LocalDate.of(1987, 1, 2), 2540.1, 2540.1, 2540.1, 2540.1, 2540.1, 0, null);
        final List<Tick> ticks = synth.synthesize(flat);
        assertThat(ticks).hasSize(390).allSatisfy(t -> {
            assertThat(t.price()).isEqualTo(2540.1);
            assertThat(t.volume()).isZero();
        });
    }

    @Test
    void whenFewerSlotsFitThanTheBarNeedsItGetsTheTicksItNeedsSpreadOverTheSession() {
        final TickSynthesizer synth = new TickSynthesizer(REF, Duration.ofDays(1), 3);
        final LocalDate d = LocalDate.of(2021, 5, 28);
        final DailyBar flat = new DailyBar("NYA", d, 5, 5, 5, 5, 5, 9, null);
        final DailyBar full = new DailyBar("NYA", d, 5, 7, 4, 6, 6, 9, null);
        final DailyBar highAtOpen = new DailyBar("NYA", d, 7, 7, 4, 4, 4, 9, null);
        assertThat(synth.synthesize(flat)).hasSize(1);
        assertThat(synth.synthesize(highAtOpen)).hasSize(2);
        final List<Tick> ticks = synth.synthesize(full);
        assertThat(ticks).hasSize(4);
        final SessionWindow s = synth.session(full);
        assertThat(ticks).extracting(Tick::ts).containsExactly(s.openMs(), s.openMs() + s.lengthMs() / 4,
                s.openMs() + s.lengthMs() / 2, s.openMs() + 3 * s.lengthMs() / 4);
        assertReproduces(ticks, full, s);
    }

    @Test
    void isDeterministicForSeedAndBarAndDiffersAcrossSeeds() {
        final DailyBar bar = new DailyBar("GDAXI", LocalDate.of(2020, 3, 16), 9000, 9300, 8200, 8700, 8700, 123_456_789, null);
        final List<Tick> a = new TickSynthesizer(REF, Duration.ofMinutes(1), 5).synthesize(bar);
        final List<Tick> b = new TickSynthesizer(REF, Duration.ofMinutes(1), 5).synthesize(bar);
        final List<Tick> c = new TickSynthesizer(REF, Duration.ofMinutes(1), 6).synthesize(bar);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        final List<Double> prices = new ArrayList<>();
        a.forEach(t -> prices.add(t.price()));
        assertThat(prices.stream().distinct().count()).as("a non-flat bar moves").isGreaterThan(100);
    }

    @Test
    void rejectsTooShortOrFractionalIntervals() {
        assertThatThrownBy(() -> new TickSynthesizer(REF, Duration.ofMillis(999), 1))
                .hasMessageContaining("at least 1s");
        assertThatThrownBy(() -> new TickSynthesizer(REF, Duration.ofNanos(1_000_000_001L), 1))
                .hasMessageContaining("whole milliseconds");
    }

    @Test
    void theDefaultIntervalMakesSixTicksInEveryMinuteOfTheSession() {
        final TickSynthesizer synth = new TickSynthesizer(REF, TickSynthesizer.DEFAULT_INTERVAL, 1);
        final DailyBar bar = new DailyBar("NYA", LocalDate.of(2021, 5, 28), 10, 12, 9, 11, 11, 1000, null);
        final java.util.Map<Long, Long> perMinute = synth.synthesize(bar).stream().collect(java.util.stream.Collectors
                .groupingBy(t -> t.ts() / 60_000, java.util.stream.Collectors.counting()));
        assertThat(perMinute).hasSize(390);
        assertThat(perMinute.values()).containsOnly(6L);
    }

    @Test
    void pricesNeverStickToTheDaysHighOrLow() {
        // a path clamped to [Low, High] stuck at its bound: 2 h of identical 10 s ticks on a generated day
        final TickSynthesizer synth = new TickSynthesizer(REF, TickSynthesizer.DEFAULT_INTERVAL, 7);
        final List<DailyBar> bars = new MarketGenerator(REF, 7).generate(List.of("NYA", "N225", "GDAXI", "HSI"),
                LocalDate.of(2021, 5, 3), LocalDate.of(2021, 5, 28)).toList();
        assertThat(bars).hasSizeGreaterThan(50);
        for (final DailyBar bar : bars) {
            final List<Tick> ticks = synth.synthesize(bar);
            int run = 1;
            int longest = 1;
            for (int i = 1; i < ticks.size(); i++) {
                run = ticks.get(i).price() == ticks.get(i - 1).price() ? run + 1 : 1;
                longest = Math.max(longest, run);
            }
            assertThat(longest).as("longest run of identical prices in %s", bar).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void foldReflectsIntoTheRangeAndKeepsPointsInside() {
        assertThat(PricePath.fold(5, 0, 10)).isEqualTo(5);
        assertThat(PricePath.fold(12, 0, 10)).isEqualTo(8);
        assertThat(PricePath.fold(-3, 0, 10)).isEqualTo(3);
        assertThat(PricePath.fold(27, 0, 10)).isEqualTo(7);
        assertThat(PricePath.fold(-1e9, 1.5, 2.5)).isBetween(1.5, 2.5);
    }
}
