package io.ticklake.topology;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How large one output record may be: the Streams producer's effective {@code max.request.size}
 * ({@code producer.max.request.size}, else {@code max.request.size}, else Kafka's default of
 * 1 MiB). The producer rejects a larger record with {@code RecordTooLargeException}, which fails
 * the task — and, since the input offset is not committed, again after every restart.
 *
 * <p>The processor copies a source record to {@code ticks-dlq} or {@code ticks-late} whole only
 * when key, value and headers fit in {@link #recordBudget()}; otherwise it copies a prefix
 * ({@link BoundedCopy}).
 *
 * @param maxRequestSize the producer's {@code max.request.size}
 */
public record OutputLimit(int maxRequestSize) {
    /** Kafka's default {@code max.request.size}. */
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;
    /**
     * Bytes kept free for the batch header (61), the record's framing (at most 21) and its varints:
     * the producer counts them in {@code max.request.size}.
     */
    public static final int RECORD_OVERHEAD = 1024;
    /** Below this, a dead letter's own headers would not leave room for a useful prefix. */
    public static final int MIN_MAX_REQUEST_SIZE = 8 * 1024;

    public OutputLimit {
        if (maxRequestSize < MIN_MAX_REQUEST_SIZE) {
            throw new IllegalArgumentException(ProducerConfig.MAX_REQUEST_SIZE_CONFIG + " must be >= "
                    + MIN_MAX_REQUEST_SIZE + " for the dead-letter topic: " + maxRequestSize);
        }
    }

    /** Kafka's default limit, 1 MiB. */
    public static OutputLimit defaults() {
        return new OutputLimit(DEFAULT_MAX_REQUEST_SIZE);
    }

    /** The limit of the producer that Streams configured with {@code streamsProps} creates. */
    public static OutputLimit of(final Map<?, ?> streamsProps) {
        final String prefixed = StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        Object v = streamsProps.get(prefixed);
        String key = prefixed;
        if (v == null) {
            v = streamsProps.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
            key = ProducerConfig.MAX_REQUEST_SIZE_CONFIG;
        }
        if (v == null || v.toString().isBlank()) {
            return defaults();
        }
        try {
            return new OutputLimit(v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString().strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer: " + v);
        }
    }

    /** Bytes of key, value and headers (each header's key and value) one output record may use. */
    public int recordBudget() {
        return maxRequestSize - RECORD_OVERHEAD;
    }
}
