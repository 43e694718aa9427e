package io.ticklake.topology.enrich;

import io.ticklake.data.EnrichedTick;
import io.ticklake.data.IndexInfo;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.Tick;
import io.ticklake.topology.DlqReason;
import io.ticklake.topology.Rejection;
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

    /**
     * The enriched form of {@code tick}; updates {@code state}.
     *
     * @throws Rejection ({@code overflow}, {@code non-finite}) when the day volume would overflow or a
     *                   derived value would not be finite; {@code state} is then unchanged
     */
    public EnrichedTick enrich(final Tick tick, final EnrichState state) {
        final IndexInfo info = ref.find(tick.index()).orElse(null);
        final ZoneId zone = info == null ? ZoneOffset.UTC : info.zone();
        final double price = tick.price();
        final Double prev = state.seq == 0 || Double.isNaN(state.lastPrice) ? null : state.lastPrice;
        final Double change = prev == null ? null : price - prev;   // finite: both prices are finite and > 0
        final Double changePct = prev == null ? null : requireFinite(change / prev * 100.0, "change_pct", tick);
        final Double usd = info == null || info.usdRate() == null ? null
                : requireFinite(price * info.usdRate(), "price_usd", tick);

        final boolean sameDay = tick.ts() >= state.dayStartMs && tick.ts() < state.dayEndMs;
        final LocalDate d = sameDay ? null : Instant.ofEpochMilli(tick.ts()).atZone(zone).toLocalDate();
        if (d != null && d.toEpochDay() < state.dayEpoch) {
            // an earlier day than the current one: figures of this tick alone
            advance(state, price);
            return build(tick, info, usd, d.toString(), state.seq, prev, change, changePct,
                    price, price, price, tick.volume(), price);
        }
        final boolean newDay = d != null && d.toEpochDay() > state.dayEpoch;
        final Day day = (newDay ? Day.first(price) : Day.of(state)).plus(tick);   // checked before any change
        advance(state, price);
        if (newDay) {
            state.dayEpoch = d.toEpochDay();
            state.dayOpen = price;
        }
        if (d != null) {
            state.dayStartMs = d.atStartOfDay(zone).toInstant().toEpochMilli();
            state.dayEndMs = d.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
            state.dayText = d.toString();
        }
        day.storeInto(state);
        final double vwap = day.volume > 0 ? day.pv / day.volume : day.priceSum / day.ticks;
        return build(tick, info, usd, state.dayText, state.seq, prev, change, changePct, state.dayOpen, day.high,
                day.low, day.volume, vwap);
    }

    private static void advance(final EnrichState s, final double price) {
        s.seq++;
        s.lastPrice = price;
    }

    /** The running figures of a trading day, computed before they replace the state's. */
    private record Day(double high, double low, long volume, double pv, double priceSum, long ticks) {
        static Day first(final double price) {
            return new Day(price, price, 0, 0, 0, 0);
        }

        static Day of(final EnrichState s) {
            return new Day(s.dayHigh, s.dayLow, s.dayVolume, s.dayPv, s.dayPriceSum, s.dayTicks);
        }

        /** This day with {@code t} added; VWAP = pv / volume is finite when pv is (volume ≥ 1). */
        Day plus(final Tick t) {
            final long vol;
            try {
                vol = Math.addExact(volume, t.volume());
            } catch (ArithmeticException e) {
                throw new Rejection(DlqReason.OVERFLOW, "day_volume " + volume + " + volume " + t.volume()
                        + " of " + t.index() + " exceeds " + Long.MAX_VALUE);
            }
            final double product = requireFinite(t.price() * t.volume(), "price × volume", t);
            return new Day(Math.max(high, t.price()), Math.min(low, t.price()), vol,
                    requireFinite(pv + product, "day Σ price × volume (vwap)", t),
                    requireFinite(priceSum + t.price(), "day Σ price", t), ticks + 1);
        }

        void storeInto(final EnrichState s) {
            s.dayHigh = high;
            s.dayLow = low;
            s.dayVolume = volume;
            s.dayPv = pv;
            s.dayPriceSum = priceSum;
            s.dayTicks = ticks;
        }
    }

    private static double requireFinite(final double value, final String what, final Tick t) {
        if (!Double.isFinite(value)) {
            throw new Rejection(DlqReason.NON_FINITE, what + " of " + t.index() + " would be " + value);
        }
        return value;
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
