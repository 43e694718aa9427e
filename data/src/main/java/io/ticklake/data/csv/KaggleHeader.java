package io.ticklake.data.csv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Column positions of the Kaggle "Stock Exchange Data" header
 * {@code Index,Date,Open,High,Low,Close,Adj Close,Volume,CloseUSD}. Names are matched ignoring case,
 * surrounding blanks, spaces and underscores; columns may come in any order; unknown columns are
 * ignored. {@code Adj Close} (defaults to Close) and {@code CloseUSD} (defaults to null) are optional.
 */
record KaggleHeader(int width, int index, int date, int open, int high, int low, int close,
                    int adjClose, int volume, int closeUsd) {
    static final String INDEX = "Index";
    static final String DATE = "Date";
    static final String OPEN = "Open";
    static final String HIGH = "High";
    static final String LOW = "Low";
    static final String CLOSE = "Close";
    static final String ADJ_CLOSE = "Adj Close";
    static final String VOLUME = "Volume";
    static final String CLOSE_USD = "CloseUSD";
    /** Absent optional column. */
    static final int ABSENT = -1;

    /**
     * Maps a header record.
     *
     * @throws IllegalArgumentException naming every missing required column
     */
    static KaggleHeader of(final List<String> names) {
        final Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            pos.putIfAbsent(normalize(names.get(i)), i);
        }
        final List<String> missing = new ArrayList<>();
        for (final String required : List.of(INDEX, DATE, OPEN, HIGH, LOW, CLOSE, VOLUME)) {
            if (!pos.containsKey(normalize(required))) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("CSV header is missing column(s) " + String.join(", ", missing)
                    + "; expected Index,Date,Open,High,Low,Close,Adj Close,Volume,CloseUSD");
        }
        return new KaggleHeader(names.size(), pos.get(normalize(INDEX)), pos.get(normalize(DATE)),
                pos.get(normalize(OPEN)), pos.get(normalize(HIGH)), pos.get(normalize(LOW)),
                pos.get(normalize(CLOSE)), pos.getOrDefault(normalize(ADJ_CLOSE), ABSENT),
                pos.get(normalize(VOLUME)), pos.getOrDefault(normalize(CLOSE_USD), ABSENT));
    }

    private static String normalize(final String name) {
        return name.strip().replace(" ", "").replace("_", "").toLowerCase(Locale.ROOT);
    }
}
