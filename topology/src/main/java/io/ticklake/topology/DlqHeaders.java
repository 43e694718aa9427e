package io.ticklake.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Headers of a {@code ticks-dlq} record: the original headers, then the reason and where the
 * record came from. Key and value stay the original bytes.
 */
public final class DlqHeaders {
    /** Short machine-readable reason: {@code <kind>} or {@code <kind>: <detail>} ({@link DlqReason}). */
    public static final String REASON = "ticklake-dlq-reason";
    public static final String TOPIC = "ticklake-dlq-topic";
    public static final String PARTITION = "ticklake-dlq-partition";
    public static final String OFFSET = "ticklake-dlq-offset";
    /**
     * Present only when the dead letter had to be cut to fit the producer's {@code max.request.size}:
     * what was cut, e.g. {@code cut to fit max.request.size: value 1047000 of 5242880 bytes}.
     */
    public static final String TRUNCATED = "ticklake-dlq-truncated";
    /** Present only with {@link #TRUNCATED}: the original value's size in bytes. */
    public static final String ORIGINAL_SIZE = "ticklake-dlq-original-size";
    /** The prefix of the truncation headers ({@link BoundedCopy}). */
    static final String PREFIX = "ticklake-dlq-";

    private DlqHeaders() {
    }

    /** A copy of {@code original} plus the dead-letter headers. */
    public static Headers of(final Headers original, final String reason, final String topic, final int partition,
                             final long offset) {
        final RecordHeaders h = new RecordHeaders();
        if (original != null) {
            for (final Header header : original) {
                h.add(header.key(), header.value());
            }
        }
        own(reason, topic, partition, offset).forEach(x -> h.add(x.key(), x.value()));
        return h;
    }

    /** The dead-letter headers alone: reason, source topic, partition and offset. */
    static Headers own(final String reason, final String topic, final int partition, final long offset) {
        final RecordHeaders h = new RecordHeaders();
        h.add(REASON, utf8(reason));
        h.add(TOPIC, utf8(topic));
        h.add(PARTITION, utf8(Integer.toString(partition)));
        h.add(OFFSET, utf8(Long.toString(offset)));
        return h;
    }

    /** The last value of header {@code key} as UTF-8, or null. */
    public static String get(final Headers headers, final String key) {
        final Header h = headers == null ? null : headers.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static byte[] utf8(final String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
