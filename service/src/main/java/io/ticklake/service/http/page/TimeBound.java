package io.ticklake.service.http.page;

import io.ticklake.data.Printable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One end of a bar range: a trading date ({@code yyyy-MM-dd}, inclusive, matched against the bars'
 * {@code date} partition, the exchange-local date of the window start) or an instant (ISO-8601 with
 * {@code Z} or an offset, e.g. {@code 2021-05-28T13:30:00Z}, matched against {@code window_start}:
 * inclusive as {@code from}, exclusive as {@code to}). Exactly one of the two is set.
 */
public record TimeBound(LocalDate date, Instant instant) {
    public TimeBound {
        if ((date == null) == (instant == null)) {
            throw new IllegalArgumentException("exactly one of date and instant");
        }
    }

    /** Parses the value of parameter {@code name}; a {@link BadRequest} naming both accepted forms otherwise. */
    public static TimeBound parse(final String name, final String value) {
        try {
            if (value.length() == 10) {
                return new TimeBound(LocalDate.parse(value), null);
            }
            return new TimeBound(null, OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            throw new BadRequest(name + " must be an ISO date (2021-05-28) or instant (2021-05-28T13:30:00Z): "
                    + Printable.abbreviate(value));
        }
    }
}
