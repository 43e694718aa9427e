package io.ticklake.topology.enrich;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Per-index enrichment state: tick count, last price, and the running figures of the current
 * exchange-local trading day. Mutable, owned by one processor; persisted (changelogged) after
 * every tick through {@link #SERDE}.
 */
public final class EnrichState {
    private static final byte VERSION = 1;
    private static final int SIZE = 1 + 8 * 10;
    /** Fixed-size binary serde (small and fast: written once per tick). */
    public static final Serde<EnrichState> SERDE = Serdes.serdeFrom(
            (Serializer<EnrichState>) (topic, s) -> s == null ? null : s.toBytes(),
            (Deserializer<EnrichState>) (topic, b) -> b == null ? null : fromBytes(b));

    long seq;
    double lastPrice = Double.NaN;
    long dayEpoch = Long.MIN_VALUE;
    double dayOpen;
    double dayHigh;
    double dayLow;
    long dayVolume;
    double dayPv;
    double dayPriceSum;
    long dayTicks;
    // not persisted: bounds and text of dayEpoch, recomputed after a restart
    transient long dayStartMs = Long.MAX_VALUE;
    transient long dayEndMs = Long.MIN_VALUE;
    transient String dayText;

    /** Ticks seen for this index. */
    public long seq() {
        return seq;
    }

    byte[] toBytes() {
        return ByteBuffer.allocate(SIZE).put(VERSION).putLong(seq).putDouble(lastPrice).putLong(dayEpoch)
                .putDouble(dayOpen).putDouble(dayHigh).putDouble(dayLow).putLong(dayVolume)
                .putDouble(dayPv).putDouble(dayPriceSum).putLong(dayTicks).array();
    }

    static EnrichState fromBytes(final byte[] b) {
        if (b.length != SIZE || b[0] != VERSION) {
            throw new IllegalStateException("unknown enrich state format (" + b.length + " bytes)");
        }
        final ByteBuffer in = ByteBuffer.wrap(b, 1, SIZE - 1);
        final EnrichState s = new EnrichState();
        s.seq = in.getLong();
        s.lastPrice = in.getDouble();
        s.dayEpoch = in.getLong();
        s.dayOpen = in.getDouble();
        s.dayHigh = in.getDouble();
        s.dayLow = in.getDouble();
        s.dayVolume = in.getLong();
        s.dayPv = in.getDouble();
        s.dayPriceSum = in.getDouble();
        s.dayTicks = in.getLong();
        return s;
    }
}
