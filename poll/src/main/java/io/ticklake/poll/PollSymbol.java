package io.ticklake.poll;

import io.ticklake.data.IndexSymbol;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A symbol to poll: what the API calls it and the index symbol its ticks carry
 * ({@code ^GSPC=GSPC} asks for {@code ^GSPC} and produces {@code GSPC}; {@code AAPL} is both).
 */
public record PollSymbol(String apiSymbol, String index) {
    public PollSymbol {
        Objects.requireNonNull(apiSymbol, "apiSymbol");
        if (apiSymbol.isBlank()) {
            throw new IllegalArgumentException("empty API symbol");
        }
        if (!IndexSymbol.isValid(index)) {
            throw new IllegalArgumentException("invalid index symbol '" + index + "' (letters, digits and . _ ^ -, "
                    + "1 to 32 characters; map with API_SYMBOL=INDEX)");
        }
    }

    /** Parses {@code A,B=C,…}; every symbol and every index at most once. */
    public static List<PollSymbol> parseList(final String list) {
        final List<PollSymbol> out = new ArrayList<>();
        final Set<String> apis = new LinkedHashSet<>();
        final Set<String> indices = new LinkedHashSet<>();
        for (final String raw : list.split(",")) {
            final String item = raw.strip();
            if (item.isEmpty()) {
                continue;
            }
            final int eq = item.indexOf('=');
            final PollSymbol s = eq < 0 ? new PollSymbol(item, item)
                    : new PollSymbol(item.substring(0, eq).strip(), item.substring(eq + 1).strip());
            if (!apis.add(s.apiSymbol()) || !indices.add(s.index())) {
                throw new IllegalArgumentException("duplicate symbol " + item);
            }
            out.add(s);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no symbols");
        }
        return List.copyOf(out);
    }
}
