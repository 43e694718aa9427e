package io.ticklake.topology;

/**
 * Thrown by a processing step (enrichment, windows) that cannot take a valid tick, before that step
 * changed any state: the processor dead-letters the tick with {@link #reason()}. Carries no stack
 * trace, since it is an expected outcome of hostile input, not a bug.
 */
public final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final DlqReason kind;

    public Rejection(final DlqReason kind, final String detail) {
        super(kind.with(detail), null, false, false);
        this.kind = kind;
    }

    public DlqReason kind() {
        return kind;
    }

    /** The {@code ticklake-dlq-reason} header: {@code <kind>: <detail>}. */
    public String reason() {
        return getMessage();
    }
}
