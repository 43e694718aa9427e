package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ticklake.data.EnrichedTick;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnrichmentTest {
    private static long at(final String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void computesReferenceAndRunningFields() {
        try (Harness h = new Harness()) {
            h.tick("HSI", at("2021-05-28T01:30:00Z"), 100.0, 10);
            h.tick("HSI", at("2021-05-28T01:31:00Z"), 110.0, 30);
            h.tick("HSI", at("2021-05-28T01:32:00Z"), 99.0, 0);
            final List<EnrichedTick> out = h.enriched();
            assertThat(out).hasSize(3);
            final EnrichedTick first = out.get(0);
            assertThat(first.exchange()).isEqualTo("Hong Kong Stock Exchange");
            assertThat(first.region()).isEqualTo("Hong Kong");
            assertThat(first.currency()).isEqualTo("HKD");
            assertThat(first.priceUsd()).isCloseTo(13.0, within(1e-9));
            assertThat(first.tradingDate()).isEqualTo("2021-05-28");
            assertThat(first.seq()).isEqualTo(1);
            assertThat(first.prevPrice()).isNull();
            assertThat(first.change()).isNull();
            assertThat(first.changePct()).isNull();
            assertThat(first.dayOpen()).isEqualTo(100.0);
            assertThat(first.vwap()).isEqualTo(100.0);

            final EnrichedTick second = out.get(1);
            assertThat(second.seq()).isEqualTo(2);
            assertThat(second.prevPrice()).isEqualTo(100.0);
            assertThat(second.change()).isEqualTo(10.0);
            assertThat(second.changePct()).isCloseTo(10.0, within(1e-12));
            assertThat(second.dayHigh()).isEqualTo(110.0);
            assertThat(second.dayVolume()).isEqualTo(40);
            assertThat(second.vwap()).isCloseTo((100.0 * 10 + 110.0 * 30) / 40, within(1e-9));

            final EnrichedTick third = out.get(2);
            assertThat(third.change()).isCloseTo(-11.0, within(1e-12));
            assertThat(third.dayOpen()).isEqualTo(100.0);
            assertThat(third.dayHigh()).isEqualTo(110.0);
            assertThat(third.dayLow()).isEqualTo(99.0);
            assertThat(third.dayVolume()).isEqualTo(40);
        }
    }

    @Test
    void dayFieldsResetOnTheExchangeLocalTradingDate() {
        try (Harness h = new Harness()) {
            // 23:30 UTC on the 27th is 08:30 on the 28th in Tokyo: a new trading day there
            h.tick("N225", at("2021-05-27T05:00:00Z"), 200.0, 5);
            h.tick("N225", at("2021-05-27T23:30:00Z"), 210.0, 7);
            h.tick("N225", at("2021-05-28T00:00:00Z"), 220.0, 1);
            final List<EnrichedTick> out = h.enriched();
            assertThat(out).extracting(EnrichedTick::tradingDate)
                    .containsExactly("2021-05-27", "2021-05-28", "2021-05-28");
            assertThat(out.get(1).dayOpen()).isEqualTo(210.0);
            assertThat(out.get(1).dayVolume()).isEqualTo(7);
            assertThat(out.get(1).prevPrice()).isEqualTo(200.0);
            assertThat(out.get(2).dayVolume()).isEqualTo(8);
            assertThat(out.get(2).seq()).isEqualTo(3);
        }
    }

    @Test
    void aTickOfAnEarlierDayKeepsTheCurrentDayIntact() {
        try (Harness h = new Harness()) {
            h.tick("NYA", at("2021-05-28T14:00:00Z"), 100.0, 5);
            h.tick("NYA", at("2021-05-27T19:59:00Z"), 90.0, 3);
            h.tick("NYA", at("2021-05-28T14:01:00Z"), 101.0, 5);
            final List<EnrichedTick> out = h.enriched();
            assertThat(out.get(1).tradingDate()).isEqualTo("2021-05-27");
            assertThat(out.get(1).dayOpen()).isEqualTo(90.0);
            assertThat(out.get(1).dayVolume()).isEqualTo(3);
            assertThat(out.get(2).dayOpen()).isEqualTo(100.0);
            assertThat(out.get(2).dayLow()).isEqualTo(100.0);
            assertThat(out.get(2).dayVolume()).isEqualTo(10);
            assertThat(out.get(2).prevPrice()).isEqualTo(90.0);
        }
    }

    @Test
    void unknownIndexUsesUtcDateAndNullReferenceFields() {
        try (Harness h = new Harness()) {
            h.tick("ACME", at("2021-05-27T23:30:00Z"), 5.0, 0);
            h.tick("ACME", at("2021-05-27T23:31:00Z"), 7.0, 0);
            final List<EnrichedTick> out = h.enriched();
            assertThat(out.get(0).tradingDate()).isEqualTo("2021-05-27");
            assertThat(out.get(0).exchange()).isNull();
            assertThat(out.get(0).region()).isNull();
            assertThat(out.get(0).currency()).isNull();
            assertThat(out.get(0).priceUsd()).isNull();
            assertThat(out.get(1).vwap()).isEqualTo(6.0);
        }
    }

    @Test
    void ticksFrom1965WithNegativeEpochTimesAreProcessed() {
        try (Harness h = new Harness()) {
            final long ts = at("1965-01-05T15:00:00Z");
            assertThat(ts).isNegative();
            h.tick("NYA", ts, 528.69, 0);
            assertThat(h.enriched()).singleElement().satisfies(e -> {
                assertThat(e.ts()).isEqualTo(ts);
                assertThat(e.tradingDate()).isEqualTo("1965-01-05");
            });
        }
    }
}
