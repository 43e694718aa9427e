package io.ticklake.data.synth;

import io.ticklake.data.IndexInfo;
import io.ticklake.data.ReferenceData;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The trading session of one index on one date, in epoch milliseconds UTC: {@code [openMs, closeMs)}.
 * Session times come from the reference data, in the exchange's time zone (DST applied for that
 * date). An index that is not in the reference data trades {@link #DEFAULT_OPEN}–{@link #DEFAULT_CLOSE} UTC.
 */
public record SessionWindow(long openMs, long closeMs) {
    /** Session open of an index missing from the reference data (UTC). */
    public static final LocalTime DEFAULT_OPEN = LocalTime.of(9, 30);
    /** Session close of an index missing from the reference data (UTC). */
    public static final LocalTime DEFAULT_CLOSE = LocalTime.of(16, 0);

    public SessionWindow {
        if (closeMs <= openMs) {
            throw new IllegalArgumentException("session close must be after open");
        }
    }

    /** The session of {@code index} on its exchange-local {@code date}. */
    public static SessionWindow of(final ReferenceData ref, final String index, final LocalDate date) {
        final IndexInfo info = ref.find(index).orElse(null);
        final ZoneId zone = info == null ? ZoneOffset.UTC : info.zone();
        final LocalTime open = info == null ? DEFAULT_OPEN : info.sessionOpen();
        final LocalTime close = info == null ? DEFAULT_CLOSE : info.sessionClose();
        return new SessionWindow(date.atTime(open).atZone(zone).toInstant().toEpochMilli(),
                date.atTime(close).atZone(zone).toInstant().toEpochMilli());
    }

    /** Session length in milliseconds. */
    public long lengthMs() {
        return closeMs - openMs;
    }
}
