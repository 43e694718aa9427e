package io.ticklake.data;

/** A record that breaks the wire format; {@link #getMessage()} is the reason written to the DLQ. */
public final class InvalidRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidRecordException(final String reason) {
        super(reason, null, false, false);
    }
}
