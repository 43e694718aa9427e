package io.ticklake.bench;

import io.ticklake.sink.store.LakeRoot;
import io.ticklake.sink.store.ObjectStore;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link ObjectStore} that remembers when each key first became durable: the
 * {@link System#nanoTime()} at which its first {@link #put} returned (the store's contract makes the
 * object durable and visible then). Everything else is the delegate's.
 */
public final class TimedStore implements ObjectStore {
    private final ObjectStore delegate;
    private final Map<String, Long> durableAt = new ConcurrentHashMap<>();

    TimedStore(final ObjectStore delegate) {
        this.delegate = delegate;
    }

    /** Durable times by lake-relative key. */
    public Map<String, Long> durableAt() {
        return durableAt;
    }

    @Override
    public LakeRoot root() {
        return delegate.root();
    }

    @Override
    public void put(final String key, final byte[] content) throws IOException {
        delegate.put(key, content);
        durableAt.putIfAbsent(key, System.nanoTime());
    }

    @Override
    public Optional<byte[]> get(final String key) throws IOException {
        return delegate.get(key);
    }

    @Override
    public List<String> list(final String prefix) throws IOException {
        return delegate.list(prefix);
    }

    @Override
    public void delete(final String key) throws IOException {
        delegate.delete(key);
    }

    @Override
    public String uri(final String key) {
        return delegate.uri(key);
    }

    @Override
    public long retries() {
        return delegate.retries();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
