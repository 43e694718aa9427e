package io.ticklake.service.http.page;

import java.util.List;

/** Reads the lake's bars for the candle page and API. Implementations are thread-safe. */
public interface BarsReader {
    /** Indices with bars in the lake, with their first and last trading dates (zone and exchange left null). */
    List<IndexSummary> indices();

    /**
     * The bars of {@code query} in time order, at most {@code limit} + 1 (so a caller can tell the
     * range holds more than it serves).
     */
    List<HistoryBar> bars(BarQuery query, int limit);
}
