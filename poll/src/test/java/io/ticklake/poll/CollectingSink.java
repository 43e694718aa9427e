package io.ticklake.poll;

import io.ticklake.data.Tick;
import io.ticklake.data.replay.TickSink;
import java.util.ArrayList;
import java.util.List;

/** A sink keeping what it was sent; {@link #acknowledged()} is what a flush made durable. */
final class CollectingSink implements TickSink {
    private final List<Tick> pending = new ArrayList<>();
    private final List<Tick> acknowledged = new ArrayList<>();

    @Override
    public void send(final Tick tick) {
        pending.add(tick);
    }

    @Override
    public int sendWatermark(final long ts) {
        throw new UnsupportedOperationException("the poller sends no watermarks");
    }

    @Override
    public void flush() {
        acknowledged.addAll(pending);
        pending.clear();
    }

    List<Tick> acknowledged() {
        return List.copyOf(acknowledged);
    }

    List<Tick> pending() {
        return List.copyOf(pending);
    }

    @Override
    public void close() {
    }
}
