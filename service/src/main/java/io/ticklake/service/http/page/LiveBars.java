package io.ticklake.service.http.page;

import java.util.List;
import java.util.Optional;

/** The bars still being built by the topology (interactive queries); empty while Streams is not running. */
public interface LiveBars {
    /** None: a service without Streams (tests of the history alone). */
    LiveBars NONE = new LiveBars() {
        @Override
        public Optional<HistoryBar> open(final String index, final String window) {
            return Optional.empty();
        }

        @Override
        public Optional<HistoryBar> latestFinal(final String index, final String window) {
            return Optional.empty();
        }

        @Override
        public List<String> indices() {
            return List.of();
        }
    };

    /** The still-open bar of {@code index} in {@code window} ({@link HistoryBar#live()} true). */
    Optional<HistoryBar> open(String index, String window);

    /** The latest bar the topology closed. */
    Optional<HistoryBar> latestFinal(String index, String window);

    /** Indices this instance has bars of. */
    List<String> indices();
}
