package io.ticklake.service.http.page;

import java.util.Optional;

/**
 * The live bars of one index in one window, as {@link LiveBars} answers them (and as an instance
 * serves them to its peers, {@link InternalLiveApi}).
 *
 * @param open        the still-open bar ({@link HistoryBar#live()} true), null when none is open
 * @param latestFinal the latest bar the topology closed, null when none yet
 * @param missing     null, or one line saying why the bars could not be read (then both are null), e.g.
 *                    the instance holding the index did not answer or Kafka Streams is rebalancing
 */
public record LiveState(HistoryBar open, HistoryBar latestFinal, String missing) {
    /** No bars, nothing missing. */
    public static final LiveState EMPTY = new LiveState(null, null, null);

    /** No bars because {@code why}. */
    public static LiveState missing(final String why) {
        return new LiveState(null, null, why);
    }

    public Optional<HistoryBar> openBar() {
        return Optional.ofNullable(open);
    }

    public Optional<HistoryBar> latestFinalBar() {
        return Optional.ofNullable(latestFinal);
    }
}
