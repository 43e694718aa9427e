package io.ticklake.topology;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A copy of a source record for {@code ticks-dlq} or {@code ticks-late}: its key, value and
 * headers plus the topology's own headers, cut to fit {@link OutputLimit#recordBudget()}.
 *
 * <p>A copy that fits is whole. Otherwise the topology's headers are kept, the source headers are
 * kept only if they take at most a quarter of the room left, the key is cut to at most a quarter,
 * and the value gets the rest as a prefix; two more headers say so: {@code <prefix>truncated}
 * (what was cut) and {@code <prefix>original-size} (the value's original size in bytes).
 *
 * @param key     the (possibly cut) key, null when the source had none
 * @param value   the (possibly cut) value, null when the source had none
 * @param headers source headers (unless dropped), then the topology's own
 */
record BoundedCopy(byte[] key, byte[] value, Headers headers) {
    /** Room kept for the two truncation headers (keys ≤ 30 bytes, a value ≤ 200 bytes, a number). */
    static final int NOTE_RESERVE = 512;
    /** Bytes counted per header on top of its key and value: their two length varints. */
    private static final int HEADER_FRAMING = 10;

    static BoundedCopy of(final byte[] key, final byte[] value, final Headers source, final Headers own,
                          final String headerPrefix, final int budget) {
        final int keyLen = length(key);
        final int valueLen = length(value);
        final int sourceSize = size(source);
        final int ownSize = size(own);
        if ((long) keyLen + valueLen + sourceSize + ownSize <= budget) {
            return new BoundedCopy(key, value, concat(source, own));
        }
        final int room = Math.max(0, budget - ownSize - NOTE_RESERVE);
        final boolean keepSource = sourceSize <= room / 4;
        final int keyKeep = Math.min(keyLen, room / 4);
        final int valueKeep = Math.max(0, Math.min(valueLen, room - keyKeep - (keepSource ? sourceSize : 0)));
        final StringBuilder note = new StringBuilder("cut to fit max.request.size: value ")
                .append(valueKeep).append(" of ").append(valueLen).append(" bytes");
        if (keyKeep < keyLen) {
            note.append(", key ").append(keyKeep).append(" of ").append(keyLen).append(" bytes");
        }
        if (!keepSource) {
            note.append(", ").append(count(source)).append(" source headers (").append(sourceSize)
                    .append(" bytes) dropped");
        }
        final Headers h = concat(keepSource ? source : null, own);
        h.add(headerPrefix + "truncated", DlqHeaders.utf8(note.toString()));
        h.add(headerPrefix + "original-size", DlqHeaders.utf8(Integer.toString(valueLen)));
        return new BoundedCopy(key == null ? null : Arrays.copyOf(key, keyKeep),
                value == null ? null : Arrays.copyOf(value, valueKeep), h);
    }

    private static Headers concat(final Headers first, final Headers second) {
        final RecordHeaders h = new RecordHeaders();
        for (final Headers part : new Headers[] {first, second}) {
            if (part != null) {
                for (final Header header : part) {
                    h.add(header.key(), header.value());
                }
            }
        }
        return h;
    }

    /** Bytes the headers take in a record (keys, values and their length varints), an upper bound. */
    static int size(final Headers headers) {
        long size = 0;
        if (headers != null) {
            for (final Header h : headers) {
                size += h.key().getBytes(StandardCharsets.UTF_8).length + length(h.value()) + HEADER_FRAMING;
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    private static int count(final Headers headers) {
        int n = 0;
        if (headers != null) {
            for (final Header ignored : headers) {
                n++;
            }
        }
        return n;
    }

    private static int length(final byte[] b) {
        return b == null ? 0 : b.length;
    }
}
