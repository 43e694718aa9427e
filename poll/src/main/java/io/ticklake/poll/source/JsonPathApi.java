package io.ticklake.poll.source;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Any JSON quote API, read with the JSON Pointers of a {@link JsonPathSpec}. HTTP 404 means an unknown symbol. */
public final class JsonPathApi implements QuoteApi {
    private final JsonPathSpec spec;
    private final String apiKey;

    /** @param apiKey substituted for {@code {apikey}}; empty when the API needs none */
    public JsonPathApi(final JsonPathSpec spec, final String apiKey) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public URI uri(final String symbol) {
        return URI.create(spec.urlTemplate().replace("{symbol}", URLEncoder.encode(symbol, StandardCharsets.UTF_8))
                .replace("{apikey}", URLEncoder.encode(apiKey, StandardCharsets.UTF_8)));
    }

    @Override
    public Map<String, String> headers() {
        final Map<String, String> h = new LinkedHashMap<>();
        spec.headers().forEach((k, v) -> h.put(k, v.replace("{apikey}", apiKey)));
        return h;
    }

    @Override
    public VolumeMode volumeMode() {
        return spec.volumeMode();
    }

    @Override
    public Parsed parse(final String symbol, final int status, final byte[] body) {
        if (status == 404) {
            return new Parsed.UnknownSymbol("HTTP 404");
        }
        final Optional<JsonNode> json = JsonFields.parse(body);
        if (json.isEmpty()) {
            return new Parsed.Invalid("malformed", "response is not JSON");
        }
        final JsonNode root = json.get();
        if (spec.symbolPath() != null) {
            final JsonNode reported = at(root, spec.symbolPath(), symbol);
            if (reported.isMissingNode() || reported.isNull()) {
                return new Parsed.UnknownSymbol("no symbol at " + spec.symbolPath());
            }
            if (!reported.asText().equalsIgnoreCase(symbol)) {
                return new Parsed.Invalid("symbol_mismatch", "asked for " + symbol + ", got " + JsonFields.excerpt(reported.asText()));
            }
        }
        final Optional<Double> price = JsonFields.number(at(root, spec.pricePath(), symbol));
        if (price.isEmpty()) {
            return new Parsed.Invalid("missing_field", "no number at " + spec.pricePath());
        }
        final JsonNode timeNode = at(root, spec.timePath(), symbol);
        if (timeNode.isMissingNode() || timeNode.isNull()) {
            return new Parsed.Invalid("missing_field", "no time at " + spec.timePath());
        }
        long volume = -1;
        if (spec.volumePath() != null) {
            final JsonNode v = at(root, spec.volumePath(), symbol);
            if (!v.isMissingNode() && !v.isNull()) {
                final Optional<Long> count = JsonFields.count(v);
                if (count.isEmpty()) {
                    return new Parsed.Invalid("missing_field", "no whole number >= 0 at " + spec.volumePath());
                }
                volume = count.get();
            }
        }
        return time(timeNode, price.get(), volume);
    }

    private Parsed time(final JsonNode node, final double price, final long volume) {
        try {
            return switch (spec.timeFormat()) {
                case SECONDS, MILLIS -> {
                    final Optional<Long> n = JsonFields.count(node);
                    if (n.isEmpty()) {
                        yield new Parsed.Invalid("bad_time", "time is not a whole number: " + JsonFields.excerpt(node.asText()));
                    }
                    final long ms = spec.timeFormat() == TimeFormat.SECONDS ? Math.multiplyExact(n.get(), 1000L) : n.get();
                    yield new Parsed.Ok(new Quote(ms, JsonFields.dayOf(ms), false, price, volume));
                }
                case ISO -> {
                    final long ms = iso(node.asText().strip()).toEpochMilli();
                    yield new Parsed.Ok(new Quote(ms, JsonFields.dayOf(ms), false, price, volume));
                }
                case DATE -> {
                    final LocalDate day = LocalDate.parse(node.asText().strip());
                    yield new Parsed.Ok(new Quote(JsonFields.startOf(day), day, true, price, volume));
                }
            };
        } catch (DateTimeParseException | ArithmeticException e) {
            return new Parsed.Invalid("bad_time", "time is not " + spec.timeFormat().name().toLowerCase(java.util.Locale.ROOT)
                    + ": " + JsonFields.excerpt(node.asText()));
        }
    }

    private static Instant iso(final String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(s).toInstant();
        }
    }

    private static JsonNode at(final JsonNode root, final String path, final String symbol) {
        return root.at(JsonPointer.compile(path.replace("{symbol}", symbol)));
    }
}
