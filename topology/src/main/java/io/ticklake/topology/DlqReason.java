package io.ticklake.topology;

/**
 * The kinds of dead letter, the first word of the {@code ticklake-dlq-reason} header; a detail may
 * follow after {@code ": "}. Each kind has its own counter ({@code dlq-<kind>-total}).
 */
public enum DlqReason {
    /** Empty value, not JSON, not a JSON object, trailing content. */
    NOT_JSON("not-json"),
    /** A missing field, a wrong type or a value the wire format forbids (price ≤ 0, volume &lt; 0, bad symbol). */
    INVALID_FIELD("invalid-field"),
    /** {@code ts} outside 1900..9999, or further ahead of the wall clock than {@code topology.max.future.ms}. */
    BAD_TIMESTAMP("bad-timestamp"),
    /** The record has no key. */
    NULL_KEY("null-key"),
    /** The key is not the tick's index. */
    KEY_MISMATCH("key-mismatch"),
    /** The index is not in the reference data and {@code topology.strict.unknown.index} is on. */
    UNKNOWN_INDEX("unknown-index"),
    /** A watermark control record whose value is not {@code {"ts": <epoch ms>}} or whose ts is out of range. */
    BAD_WATERMARK("bad-watermark"),
    /** A valid tick whose volume cannot be added to its index's day or bar volume without overflowing a long. */
    OVERFLOW("overflow"),
    /**
     * A valid tick from which a derived value would not be finite: price × volume, a day or bar sum
     * (VWAP numerator, Σ price), {@code change_pct} or {@code price_usd}.
     */
    NON_FINITE("non-finite"),
    /** A tick of a new index when its task already keeps state for {@code topology.max.indices} indices. */
    TOO_MANY_INDICES("too-many-indices");

    private final String code;

    DlqReason(final String code) {
        this.code = code;
    }

    /** The header form of this kind, e.g. {@code not-json}. */
    public String code() {
        return code;
    }

    /** {@code code: detail}, or just the code when there is no detail. */
    public String with(final String detail) {
        return detail == null || detail.isEmpty() ? code : code + ": " + detail;
    }
}
