package io.ticklake.poll.source;

import java.util.Map;
import java.util.Objects;

/**
 * How to poll any JSON quote API. Paths are JSON Pointers (RFC 6901: {@code /chart/result/0/meta/regularMarketPrice},
 * {@code /Global Quote/05. price}); {@code {symbol}} in a path or the URL is replaced by the symbol
 * (URL-encoded in the URL), {@code {apikey}} in the URL or a header value by the API key.
 *
 * @param name        name in logs and metrics
 * @param urlTemplate request URL, e.g. {@code https://api.example.com/quote/{symbol}?key={apikey}}
 * @param headers     request headers (values may contain {@code {apikey}})
 * @param symbolPath  where the response names its symbol (checked against the one asked for), or null
 * @param pricePath   the last price (number or numeric string), required
 * @param timePath    the quote's time, required
 * @param timeFormat  how {@code timePath} is written
 * @param volumePath  the volume, or null (ticks then carry volume 0)
 * @param volumeMode  what {@code volumePath} counts ({@link VolumeMode#NONE} without a path)
 */
public record JsonPathSpec(String name, String urlTemplate, Map<String, String> headers, String symbolPath,
                           String pricePath, String timePath, TimeFormat timeFormat, String volumePath,
                           VolumeMode volumeMode) {
    public JsonPathSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(urlTemplate, "urlTemplate");
        headers = Map.copyOf(headers);
        requirePointer("price path", Objects.requireNonNull(pricePath, "price path is required"));
        requirePointer("time path", Objects.requireNonNull(timePath, "time path is required"));
        if (symbolPath != null) {
            requirePointer("symbol path", symbolPath);
        }
        if (volumePath != null) {
            requirePointer("volume path", volumePath);
        }
        Objects.requireNonNull(timeFormat, "timeFormat");
        volumeMode = volumePath == null ? VolumeMode.NONE : Objects.requireNonNull(volumeMode, "volumeMode");
        if (volumePath != null && volumeMode == VolumeMode.NONE) {
            throw new IllegalArgumentException("a volume path needs volume mode cumulative or per-tick");
        }
        if (!urlTemplate.contains("{symbol}")) {
            throw new IllegalArgumentException("the URL template must contain {symbol}: " + urlTemplate.replaceAll("\\?.*", "?…"));
        }
    }

    private static void requirePointer(final String what, final String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException(what + " must be a JSON Pointer starting with /: " + path);
        }
    }

    /**
     * Yahoo Finance's chart endpoint ({@code /v8/finance/chart/{symbol}}): {@code chart.result[0].meta}
     * has {@code symbol}, {@code regularMarketPrice}, {@code regularMarketTime} (epoch seconds) and
     * {@code regularMarketVolume} (the day's cumulative volume). No key.
     */
    public static JsonPathSpec yahoo(final String baseUrl) {
        final String meta = "/chart/result/0/meta/";
        return new JsonPathSpec("yahoo", FinnhubApi.stripSlash(baseUrl) + "/v8/finance/chart/{symbol}?interval=1m&range=1d",
                Map.of(), meta + "symbol", meta + "regularMarketPrice", meta + "regularMarketTime", TimeFormat.SECONDS,
                meta + "regularMarketVolume", VolumeMode.CUMULATIVE);
    }

    /** Yahoo Finance's API root. */
    public static final String YAHOO_BASE_URL = "https://query1.finance.yahoo.com";
}
