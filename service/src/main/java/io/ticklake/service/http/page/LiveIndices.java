package io.ticklake.service.http.page;

import java.util.List;

/**
 * Indices with live bars, sorted, and the parts of the application that could not be asked.
 *
 * @param missing one line per instance (or this instance's stores) that did not answer; empty when complete
 */
public record LiveIndices(List<String> indices, List<String> missing) {
    /** No indices, nothing missing. */
    public static final LiveIndices NONE = new LiveIndices(List.of(), List.of());

    public LiveIndices {
        indices = List.copyOf(indices);
        missing = List.copyOf(missing);
    }

    /** No indices because {@code why}. */
    public static LiveIndices missing(final String why) {
        return new LiveIndices(List.of(), List.of(why));
    }
}
