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
        b.append(String.format(Locale.ROOT, "  ticks:      %,d (%s .. %s)%n", s.ticks(), ts(s.firstTickTs()),
                ts(s.lastTickTs())));
        b.append(String.format(Locale.ROOT, "  watermarks: %,d records, final at %s%n", s.watermarks(),
                ts(s.finalWatermark())));
        b.append(String.format(Locale.ROOT, "  elapsed:    %.3f s, %,.0f ticks/s", s.elapsed().toNanos() / 1e9,
                s.ticksPerSecond()));
        return b.toString();
    }

    private static String ts(final long epochMs) {
        return epochMs < 0 ? "-" : Instant.ofEpochMilli(epochMs).toString();
    }
}
