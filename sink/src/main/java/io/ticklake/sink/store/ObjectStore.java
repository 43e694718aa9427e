package io.ticklake.sink.store;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A flat store of immutable objects addressed by lake-relative keys ({@code table/index=…/date=…/file}).
 *
 * <p>Contract: {@link #put} is atomic — a reader sees either no object or the whole new content,
 * never a partial one — and durable once it returns. Putting an existing key replaces it (the sink
 * relies on this to rewrite a file with the same content after a crash). Implementations are
 * thread-safe. Failures are {@link IOException}s; the caller decides whether to retry.
 */
public interface ObjectStore extends AutoCloseable {

    /** The lake root this store writes under. */
    LakeRoot root();

    /** Stores {@code content} at {@code key}, atomically and durably, replacing any previous object. */
    void put(String key, byte[] content) throws IOException;

    /** The content at {@code key}, or empty when there is none. */
    Optional<byte[]> get(String key) throws IOException;

    /** All keys starting with {@code prefix} (lake-relative, e.g. {@code ticks/}), sorted. */
    List<String> list(String prefix) throws IOException;

    /** Deletes {@code key}; a missing key is not an error. */
    void delete(String key) throws IOException;

    /** The URI of a lake-relative key or directory (for catalogs: table and partition locations). */
    default String uri(final String key) {
        return root().uri(key);
    }

    /** Requests this store retried internally so far (for metrics); 0 when it does not retry. */
    default long retries() {
        return 0;
    }

    @Override
    void close();
}
