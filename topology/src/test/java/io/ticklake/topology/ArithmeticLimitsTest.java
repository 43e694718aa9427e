package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.EnrichedTick;
import io.ticklake.data.OhlcBar;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Sums that would overflow a long and derived values that would not be finite: the tick is a dead
 * letter ({@code overflow}, {@code non-finite}), the index's state stays as if it never arrived, and
 * nothing non-finite or wrapped around is ever written.
 */
class ArithmeticLimitsTest {
    private static final long TS = Instant.parse("2021-05-28T14:30:00Z").toEpochMilli();
    private static final long MAX_VOLUME = Long.MAX_VALUE;
    private static final double MAX_PRICE = Double.MAX_VALUE;

    @Test
    void aDayVolumeThatWouldOverflowIsADeadLetterAndLeavesTheStateUnchanged() {
        try (Harness h = new Harness()) {
            h.tick("NYA", TS, 100.0, MAX_VOLUME);
            h.tick("NYA", TS + 1_000, 101.0, MAX_VOLUME);
            h.tick("NYA", TS + 2_000, 102.0, 0);

            final List<EnrichedTick> enriched = h.enriched();
            assertThat(enriched).hasSize(2);
            assertThat(enriched.get(1).dayVolume()).isEqualTo(MAX_VOLUME);
            assertThat(enriched.get(1).seq()).isEqualTo(2);
            assertThat(enriched.get(1).prevPrice()).isEqualTo(100.0);
            assertThat(enriched.get(1).dayHigh()).isEqualTo(102.0);
            assertThat(reasons(h)).singleElement().asString().startsWith("overflow: ");
            assertThat(h.metric("dlq-overflow-total")).isEqualTo(1.0);

            h.watermark(TS + 2 * 86_400_000L);
            final OhlcBar bar = h.bars("1m").get(0);
            assertThat(bar.volume()).isEqualTo(MAX_VOLUME);
            assertThat(bar.tickCount()).isEqualTo(2);
            assertThat(bar.high()).isEqualTo(102.0);
        }
    }

    @Test
    void aBarVolumeThatWouldOverflowIsADeadLetterEvenWhenTheTradingDayReset() {
        // N225 01:00 UTC is 10:00 on the 27th in Tokyo, 23:00 UTC is 08:00 on the 28th: a new trading
        // day for the enricher, but the same UTC 1d window
        final long first = Instant.parse("2021-05-27T01:00:00Z").toEpochMilli();
        final long second = Instant.parse("2021-05-27T23:00:00Z").toEpochMilli();
        try (Harness h = new Harness()) {
            h.tick("N225", first, 100.0, MAX_VOLUME);
            h.tick("N225", second, 100.0, MAX_VOLUME);
            h.tick("N225", second + 1_000, 100.0, 0);

            final List<EnrichedTick> enriched = h.enriched();
            assertThat(enriched).extracting(EnrichedTick::seq).containsExactly(1L, 2L);
            assertThat(enriched.get(1).dayVolume()).isZero();
            assertThat(enriched.get(1).tradingDate()).isEqualTo("2021-05-28");
            assertThat(reasons(h)).singleElement().asString().startsWith("overflow: ").contains("1d");

            h.watermark(second + 2 * 86_400_000L);
            final OhlcBar day = h.bars("1d").get(0);
            assertThat(day.volume()).isEqualTo(MAX_VOLUME);
            assertThat(day.tickCount()).isEqualTo(2);
        }
    }

    @Test
    void aPriceTimesVolumeThatIsNotFiniteIsADeadLetter() {
        try (Harness h = new Harness()) {
            h.tick("NYA", TS, MAX_PRICE, 2);
            assertThat(h.enriched()).isEmpty();
            assertThat(reasons(h)).singleElement().asString().startsWith("non-finite: ");
            assertThat(h.metric("dlq-non-finite-total")).isEqualTo(1.0);

            h.tick("NYA", TS, 100.0, 2);
            assertThat(h.enriched()).singleElement().satisfies(e -> {
                assertThat(e.seq()).isEqualTo(1);
                assertThat(e.prevPrice()).isNull();
                assertThat(e.vwap()).isEqualTo(100.0);
            });
        }
    }

    @Test
    void aDaySumThatIsNotFiniteIsADeadLetterAndTheDayKeepsItsFigures() {
        try (Harness h = new Harness()) {
            h.tick("NYA", TS, MAX_PRICE, 1);
            h.tick("NYA", TS + 1_000, MAX_PRICE, 1);
            h.tick("NYA", TS + 2_000, MAX_PRICE, 0);     // Σ price (the mean price for volume 0) overflows too
            h.tick("NYA", TS + 3_000, 1.0, 0);

            final List<EnrichedTick> enriched = h.enriched();
            assertThat(enriched).hasSize(2);
            assertThat(enriched.get(1).seq()).isEqualTo(2);
            assertThat(enriched.get(1).dayVolume()).isEqualTo(1);
            assertThat(enriched.get(1).vwap()).isEqualTo(MAX_PRICE);
            assertThat(reasons(h)).hasSize(2).allSatisfy(r -> assertThat(r).startsWith("non-finite: "));
            enriched.forEach(ArithmeticLimitsTest::assertFinite);

            h.watermark(TS + 2 * 86_400_000L);
            for (final String w : List.of("1m", "1d")) {
                final OhlcBar bar = h.bars(w).get(0);
                assertThat(bar.tickCount()).as(w).isEqualTo(2);
                assertThat(bar.vwap()).as(w).isEqualTo(MAX_PRICE);
            }
        }
    }

    @Test
    void aChangePercentageThatIsNotFiniteIsADeadLetter() {
        try (Harness h = new Harness()) {
            h.tick("NYA", TS, 1e-300, 0);
            h.tick("NYA", TS + 1_000, 1e300, 0);
            assertThat(h.enriched()).singleElement().satisfies(e -> assertThat(e.seq()).isEqualTo(1));
            assertThat(reasons(h)).singleElement().asString().startsWith("non-finite: ").contains("change_pct");
        }
    }

    @Test
    void aUsdPriceThatIsNotFiniteIsADeadLetter() {
        try (Harness h = new Harness()) {
            h.tick("GDAXI", TS, MAX_PRICE, 0);                 // EUR: usd rate 1.22
            assertThat(h.enriched()).isEmpty();
            assertThat(reasons(h)).singleElement().asString().startsWith("non-finite: ").contains("price_usd");
        }
    }

    private static List<String> reasons(final Harness h) {
        return h.dlqTopic().readRecordsToList().stream()
                .map(TestRecord::headers).map(hs -> DlqHeaders.get(hs, DlqHeaders.REASON)).toList();
    }

    private static void assertFinite(final EnrichedTick e) {
        for (final Double d : new Double[] {e.price(), e.priceUsd(), e.prevPrice(), e.change(), e.changePct(),
                e.dayOpen(), e.dayHigh(), e.dayLow(), e.vwap()}) {
            if (d != null) {
                assertThat(d).isFinite();
            }
        }
    }
}
