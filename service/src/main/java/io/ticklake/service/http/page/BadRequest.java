package io.ticklake.service.http.page;

/** A request parameter the API refuses: answered 400 with {@code {"error": message}}; one line. */
public final class BadRequest extends RuntimeException {
    public BadRequest(final String message) {
        super(message.replace('\n', ' '), null, false, false);
    }
}
