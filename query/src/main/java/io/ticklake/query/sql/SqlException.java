package io.ticklake.query.sql;

/** A statement failed; the message is the engine's own, verbatim, prefixed with where it came from. */
public class SqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SqlException(final String message) {
        super(message);
    }

    public SqlException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
