package io.ticklake.sink.store;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * An {@link ObjectStore} that forwards every call to another one: a decorator (timing, fault
 * injection) overrides only what it changes.
 */
public abstract class ForwardingObjectStore implements ObjectStore {
    /** The store every call goes to. */
    protected final ObjectStore delegate;

    protected ForwardingObjectStore(final ObjectStore delegate) {
        this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public LakeRoot root() {
        return delegate.root();
    }

    @Override
    public void put(final String key, final byte[] content) throws IOException {
        delegate.put(key, content);
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
