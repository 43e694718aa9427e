package io.ticklake.data;

import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Reference data of one index: where it trades, in which currency, and when.
 *
 * @param usdRate USD per unit of currency, {@code null} when unknown
 */
public record IndexInfo(String index, String exchange, String region, String currency, ZoneId zone,
                        LocalTime sessionOpen, LocalTime sessionClose, Double usdRate) {
    public IndexInfo {
        IndexSymbol.require(index);
        if (zone == null || sessionOpen == null || sessionClose == null) {
            throw new IllegalArgumentException(index + ": zone and session are required");
        }
        if (!sessionOpen.isBefore(sessionClose)) {
            throw new IllegalArgumentException(index + ": session open must be before close");
        }
        if (usdRate != null && (!Double.isFinite(usdRate) || usdRate <= 0)) {
            throw new IllegalArgumentException(index + ": usd rate must be finite and > 0");
        }
    }
}
