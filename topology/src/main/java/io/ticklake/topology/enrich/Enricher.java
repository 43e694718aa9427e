package io.ticklake.topology.enrich;

import io.ticklake.data.EnrichedTick;
import io.ticklake.data.IndexInfo;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.Tick;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Computes the fields of {@code ticks-enriched} for one tick and advances its index's state.
 *
 * <p>{@code seq}, {@code prev_price}, {@code change} and {@code change_pct} follow arrival order
 * (Kafka order within the index). The day fields accumulate over the exchange-local trading date of
 * {@code ts} (UTC for an unknown index) and reset when a tick of a later date arrives. A tick of an
 * earlier date than the current one (out of order across midnight) gets day fields of its own
 * (open = high = low = its price) and does not disturb the current day. Not thread-safe.
 */
public final class Enricher {
    private final ReferenceData ref;

    public Enricher(final ReferenceData ref) {
        this.ref = ref;
    }

    /** The enriched form of {@code tick}; updates {@code state}. */
    public EnrichedTick enrich(final Tick tick, final EnrichState state) {
        final IndexInfo info = ref.find(tick.index()).orElse(null);
        final ZoneId zone = info == null ? ZoneOffset.UTC : info.zone();
        final double price = tick.price();
        final Double prev = state.seq == 0 || Double.isNaN(state.lastPrice) ? null : state.lastPrice;
        final Double change = prev == null ? null : price - prev;
        final Double changePct = prev == null ? null : change / prev * 100.0;
        state.seq++;
        state.lastPrice = price;

        final String date;
        final double dayOpen;
        final double dayHigh;
        final double dayLow;
        final long dayVolume;
        final double vwap;
        if (tick.ts() >= state.dayStartMs && tick.ts() < state.dayEndMs) {
            accumulate(state, tick);
            date = state.dayText;
        } else {
            final LocalDate d = Instant.ofEpochMilli(tick.ts()).atZone(zone).toLocalDate();
            if (d.toEpochDay() < state.dayEpoch) {
                // an earlier day than the current one: figures of this tick alone
                final Double usd = info == null || info.usdRate() == null ? null : price * info.usdRate();
                return build(tick, info, usd, d.toString(), state.seq, prev, change, changePct,
                        price, price, price, tick.volume(), price);
            }
            if (d.toEpochDay() > state.dayEpoch) {
                resetDay(state, d.toEpochDay(), price);
            }
            state.dayStartMs = d.atStartOfDay(zone).toInstant().toEpochMilli();
            state.dayEndMs = d.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
            state.dayText = d.toString();
            accumulate(state, tick);
            date = state.dayText;
        }
        dayOpen = state.dayOpen;
        dayHigh = state.dayHigh;
        dayLow = state.dayLow;
        dayVolume = state.dayVolume;
        vwap = state.dayVolume > 0 ? state.dayPv / state.dayVolume : state.dayPriceSum / state.dayTicks;
        final Double usd = info == null || info.usdRate() == null ? null : price * info.usdRate();
        return build(tick, info, usd, date, state.seq, prev, change, changePct, dayOpen, dayHigh, dayLow,
                dayVolume, vwap);
    }

    private static void resetDay(final EnrichState s, final long epochDay, final double price) {
        s.dayEpoch = epochDay;
        s.dayOpen = price;
        s.dayHigh = price;
        s.dayLow = price;
        s.dayVolume = 0;
        s.dayPv = 0;
        s.dayPriceSum = 0;
        s.dayTicks = 0;
    }

    private static void accumulate(final EnrichState s, final Tick t) {
        s.dayHigh = Math.max(s.dayHigh, t.price());
        s.dayLow = Math.min(s.dayLow, t.price());
        s.dayVolume += t.volume();
        s.dayPv += t.price() * t.volume();
        s.dayPriceSum += t.price();
        s.dayTicks++;
    }

    private static EnrichedTick build(final Tick t, final IndexInfo info, final Double usd, final String date,
                                      final long seq, final Double prev, final Double change, final Double pct,
                                      final double open, final double high, final double low, final long volume,
                                      final double vwap) {
        return new EnrichedTick(t.index(), t.ts(), t.price(), t.volume(),
                info == null ? null : info.exchange(), info == null ? null : info.region(),
                info == null ? null : info.currency(), usd, date, seq, prev, change, pct,
                open, high, low, volume, vwap);
    }
}
