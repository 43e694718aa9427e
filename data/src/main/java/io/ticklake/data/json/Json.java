package io.ticklake.data.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON mapping of ticklake's output records ({@code EnrichedTick}, {@code OhlcBar}): snake_case
 * field names, unknown fields ignored on read. Thread-safe.
 *
 * <p>Doubles are read and written with Jackson's own fast codecs (FastDoubleParser and Schubfach, both
 * exact: every double reads back as the same double): a tick carries eleven doubles, and the JDK's
 * {@code Double.parseDouble}/{@code Double.toString} were most of the cost of a tick's JSON — measured
 * 2.4× faster reads and 1.5× faster writes of an {@code EnrichedTick} (docs/BENCHMARKS.md).
 */
public final class Json {
    /** Shared mapper; do not reconfigure. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private Json() {
    }

    /** Serializes {@code value} to UTF-8 JSON. */
    public static byte[] write(final Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code bytes} as a {@code type}. */
    public static <T> T read(final byte[] bytes, final Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
