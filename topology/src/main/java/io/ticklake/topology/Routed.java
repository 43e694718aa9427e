package io.ticklake.topology;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An output value already serialized for its topic. The topology has one sink that sends each
 * record to {@link #topic()}: one processor can then feed every output topic without a branch node
 * per topic.
 */
record Routed(String topic, byte[] value) {
    /** Writes the value bytes as they are. */
    static final Serializer<Routed> SERIALIZER = (topic, r) -> r == null ? null : r.value();
    /** Serde of the sink; routed values are never read back. */
    static final Serde<Routed> SERDE = Serdes.serdeFrom(SERIALIZER, (Deserializer<Routed>) (topic, bytes) -> {
        throw new UnsupportedOperationException("routed values are write-only");
    });
}
