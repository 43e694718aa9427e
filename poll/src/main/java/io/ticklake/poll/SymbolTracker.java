package io.ticklake.poll;

import io.ticklake.data.Tick;
import io.ticklake.poll.source.Quote;
import io.ticklake.poll.source.VolumeMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns quotes into ticks, once each: per index it remembers what was last sent ({@link LastSent}) and
 * <ul>
 *   <li>drops a quote whose time equals the last sent one (a stale quote repeated between polls, a
 *       closed market answering the same quote all night) — dedupe by (index, timestamp);</li>
 *   <li>drops, and reports, a quote whose time is before the last sent one;</li>
 *   <li>for a day-only quote (a date, no time), sends it when its price or cumulative volume changed,
 *       stamped with the poll's clock, clamped into its trading day (UTC) and strictly after the last
 *       tick;</li>
 *   <li>turns a cumulative day volume into the volume since the last tick: the difference on the same
 *       day; the whole cumulative volume on a new day, on the first quote ever seen, or when it went
 *       down (the API reset its counter).</li>
 * </ul>
 * Not thread-safe: the poll thread owns it.
 */
public final class SymbolTracker {
    private static final long DAY_MS = 86_400_000L;
    private final Map<String, LastSent> last = new TreeMap<>();

    /** Starts from what a previous run sent (its state file). */
    public SymbolTracker(final Map<String, LastSent> restored) {
        last.putAll(restored);
    }

    /** What to do with one quote. */
    public sealed interface Decision {
        /** Send {@code tick} (the tracker already counts it as sent). */
        record Send(Tick tick) implements Decision {
        }

        /** The same quote as last time: nothing new. */
        record Stale() implements Decision {
        }

        /** The quote's time is before the last tick sent. */
        record Backwards(long lastTs, long quoteTs) implements Decision {
        }
    }

    /**
     * Decides about {@code quote} for {@code index}; a {@link Decision.Send} updates the remembered state.
     *
     * @param nowMs the poll's wall clock, stamped on day-only quotes
     * @throws IllegalArgumentException when the quote makes no valid tick (price ≤ 0, time out of range)
     */
    public Decision offer(final String index, final Quote quote, final VolumeMode mode, final long nowMs) {
        final LastSent prev = last.get(index);
        final long ts;
        if (quote.dayOnly()) {
            if (prev != null && quote.day().isBefore(prev.day())) {
                return new Decision.Backwards(prev.ts(), quote.timeMs());
            }
            if (prev != null && quote.day().equals(prev.day()) && quote.price() == prev.price()
                    && cumulative(quote, mode) == prev.cumulative()) {
                return new Decision.Stale();
            }
            ts = dayOnlyTime(quote.day(), nowMs, prev);
        } else {
            if (prev != null && quote.timeMs() == prev.ts()) {
                return new Decision.Stale();
            }
            if (prev != null && quote.timeMs() < prev.ts()) {
                return new Decision.Backwards(prev.ts(), quote.timeMs());
            }
            ts = quote.timeMs();
        }
        final Tick tick = new Tick(index, ts, quote.price(), volume(quote, mode, prev));
        last.put(index, new LastSent(ts, quote.day(), quote.price(), cumulative(quote, mode)));
        return new Decision.Send(tick);
    }

    /** A copy of what was last sent per index, for the state file. */
    public Map<String, LastSent> snapshot() {
        return Map.copyOf(last);
    }

    private static long dayOnlyTime(final LocalDate day, final long nowMs, final LastSent prev) {
        final long start = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long ts = Math.max(start, Math.min(nowMs, start + DAY_MS - 1));
        if (prev != null && ts <= prev.ts()) {
            ts = prev.ts() + 1;
        }
        return ts;
    }

    private static long cumulative(final Quote quote, final VolumeMode mode) {
        return mode == VolumeMode.CUMULATIVE && quote.hasVolume() ? quote.volume() : -1;
    }

    private static long volume(final Quote quote, final VolumeMode mode, final LastSent prev) {
        if (!quote.hasVolume() || mode == VolumeMode.NONE) {
            return 0;
        }
        if (mode == VolumeMode.PER_TICK) {
            return quote.volume();
        }
        if (prev == null || prev.cumulative() < 0 || !quote.day().equals(prev.day()) || quote.volume() < prev.cumulative()) {
            return quote.volume();
        }
        return quote.volume() - prev.cumulative();
    }
}
