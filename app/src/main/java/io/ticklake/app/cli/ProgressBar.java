package io.ticklake.app.cli;

import io.ticklake.data.replay.ReplayProgress;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Draws replay progress on stderr: {@code [#####.....]  52%  1,234,567/2,370,000 ticks  210,345 ticks/s
 * market 2021-05-03T14:00Z}. On a terminal the line is redrawn in place; otherwise a line is printed
 * at most every {@code linePeriodMs}. The final report (all sent) is always printed.
 */
public final class ProgressBar implements Consumer<ReplayProgress> {
    private static final int WIDTH = 24;
    private final PrintWriter err;
    private final boolean terminal;
    private final long periodNanos;
    private final LongSupplier nanoClock;
    private long lastDraw = Long.MIN_VALUE;
    private boolean finished;

    public ProgressBar(final PrintWriter err, final boolean terminal) {
        this(err, terminal, terminal ? 200 : 2_000, System::nanoTime);
    }

    ProgressBar(final PrintWriter err, final boolean terminal, final long periodMs, final LongSupplier nanoClock) {
        this.err = err;
        this.terminal = terminal;
        this.periodNanos = periodMs * 1_000_000L;
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized void accept(final ReplayProgress p) {
        final boolean done = p.ticksSent() >= p.totalTicks();
        final long now = nanoClock.getAsLong();
        if (finished || !done && lastDraw != Long.MIN_VALUE && now - lastDraw < periodNanos) {
            return;
        }
        lastDraw = now;
        final String line = render(p);
        if (terminal) {
            err.print("\r" + line + (done ? "\n" : ""));
        } else {
            err.println(line);
        }
        err.flush();
        finished = done;
    }

    /** One progress line, without line end. */
    static String render(final ReplayProgress p) {
        final int filled = (int) Math.round(p.fraction() * WIDTH);
        final String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        final String market = p.ticksSent() == 0 ? "-"
                : Instant.ofEpochMilli(p.eventTs()).truncatedTo(ChronoUnit.MINUTES).toString();
        return String.format(Locale.ROOT, "[%s] %3d%%  %,d/%,d ticks  %,.0f ticks/s  market %s",
                bar, (int) Math.floor(p.fraction() * 100), p.ticksSent(), p.totalTicks(), p.ticksPerSecond(), market);
    }
}
