package io.ticklake.poll.source;

/** What an adapter made of one response. */
public sealed interface Parsed {
    /** A usable quote. */
    record Ok(Quote quote) implements Parsed {
    }

    /** The API does not know the symbol (Finnhub all zeros, Alpha Vantage empty "Global Quote", 404). */
    record UnknownSymbol(String detail) implements Parsed {
    }

    /** The API refused because of its rate limit although the HTTP status was 200 (Alpha Vantage "Note"). */
    record RateLimited(String detail) implements Parsed {
    }

    /** The response cannot be used: malformed JSON, a missing or wrong field ({@code reason} is the counter label). */
    record Invalid(String reason, String detail) implements Parsed {
    }
}
