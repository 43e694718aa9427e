package io.ticklake.topology.bars;

import io.ticklake.data.OhlcBar;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.Tick;
import io.ticklake.topology.Rejection;
import io.ticklake.topology.TopologyConfig;
import io.ticklake.topology.WindowSpec;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Tumbling OHLC windows in event time, per index.
 *
 * <p>An index's event time is {@code max(its max tick ts, the task's watermark)}. A window
 * {@code [start, end)} closes — its one final bar is emitted and forgotten — once that event time
 * reaches {@code end + grace}. A tick whose window is already closed by that rule is late for that
 * window (it is not added; the caller routes it to {@code ticks-late}). Since the close rule and
 * the late rule are the same inequality, no window ever gets a second bar.
 *
 * <p>Trading date of a bar: the exchange-local date of the window start; for daily (or longer)
 * windows the local date of the window's first tick, because a UTC day may start on the previous
 * local date for Asian exchanges. Not thread-safe.
 */
public final class BarWindows {
    private final List<WindowSpec> windows;
    private final ReferenceData ref;

    public BarWindows(final TopologyConfig config) {
        this.windows = config.windows();
        this.ref = config.referenceData();
    }

    /**
     * Adds {@code tick} to every window it is not late for and advances the index's event time.
     *
     * @return the comma-separated names of the windows the tick is late for, or {@code null}
     * @throws Rejection ({@code overflow}, {@code non-finite}) when a bar it belongs to could not take
     *                   it; {@code state} is then unchanged
     */
    public String add(final Tick tick, final IndexBars state, final long watermark) {
        final long eventTime = Math.max(state.maxTs, watermark);
        check(tick, state, watermark);
        String late = null;
        for (final WindowSpec w : windows) {
            final long start = w.startOf(tick.ts());
            if (w.closedAt(start, eventTime)) {
                late = late == null ? w.name() : late + "," + w.name();
                continue;
            }
            bar(state.bars(w.name()), start, tick.ts(), tick.price()).add(tick.ts(), tick.price(), tick.volume());
        }
        state.maxTs = Math.max(state.maxTs, tick.ts());
        return late;
    }

    /**
     * Throws unless {@link #add} can take {@code tick}: every open (or new) bar it belongs to can add
     * its volume and keep finite sums. Changes nothing.
     *
     * @throws Rejection ({@code overflow}, {@code non-finite})
     */
    public void check(final Tick tick, final IndexBars state, final long watermark) {
        final long eventTime = Math.max(state.maxTs, watermark);
        for (final WindowSpec w : windows) {
            final long start = w.startOf(tick.ts());
            if (w.closedAt(start, eventTime)) {
                continue;
            }
            final List<OpenBar> open = state.open.get(w.name());
            final OpenBar existing = open == null ? null : find(open, start);
            final OpenBar bar = existing != null ? existing : new OpenBar(start, tick.ts(), tick.price());
            bar.checkAdd(tick.index(), w.name(), tick.price(), tick.volume());
        }
    }

    private static OpenBar find(final List<OpenBar> open, final long start) {
        for (final OpenBar b : open) {
            if (b.start == start) {
                return b;
            }
        }
        return null;
    }

    /**
     * Emits, in window then start order, the final bar of every window of {@code index} closed at
     * {@code eventTime}, and removes it.
     *
     * @return how many bars were emitted
     */
    public int closeDue(final String index, final IndexBars state, final long eventTime,
                        final BiConsumer<WindowSpec, OhlcBar> out) {
        int closed = 0;
        for (final WindowSpec w : windows) {
            final List<OpenBar> open = state.open.get(w.name());
            if (open == null) {
                continue;
            }
            for (final Iterator<OpenBar> it = open.iterator(); it.hasNext();) {
                final OpenBar b = it.next();
                if (!w.closedAt(b.start, eventTime)) {
                    break;
                }
                it.remove();
                out.accept(w, toBar(index, w, b));
                closed++;
            }
        }
        return closed;
    }

    private OhlcBar toBar(final String index, final WindowSpec w, final OpenBar b) {
        final long dateAt = w.daily() ? b.openTs : b.start;
        final String date = ref.tradingDate(index, dateAt).toString();
        return new OhlcBar(index, w.name(), b.start, b.start + w.sizeMs(), date, b.open, b.high, b.low, b.close,
                b.volume, b.vwap(), b.count, b.openTs, b.closeTs);
    }

    /** The open bar starting at {@code start}, inserted in start order when missing. */
    private static OpenBar bar(final List<OpenBar> open, final long start, final long ts, final double price) {
        int i = open.size();
        while (i > 0 && open.get(i - 1).start > start) {
            i--;
        }
        if (i > 0 && open.get(i - 1).start == start) {
            return open.get(i - 1);
        }
        final OpenBar b = new OpenBar(start, ts, price);
        open.add(i, b);
        return b;
    }
}
