package io.ticklake.poll.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Alpha Vantage {@code GET /query?function=GLOBAL_QUOTE&symbol=…&apikey=…}:
 * {@code {"Global Quote":{"01. symbol":"IBM",…,"05. price":"…","06. volume":"…","07. latest trading day":"yyyy-MM-dd",…}}},
 * numbers as strings, {@code 06. volume} the cumulative volume of the day. The quote has a date but
 * no time ({@link Quote#dayOnly()}). Its rate limit answers HTTP 200 with a {@code Note} or
 * {@code Information} field instead of the quote; an unknown symbol answers an empty
 * {@code "Global Quote": {}}; a bad call answers {@code "Error Message"}. The key is a query
 * parameter (the API accepts nothing else), so the poller redacts query strings in every log line.
 */
public final class AlphaVantageApi implements QuoteApi {
    /** Alpha Vantage's API root. */
    public static final String DEFAULT_BASE_URL = "https://www.alphavantage.co";
    private final String baseUrl;
    private final String apiKey;

    public AlphaVantageApi(final String baseUrl, final String apiKey) {
        this.baseUrl = FinnhubApi.stripSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    @Override
    public String name() {
        return "alphavantage";
    }

    @Override
    public URI uri(final String symbol) {
        return URI.create(baseUrl + "/query?function=GLOBAL_QUOTE&symbol=" + URLEncoder.encode(symbol, StandardCharsets.UTF_8)
                + "&apikey=" + URLEncoder.encode(apiKey, StandardCharsets.UTF_8));
    }

    @Override
    public Map<String, String> headers() {
        return Map.of();
    }

    @Override
    public VolumeMode volumeMode() {
        return VolumeMode.CUMULATIVE;
    }

    @Override
    public Parsed parse(final String symbol, final int status, final byte[] body) {
        final Optional<JsonNode> json = JsonFields.parse(body);
        if (json.isEmpty() || !json.get().isObject()) {
            return new Parsed.Invalid("malformed", "response is not a JSON object");
        }
        final JsonNode root = json.get();
        for (final String field : new String[] {"Note", "Information"}) {
            if (root.hasNonNull(field) && !root.has("Global Quote")) {
                return new Parsed.RateLimited("Alpha Vantage " + field + ": " + JsonFields.excerpt(root.get(field).asText()));
            }
        }
        if (root.hasNonNull("Error Message")) {
            return new Parsed.Invalid("api_error", "Alpha Vantage error: " + JsonFields.excerpt(root.get("Error Message").asText()));
        }
        final JsonNode quote = root.get("Global Quote");
        if (quote == null || !quote.isObject()) {
            return new Parsed.Invalid("missing_field", "no \"Global Quote\" object in the response");
        }
        if (quote.isEmpty()) {
            return new Parsed.UnknownSymbol("Alpha Vantage returned an empty \"Global Quote\"");
        }
        return read(symbol, quote);
    }

    private static Parsed read(final String symbol, final JsonNode quote) {
        final JsonNode reported = quote.get("01. symbol");
        if (reported != null && !reported.asText().equalsIgnoreCase(symbol)) {
            return new Parsed.Invalid("symbol_mismatch", "asked for " + symbol + ", got " + JsonFields.excerpt(reported.asText()));
        }
        final Optional<Double> price = JsonFields.number(quote.get("05. price"));
        final Optional<Long> volume = JsonFields.count(quote.get("06. volume"));
        final JsonNode dayNode = quote.get("07. latest trading day");
        if (price.isEmpty() || volume.isEmpty() || dayNode == null) {
            return new Parsed.Invalid("missing_field", "no \"05. price\", \"06. volume\" or \"07. latest trading day\"");
        }
        final LocalDate day;
        try {
            day = LocalDate.parse(dayNode.asText().strip());
        } catch (DateTimeParseException e) {
            return new Parsed.Invalid("bad_time", "\"07. latest trading day\" is not yyyy-MM-dd: " + JsonFields.excerpt(dayNode.asText()));
        }
        return new Parsed.Ok(new Quote(JsonFields.startOf(day), day, true, price.get(), volume.get()));
    }
}
