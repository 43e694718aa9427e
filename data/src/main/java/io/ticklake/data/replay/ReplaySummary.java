package io.ticklake.data.replay;

import java.time.Duration;

/**
 * What a replay did.
 *
 * @param rowsRead       input rows seen (CSV data rows, or generated bars)
 * @param rowsAccepted   rows that were valid bars
 * @param rowsRejected   rows rejected (each reported with its line to the rejection listener)
 * @param bars           accepted bars that passed the filter and were replayed
 * @param ticks          ticks sent
 * @param watermarks     watermark records sent (watermarks × partitions), the final one included
 * @param firstTickTs    event time of the first tick, -1 when {@code ticks == 0} (a pre-1970 tick may be -1 too)
 * @param lastTickTs     event time of the last tick, -1 when {@code ticks == 0} (a pre-1970 tick may be -1 too)
 * @param finalWatermark event time of the final watermark, -1 when no tick was sent (then none is sent)
 * @param elapsed        wall time from the start of reading to the last acknowledgement
 * @param ticksPerSecond ticks / elapsed
 */
public record ReplaySummary(long rowsRead, long rowsAccepted, long rowsRejected, long bars, long ticks,
                            long watermarks, long firstTickTs, long lastTickTs, long finalWatermark,
                            Duration elapsed, double ticksPerSecond) {
}
