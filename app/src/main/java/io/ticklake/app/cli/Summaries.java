package io.ticklake.app.cli;

import io.ticklake.data.replay.ReplaySummary;
import java.time.Instant;
import java.util.Locale;

/** Human-readable summaries printed at the end of commands. */
public final class Summaries {
    private Summaries() {
    }

    /** The replay summary, a few lines. */
    public static String replay(final ReplaySummary s, final String where) {
        final StringBuilder b = new StringBuilder(256);
        b.append(String.format(Locale.ROOT, "replay %s%n", where));
        b.append(String.format(Locale.ROOT, "  rows:       %,d read, %,d accepted, %,d rejected%n",
                s.rowsRead(), s.rowsAccepted(), s.rowsRejected()));
        b.append(String.format(Locale.ROOT, "  bars:       %,d replayed%n", s.bars()));
        // event times may precede 1970 (the Kaggle file starts in 1965): "none" is told by the counts
        b.append(String.format(Locale.ROOT, "  ticks:      %,d (%s .. %s)%n", s.ticks(), ts(s.ticks(), s.firstTickTs()),
                ts(s.ticks(), s.lastTickTs())));
        b.append(String.format(Locale.ROOT, "  watermarks: %,d records, final at %s%n", s.watermarks(),
                ts(s.watermarks(), s.finalWatermark())));
        b.append(String.format(Locale.ROOT, "  elapsed:    %.3f s, %,.0f ticks/s", s.elapsed().toNanos() / 1e9,
                s.ticksPerSecond()));
        return b.toString();
    }

    private static String ts(final long count, final long epochMs) {
        return count == 0 ? "-" : Instant.ofEpochMilli(epochMs).toString();
    }
}
