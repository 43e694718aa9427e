package io.ticklake.poll.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finnhub {@code GET /api/v1/quote?symbol=…}: {@code {"c":…,"d":…,"dp":…,"h":…,"l":…,"o":…,"pc":…,"t":…}}
 * with {@code c} the current price and {@code t} the quote's time in epoch seconds; no volume. The
 * key goes in the {@code X-Finnhub-Token} header, never in the URL. A symbol Finnhub does not know
 * comes back as HTTP 200 with every number 0 ({@code t = 0}).
 */
public final class FinnhubApi implements QuoteApi {
    /** Finnhub's API root. */
    public static final String DEFAULT_BASE_URL = "https://finnhub.io/api/v1";
    private final String baseUrl;
    private final String apiKey;

    public FinnhubApi(final String baseUrl, final String apiKey) {
        this.baseUrl = stripSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    @Override
    public String name() {
        return "finnhub";
    }

    @Override
    public URI uri(final String symbol) {
        return URI.create(baseUrl + "/quote?symbol=" + URLEncoder.encode(symbol, StandardCharsets.UTF_8));
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("X-Finnhub-Token", apiKey);
    }

    @Override
    public VolumeMode volumeMode() {
        return VolumeMode.NONE;
    }

    @Override
    public Parsed parse(final String symbol, final int status, final byte[] body) {
        final Optional<JsonNode> json = JsonFields.parse(body);
        if (json.isEmpty() || !json.get().isObject()) {
            return new Parsed.Invalid("malformed", "response is not a JSON object");
        }
        final JsonNode root = json.get();
        if (root.hasNonNull("error")) {
            return new Parsed.Invalid("api_error", "Finnhub error: " + JsonFields.excerpt(root.get("error").asText()));
        }
        final Optional<Double> price = JsonFields.number(root.get("c"));
        final Optional<Long> seconds = JsonFields.count(root.get("t"));
        if (price.isEmpty() || seconds.isEmpty()) {
            return new Parsed.Invalid("missing_field", "no numeric c (price) and t (time) in the response");
        }
        if (seconds.get() == 0 || price.get() == 0) {
            return new Parsed.UnknownSymbol("Finnhub returned an all-zero quote (t=0)");
        }
        final long ms = Math.multiplyExact(seconds.get(), 1000L);
        return new Parsed.Ok(new Quote(ms, JsonFields.dayOf(ms), false, price.get(), -1));
    }

    static String stripSlash(final String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
