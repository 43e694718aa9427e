package io.ticklake.topology;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ticklake.data.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serdes of the topology's JSON outputs: the shared {@link Json} mapping (snake_case, same fields),
 * written with Jackson's Schubfach double writer. Why: on Java 17 {@code Double.toString} was the
 * hottest frame of the stream thread (a profile on a real broker); the fast writer prints the
 * shortest decimal that reads back as the same double, so readers get identical values.
 */
final class OutputJson {
    private static final ObjectMapper WRITER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private OutputJson() {
    }

    /** Writes with the fast mapper, reads with the shared one; {@code null} stays {@code null}. */
    static <T> Serde<T> serde(final Class<T> type) {
        final Serializer<T> ser = (topic, value) -> value == null ? null : write(value);
        final Deserializer<T> de = (topic, bytes) -> bytes == null ? null : Json.read(bytes, type);
        return Serdes.serdeFrom(ser, de);
    }

    static byte[] write(final Object value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
