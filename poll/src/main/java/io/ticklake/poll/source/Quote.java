package io.ticklake.poll.source;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One quote as an API reported it, before it becomes a tick.
 *
 * @param timeMs      the quote's own time, epoch milliseconds UTC; for a {@code dayOnly} quote the
 *                    start of {@code day} (UTC)
 * @param day         the trading day the quote belongs to (the API's when it says, else the UTC date of
 *                    {@code timeMs}); a smaller cumulative volume is only a reset on a new day
 * @param dayOnly     the API gives a date, not a time (Alpha Vantage's "07. latest trading day")
 * @param price       the last price
 * @param volume      the volume the API reports (cumulative or per tick, see {@link VolumeMode}), or
 *                    {@code -1} when it reports none
 */
public record Quote(long timeMs, LocalDate day, boolean dayOnly, double price, long volume) {
    public Quote {
        Objects.requireNonNull(day, "day");
    }

    /** Whether the API reported a volume. */
    public boolean hasVolume() {
        return volume >= 0;
    }
}
