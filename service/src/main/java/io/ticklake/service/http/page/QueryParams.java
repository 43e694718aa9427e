package io.ticklake.service.http.page;

import io.ticklake.data.Printable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of a query string, decoded: each at most once, only the names an endpoint knows
 * (anything else is a {@link BadRequest}, so a typo such as {@code windw=} is not silently ignored).
 */
public final class QueryParams {
    private final Map<String, String> values;

    private QueryParams(final Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code rawQuery} (as in {@code URI#getRawQuery}, may be null) allowing only {@code known}. */
    public static QueryParams parse(final String rawQuery, final Set<String> known) {
        final Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (final String pair : rawQuery.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                final int eq = pair.indexOf('=');
                final String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                final String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!known.contains(name)) {
                    throw new BadRequest("unknown parameter " + Printable.abbreviate(name) + "; known: "
                            + String.join(", ", known.stream().sorted().toList()));
                }
                if (values.putIfAbsent(name, value) != null) {
                    throw new BadRequest("parameter " + name + " given more than once");
                }
            }
        }
        return new QueryParams(values);
    }

    private static String decode(final String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("malformed query string (bad %-escape)");
        }
    }

    /** The value of {@code name}, empty when absent or blank. */
    public Optional<String> get(final String name) {
        final String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** The value of {@code name}; a {@link BadRequest} when absent. */
    public String require(final String name) {
        return get(name).orElseThrow(() -> new BadRequest("parameter " + name + " is required"));
    }
}
