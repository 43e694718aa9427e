package io.ticklake.topology.bars;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Window state of one index: its event time (the max tick {@code ts} seen, or the wall clock an
 * idle close advanced it to), the wall-clock time of its last tick, and its open bars per window
 * name, sorted by start. Few bars per window are open at once (those within grace). Mutable, owned
 * by one processor, persisted through {@link #SERDE} (binary) after every change.
 */
public final class IndexBars {
    private static final byte VERSION = 1;
    /** Binary serde of the changelogged store. */
    public static final Serde<IndexBars> SERDE = Serdes.serdeFrom(
            (Serializer<IndexBars>) (topic, s) -> s == null ? null : s.toBytes(),
            (Deserializer<IndexBars>) (topic, b) -> b == null ? null : fromBytes(b));

    long maxTs = Long.MIN_VALUE;
    long lastArrivalWallMs;
    final Map<String, List<OpenBar>> open = new LinkedHashMap<>();

    /** The index's own event time ({@code Long.MIN_VALUE} before its first tick). */
    public long maxTs() {
        return maxTs;
    }

    /** Wall-clock time of the index's last tick. */
    public long lastArrivalWallMs() {
        return lastArrivalWallMs;
    }

    /** Records the wall-clock arrival time of a tick. */
    public void lastArrivalWallMs(final long wallMs) {
        lastArrivalWallMs = wallMs;
    }

    /** Moves the index's event time forward to {@code ts} (idle close); never backwards. */
    public void advanceTo(final long ts) {
        maxTs = Math.max(maxTs, ts);
    }

    /** Whether any window is open. */
    public boolean hasOpenBars() {
        for (final List<OpenBar> bars : open.values()) {
            if (!bars.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Snapshots of the open bars of {@code window}, sorted by start; empty when none is open. */
    public List<LiveBar> openBars(final String index, final String window) {
        final List<OpenBar> bars = open.getOrDefault(window, List.of());
        final List<LiveBar> out = new ArrayList<>(bars.size());
        for (final OpenBar b : bars) {
            out.add(new LiveBar(index, window, b.start, b.open, b.high, b.low, b.close, b.volume, b.count));
        }
        return out;
    }

    /** Open bars of {@code window}, sorted by start (created on demand). */
    List<OpenBar> bars(final String window) {
        return open.computeIfAbsent(window, w -> new ArrayList<>(2));
    }

    byte[] toBytes() {
        int size = 1 + 8 + 8 + 4;
        for (final Map.Entry<String, List<OpenBar>> e : open.entrySet()) {
            size += 2 + e.getKey().length() + 4;
            for (final OpenBar b : e.getValue()) {
                size += b.size();
            }
        }
        final ByteBuffer out = ByteBuffer.allocate(size);
        out.put(VERSION).putLong(maxTs).putLong(lastArrivalWallMs).putInt(open.size());
        for (final Map.Entry<String, List<OpenBar>> e : open.entrySet()) {
            final byte[] name = e.getKey().getBytes(StandardCharsets.US_ASCII);
            out.putShort((short) name.length).put(name).putInt(e.getValue().size());
            e.getValue().forEach(b -> b.write(out));
        }
        final byte[] bytes = new byte[out.position()];
        System.arraycopy(out.array(), 0, bytes, 0, bytes.length);
        return bytes;
    }

    static IndexBars fromBytes(final byte[] b) {
        final ByteBuffer in = ByteBuffer.wrap(b);
        if (in.get() != VERSION) {
            throw new IllegalStateException("unknown bar state format");
        }
        final IndexBars s = new IndexBars();
        s.maxTs = in.getLong();
        s.lastArrivalWallMs = in.getLong();
        final int windows = in.getInt();
        for (int w = 0; w < windows; w++) {
            final byte[] name = new byte[in.getShort()];
            in.get(name);
            final int n = in.getInt();
            final List<OpenBar> bars = new ArrayList<>(Math.max(2, n));
            for (int i = 0; i < n; i++) {
                bars.add(OpenBar.read(in));
            }
            s.open.put(new String(name, StandardCharsets.US_ASCII), bars);
        }
        return s;
    }
}
