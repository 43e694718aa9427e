package io.ticklake.topology;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's name and the serdes of its records, kept together so producers, consumers, tests and
 * the topology agree on the wire format.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    public Topic {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name is required");
        }
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }

    /** Serializes a key for this topic. */
    public byte[] serializeKey(final K key) {
        return keySerde.serializer().serialize(name, key);
    }

    /** Serializes a value for this topic. */
    public byte[] serializeValue(final V value) {
        return valueSerde.serializer().serialize(name, value);
    }
}
