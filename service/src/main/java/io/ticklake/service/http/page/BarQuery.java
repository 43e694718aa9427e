package io.ticklake.service.http.page;

import io.ticklake.data.IndexSymbol;
import io.ticklake.data.Printable;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A validated {@code /api/bars} request: an index symbol ({@link IndexSymbol}), one of the configured
 * windows, and optional {@code from} / {@code to} bounds ({@link TimeBound}).
 */
public record BarQuery(String index, String window, Optional<TimeBound> from, Optional<TimeBound> to) {
    /** The parameters {@code /api/bars} takes. */
    public static final Set<String> PARAMETERS = Set.of("index", "window", "from", "to");

    /**
     * Validates {@code params} against the configured {@code windows}.
     *
     * @throws BadRequest with a one-line reason for the first bad parameter
     */
    public static BarQuery parse(final QueryParams params, final List<String> windows) {
        final String index = index(params);
        final String window = window(params.require("window"), windows);
        final Optional<TimeBound> from = params.get("from").map(v -> TimeBound.parse("from", v));
        final Optional<TimeBound> to = params.get("to").map(v -> TimeBound.parse("to", v));
        if (from.isPresent() && to.isPresent() && after(from.get(), to.get())) {
            throw new BadRequest("from must not be after to");
        }
        return new BarQuery(index, window, from, to);
    }

    /** The {@code index} parameter, checked against the project's index-symbol rule. */
    static String index(final QueryParams params) {
        final String index = params.require("index");
        if (!IndexSymbol.isValid(index)) {
            throw new BadRequest("index must match " + IndexSymbol.PATTERN.pattern() + ": " + Printable.abbreviate(index));
        }
        return index;
    }

    /** {@code value} if it is one of the configured {@code windows}. */
    static String window(final String value, final List<String> windows) {
        if (!windows.contains(value)) {
            throw new BadRequest("window must be one of the configured windows " + String.join(", ", windows) + ": "
                    + Printable.abbreviate(value));
        }
        return value;
    }

    private static boolean after(final TimeBound from, final TimeBound to) {
        if (from.date() != null && to.date() != null) {
            return from.date().isAfter(to.date());
        }
        if (from.instant() != null && to.instant() != null) {
            return from.instant().isAfter(to.instant());
        }
        return false;   // a date and an instant: the exchange's zone decides; an empty answer is fine
    }
}
