package io.ticklake.service.http.page;

/**
 * One index the page can show.
 *
 * @param zone      the exchange's time zone (reference data), e.g. {@code America/New_York}
 * @param firstDate first trading date with bars in the lake, {@code yyyy-MM-dd}; null when none yet
 * @param lastDate  last trading date with bars in the lake; null when none yet
 */
public record IndexSummary(String index, String exchange, String zone, String firstDate, String lastDate) {
}
