package io.ticklake.poll.source;

/** What an API's volume field counts. */
public enum VolumeMode {
    /** Volume of the trading day so far (Alpha Vantage "06. volume", Yahoo regularMarketVolume). */
    CUMULATIVE,
    /** Volume of this quote alone. */
    PER_TICK,
    /** The API reports no volume (Finnhub /quote): ticks carry volume 0. */
    NONE
}
