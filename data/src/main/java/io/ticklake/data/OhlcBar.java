package io.ticklake.data;

/**
 * One final bar of one index and one tumbling, epoch-aligned UTC window: the value of
 * {@code ohlc-<window>}. JSON field names are snake_case ({@code window_start}, {@code tick_count}).
 *
 * @param window      the window size as configured, e.g. {@code 1m}, {@code 1d}
 * @param windowStart inclusive, epoch ms UTC
 * @param windowEnd   exclusive, epoch ms UTC
 * @param tradingDate exchange-local date of {@code windowStart}, {@code yyyy-MM-dd}
 * @param vwap        Σ(price × volume) / Σ volume; the mean price when the volume is 0
 */
public record OhlcBar(String index, String window, long windowStart, long windowEnd, String tradingDate,
                      double open, double high, double low, double close, long volume, double vwap,
                      long tickCount, long firstTickTs, long lastTickTs) {
}
