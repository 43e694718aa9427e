package io.ticklake.data.json;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serdes for ticklake's JSON records. */
public final class JsonSerde {
    private JsonSerde() {
    }

    /** A serde through {@link Json} (snake_case records); {@code null} stays {@code null}. */
    public static <T> Serde<T> of(final Class<T> type) {
        final Serializer<T> ser = (topic, value) -> value == null ? null : Json.write(value);
        final Deserializer<T> de = (topic, bytes) -> bytes == null ? null : Json.read(bytes, type);
        return Serdes.serdeFrom(ser, de);
    }

    /** The strict {@link TickCodec} as a serde; deserializing throws on invalid input. */
    public static Serde<io.ticklake.data.Tick> tick() {
        final Serializer<io.ticklake.data.Tick> ser = (topic, t) -> t == null ? null : TickCodec.encode(t);
        final Deserializer<io.ticklake.data.Tick> de = (topic, b) -> b == null ? null : TickCodec.decode(b);
        return Serdes.serdeFrom(ser, de);
    }
}
