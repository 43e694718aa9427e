package io.ticklake.poll;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What was last sent for one index: enough to recognise a repeated quote, a time going backwards,
 * and to turn the next cumulative volume into a per-tick one.
 *
 * @param ts         event time of the last tick sent (epoch ms)
 * @param day        the trading day of its quote
 * @param price      its price
 * @param cumulative the API's cumulative day volume at that quote, or -1 when it reports none
 */
public record LastSent(long ts, LocalDate day, double price, long cumulative) {
    public LastSent {
        Objects.requireNonNull(day, "day");
    }
}
