package io.ticklake.data;

/**
 * A tick plus the fields the topology computes, the value of {@code ticks-enriched}. JSON field
 * names are the snake_case forms of the component names ({@code price_usd}, {@code trading_date}).
 *
 * @param exchange    null when the index is not in the reference data (so are region, currency)
 * @param priceUsd    price × USD rate, null when the rate is unknown
 * @param tradingDate exchange-local date of {@code ts}, {@code yyyy-MM-dd} (UTC when the index is unknown)
 * @param seq         1-based count of ticks seen for this index
 * @param prevPrice   price of the previous tick of this index, null for the first
 * @param change      price − prevPrice, null for the first
 * @param changePct   change / prevPrice × 100, null for the first
 * @param vwap        day's Σ(price × volume) / Σ volume; the mean price while the day volume is 0
 */
public record EnrichedTick(String index, long ts, double price, long volume,
                           String exchange, String region, String currency, Double priceUsd,
                           String tradingDate, long seq, Double prevPrice, Double change, Double changePct,
                           double dayOpen, double dayHigh, double dayLow, long dayVolume, double vwap) {
}
