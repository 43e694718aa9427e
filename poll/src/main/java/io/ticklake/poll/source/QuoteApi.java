package io.ticklake.poll.source;

import java.net.URI;
import java.util.Map;

/**
 * An HTTP quote API: how to ask for one symbol's quote and how to read the answer. Implementations
 * are immutable and thread-safe; they never log (the poller does, with the URL redacted).
 */
public interface QuoteApi {
    /** Short name used in logs and metrics ({@code finnhub}, {@code alphavantage}, …). */
    String name();

    /** The request URI for {@code symbol} (it may carry the API key: never log it unredacted). */
    URI uri(String symbol);

    /** Request headers (it may carry the API key). */
    Map<String, String> headers();

    /** What the API's volume field counts. */
    VolumeMode volumeMode();

    /**
     * Reads a response whose HTTP status is 2xx, or 404 (the poller handles 429, 5xx and other statuses).
     *
     * @param symbol the symbol asked for
     */
    Parsed parse(String symbol, int status, byte[] body);
}
