package io.ticklake.topology.validate;

import io.ticklake.data.InvalidRecordException;
import io.ticklake.data.Printable;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.Tick;
import io.ticklake.data.Watermark;
import io.ticklake.data.json.TickCodec;
import io.ticklake.topology.DlqReason;
import io.ticklake.topology.TopologyConfig;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * Classifies a raw record: watermark (header {@code ticklake-control: watermark}), tick, or dead
 * letter with a reason. Pure and thread-safe: the wall clock is passed in.
 */
public final class RecordValidator {
    private final ReferenceData ref;
    private final boolean strictUnknownIndex;
    private final long maxFutureMs;

    public RecordValidator(final TopologyConfig config) {
        this.ref = config.referenceData();
        this.strictUnknownIndex = config.strictUnknownIndex();
        this.maxFutureMs = config.maxFutureMs();
    }

    /** Validates one record seen at wall-clock time {@code nowMs}. */
    public Validated validate(final byte[] key, final byte[] value, final Headers headers, final long nowMs) {
        if (Watermark.isWatermark(headers)) {
            return watermark(value, nowMs);
        }
        final Tick tick;
        try {
            tick = TickCodec.decode(value);
        } catch (InvalidRecordException e) {
            return classify(e.getMessage());
        }
        if (tick.ts() > nowMs + maxFutureMs) {
            return new Validated.Rejected(DlqReason.BAD_TIMESTAMP, DlqReason.BAD_TIMESTAMP.with(
                    "ts " + tick.ts() + " is more than " + maxFutureMs + " ms ahead of the wall clock"));
        }
        if (key == null) {
            return new Validated.Rejected(DlqReason.NULL_KEY, DlqReason.NULL_KEY.code());
        }
        final String k = new String(key, StandardCharsets.UTF_8);
        if (!k.equals(tick.index())) {
            return new Validated.Rejected(DlqReason.KEY_MISMATCH, DlqReason.KEY_MISMATCH.with(
                    "key " + Printable.abbreviate(k) + " is not index " + Printable.abbreviate(tick.index())));
        }
        if (strictUnknownIndex && ref.find(tick.index()).isEmpty()) {
            return new Validated.Rejected(DlqReason.UNKNOWN_INDEX, DlqReason.UNKNOWN_INDEX.with(tick.index()));
        }
        return new Validated.ValidTick(tick);
    }

    private Validated watermark(final byte[] value, final long nowMs) {
        final long ts;
        try {
            ts = Watermark.decode(value);
        } catch (InvalidRecordException e) {
            return new Validated.Rejected(DlqReason.BAD_WATERMARK, DlqReason.BAD_WATERMARK.with(e.getMessage()));
        }
        if (ts < Tick.MIN_TS || ts > Tick.MAX_TS) {
            return new Validated.Rejected(DlqReason.BAD_WATERMARK,
                    DlqReason.BAD_WATERMARK.with("ts out of range [1900-01-01, 9999-12-31]: " + ts));
        }
        if (ts > nowMs + maxFutureMs) {
            return new Validated.Rejected(DlqReason.BAD_WATERMARK, DlqReason.BAD_WATERMARK.with(
                    "ts " + ts + " is more than " + maxFutureMs + " ms ahead of the wall clock"));
        }
        return new Validated.ValidWatermark(ts);
    }

    /** Maps the codec's one-line reason to a kind (the codec's messages are its contract). */
    static Validated.Rejected classify(final String message) {
        final String m = message == null ? "" : message;
        final DlqReason kind;
        if (m.startsWith("not valid JSON") || m.startsWith("empty value") || m.startsWith("not a JSON object")
                || m.startsWith("trailing content")) {
            kind = DlqReason.NOT_JSON;
        } else if (m.startsWith("ts out of range")) {
            kind = DlqReason.BAD_TIMESTAMP;
        } else {
            kind = DlqReason.INVALID_FIELD;
        }
        return new Validated.Rejected(kind, kind.with(m));
    }
}
