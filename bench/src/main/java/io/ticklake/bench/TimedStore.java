package io.ticklake.bench;

import io.ticklake.sink.store.ForwardingObjectStore;
import io.ticklake.sink.store.ObjectStore;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link ObjectStore} that remembers when each key first became durable: the
 * {@link System#nanoTime()} at which its first {@link #put} returned (the store's contract makes the
 * object durable and visible then). Everything else is the delegate's.
 */
public final class TimedStore extends ForwardingObjectStore {
    private final Map<String, Long> durableAt = new ConcurrentHashMap<>();

    TimedStore(final ObjectStore delegate) {
        super(delegate);
    }

    /** Durable times by lake-relative key. */
    public Map<String, Long> durableAt() {
        return durableAt;
    }

    @Override
    public void put(final String key, final byte[] content) throws IOException {
        super.put(key, content);
        durableAt.putIfAbsent(key, System.nanoTime());
    }
}
