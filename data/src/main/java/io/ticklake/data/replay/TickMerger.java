package io.ticklake.data.replay;

import io.ticklake.data.DailyBar;
import io.ticklake.data.Tick;
import io.ticklake.data.synth.TickSynthesizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * All ticks of a set of daily bars in non-decreasing event time, whatever the order of the bars
 * (the Kaggle file is grouped by index, not sorted by date).
 *
 * <p>How: the bars (not their ticks) are held, sorted by the UTC instant of their session open.
 * A bar is synthesized only when the merge reaches its session open, and its ticks join a k-way
 * merge (a heap ordered by next tick time, then index). Every tick of a bar is at or after its
 * session open, so a bar not yet synthesized cannot hold a tick earlier than the one being emitted:
 * the order is globally correct across time zones and dates, and only the ticks of the sessions
 * overlapping the current instant are in memory (a few bars). Memory: the selected bars, about
 * 150 bytes each (the whole 104k-row Kaggle file ≈ 15 MB), never all ticks. Ties are broken by index symbol. Not thread-safe.
 */
public final class TickMerger implements Iterator<Tick> {
    private final TickSynthesizer synth;
    private final List<Pending> bars;
    private final PriorityQueue<Cursor> active = new PriorityQueue<>(
            Comparator.comparingLong(Cursor::ts).thenComparing(c -> c.ticks.get(0).index()));
    private final long totalTicks;
    private int nextBar;

    private TickMerger(final List<Pending> bars, final TickSynthesizer synth) {
        this.bars = bars;
        this.synth = synth;
        long total = 0;
        for (final Pending p : bars) {
            total += synth.tickCount(p.bar);
        }
        this.totalTicks = total;
    }

    /** Reads every bar from {@code bars} (consumed now) and prepares the merge. */
    public static TickMerger of(final Iterator<DailyBar> bars, final TickSynthesizer synth) {
        final List<Pending> pending = new ArrayList<>();
        bars.forEachRemaining(b -> pending.add(new Pending(synth.session(b).openMs(), b)));
        pending.sort(Comparator.comparingLong(Pending::openMs)
                .thenComparing(p -> p.bar.index()).thenComparing(p -> p.bar.date()));
        return new TickMerger(pending, synth);
    }

    /** Exactly how many ticks the merge yields in all. */
    public long totalTicks() {
        return totalTicks;
    }

    /** How many bars are merged. */
    public int barCount() {
        return bars.size();
    }

    @Override
    public boolean hasNext() {
        activateDue();
        return !active.isEmpty();
    }

    @Override
    public Tick next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        final Cursor c = active.poll();
        final Tick tick = c.ticks.get(c.pos++);
        if (c.pos < c.ticks.size()) {
            active.add(c);
        }
        return tick;
    }

    /** Synthesizes every bar whose session opens at or before the earliest pending tick. */
    private void activateDue() {
        while (nextBar < bars.size() && (active.isEmpty() || bars.get(nextBar).openMs <= active.peek().ts())) {
            final List<Tick> ticks = synth.synthesize(bars.get(nextBar++).bar);
            if (!ticks.isEmpty()) {
                active.add(new Cursor(ticks));
            }
        }
    }

    private record Pending(long openMs, DailyBar bar) {
    }

    private static final class Cursor {
        private final List<Tick> ticks;
        private int pos;

        Cursor(final List<Tick> ticks) {
            this.ticks = ticks;
        }

        long ts() {
            return ticks.get(pos).ts();
        }
    }
}
