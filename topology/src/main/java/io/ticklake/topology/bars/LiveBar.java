package io.ticklake.topology.bars;

/**
 * A snapshot of one still-open bar (its window has not closed yet): the figures so far.
 *
 * @param windowStart inclusive, epoch ms UTC
 * @param tickCount   ticks in the bar so far
 */
public record LiveBar(String index, String window, long windowStart, double open, double high, double low,
                      double close, long volume, long tickCount) {
}
