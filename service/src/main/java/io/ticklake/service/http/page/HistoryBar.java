package io.ticklake.service.http.page;

/**
 * One bar as the API serves it.
 *
 * @param time      window start, epoch ms UTC
 * @param tickCount ticks in the bar
 * @param live      whether the bar is still open (only in the stream)
 */
public record HistoryBar(long time, double open, double high, double low, double close, long volume,
                         long tickCount, boolean live) {
}
