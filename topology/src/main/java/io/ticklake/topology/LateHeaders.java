package io.ticklake.topology;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Headers of a {@code ticks-late} record: the original headers, the windows the tick missed and
 * the index's event time when it arrived.
 */
public final class LateHeaders {
    /** Comma-separated window names the tick was too late for, e.g. {@code 1m} or {@code 1m,1d}. */
    public static final String WINDOWS = "ticklake-late-windows";
    /** The index's event time (epoch ms) when the tick arrived. */
    public static final String EVENT_TIME = "ticklake-late-event-time";
    public static final String TOPIC = "ticklake-late-topic";
    public static final String PARTITION = "ticklake-late-partition";
    public static final String OFFSET = "ticklake-late-offset";
    /** Present only when the copy had to be cut to fit the producer's {@code max.request.size}: what was cut. */
    public static final String TRUNCATED = "ticklake-late-truncated";
    /** Present only with {@link #TRUNCATED}: the original value's size in bytes. */
    public static final String ORIGINAL_SIZE = "ticklake-late-original-size";
    /** The prefix of the truncation headers ({@link BoundedCopy}). */
    static final String PREFIX = "ticklake-late-";

    private LateHeaders() {
    }

    static Headers of(final Headers original, final String windows, final long eventTime, final String topic,
                      final int partition, final long offset) {
        final RecordHeaders h = new RecordHeaders();
        if (original != null) {
            for (final Header header : original) {
                h.add(header.key(), header.value());
            }
        }
        own(windows, eventTime, topic, partition, offset).forEach(x -> h.add(x.key(), x.value()));
        return h;
    }

    /** The late headers alone: windows, event time, source topic, partition and offset. */
    static Headers own(final String windows, final long eventTime, final String topic, final int partition,
                       final long offset) {
        final RecordHeaders h = new RecordHeaders();
        h.add(WINDOWS, DlqHeaders.utf8(windows));
        h.add(EVENT_TIME, DlqHeaders.utf8(Long.toString(eventTime)));
        h.add(TOPIC, DlqHeaders.utf8(topic));
        h.add(PARTITION, DlqHeaders.utf8(Integer.toString(partition)));
        h.add(OFFSET, DlqHeaders.utf8(Long.toString(offset)));
        return h;
    }
}
