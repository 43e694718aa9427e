package io.ticklake.service.http.page;

import java.util.List;

/**
 * The bars still being built by the topology (interactive queries). An answer that could not be had
 * in full says which part is missing ({@link LiveState#missing()}, {@link LiveIndices#missing()})
 * instead of failing: the page shows what it has.
 */
public interface LiveBars {
    /** None: a service without Streams (tests of the history alone). */
    LiveBars NONE = new LiveBars() {
        @Override
        public LiveState state(final String index, final String window) {
            return LiveState.EMPTY;
        }

        @Override
        public LiveIndices indices() {
            return LiveIndices.NONE;
        }
    };

    /** The still-open bar and the latest closed bar of {@code index} in {@code window}. */
    LiveState state(String index, String window);

    /** Indices with live bars. */
    LiveIndices indices();
}
