package io.ticklake.data.synth;

import io.ticklake.data.DailyBar;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.Tick;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Turns a daily bar into intraday ticks that reproduce it exactly.
 *
 * <p>Timing: ticks fall in the index's session on the bar's date ({@link SessionWindow}: exchange
 * time zone and session times from the reference data; 09:30–16:00 UTC for an unknown index), one
 * per {@code tickInterval}, the first at session open; the close is exclusive (a 09:30–16:00
 * session at 1m gives 390 ticks, the last at 15:59). When fewer slots fit than the bar needs to
 * show its Open, High, Low and Close (e.g. an interval longer than the session: 1 slot), the bar
 * gets exactly the points it needs ({@code 1} if flat, else 2 to 4) spread evenly over the session:
 * point i at {@code open + i × length / points}.
 *
 * <p>Prices: the first tick's price is exactly Open, the last's exactly Close, the maximum exactly
 * High and the minimum exactly Low; a flat bar gives flat ticks. Volumes are longs summing exactly
 * to the bar's volume (all 0 for a zero-volume bar). The output depends only on the seed and the
 * bar (and the session), never on call order. Thread-safe.
 */
public final class TickSynthesizer {
    /**
     * The default tick interval: six ticks in each 1-minute bar, so that the smallest default window
     * holds real candles (a 1-minute interval made every 1-minute bar a single flat tick).
     */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** The shortest interval accepted (keeps one bar's ticks small enough to hold in memory). */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private final ReferenceData ref;
    private final long intervalMs;
    private final long seed;

    /**
     * @throws IllegalArgumentException when the interval is shorter than {@link #MIN_INTERVAL}
     *                                  or not a whole number of milliseconds
     */
    public TickSynthesizer(final ReferenceData ref, final Duration tickInterval, final long seed) {
        this.ref = Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(tickInterval, "tickInterval");
        if (tickInterval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("tick interval must be at least " + MIN_INTERVAL.toSeconds()
                    + "s: " + tickInterval);
        }
        if (tickInterval.toNanosPart() % 1_000_000 != 0) {
            throw new IllegalArgumentException("tick interval must be whole milliseconds: " + tickInterval);
        }
        this.intervalMs = tickInterval.toMillis();
        this.seed = seed;
    }

    /** The ticks of {@code bar}, in time order (strictly increasing timestamps). */
    public List<Tick> synthesize(final DailyBar bar) {
        final SessionWindow session = session(bar);
        final int slots = slots(session);
        final int n = Math.max(slots, PricePath.minimumPoints(bar));
        final SplittableRandom random = new SplittableRandom(Seeds.of(seed, bar));
        final double[] prices = PricePath.build(bar, n, random);
        final long[] volumes = VolumeSplit.split(bar.volume(), n, random);
        final List<Tick> ticks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            final long ts = n == slots ? session.openMs() + i * intervalMs
                    : session.openMs() + i * session.lengthMs() / n;
            ticks.add(new Tick(bar.index(), ts, prices[i], volumes[i]));
        }
        return ticks;
    }

    /** Exactly {@code synthesize(bar).size()}, without synthesizing (for progress totals). */
    public int tickCount(final DailyBar bar) {
        return Math.max(slots(session(bar)), PricePath.minimumPoints(bar));
    }

    /** Tick slots in one regular session of {@code index} (a non-flat bar may get up to 4 if this is smaller). */
    public int slotsPerSession(final String index) {
        // a date without DST change: the nominal session length
        return slots(SessionWindow.of(ref, index, LocalDate.of(2021, 1, 15)));
    }

    /** The session a bar's ticks fall in. */
    public SessionWindow session(final DailyBar bar) {
        return SessionWindow.of(ref, bar.index(), bar.date());
    }

    /** The tick interval. */
    public Duration tickInterval() {
        return Duration.ofMillis(intervalMs);
    }

    private int slots(final SessionWindow session) {
        final long n = (session.lengthMs() + intervalMs - 1) / intervalMs;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many ticks per session: " + n);
        }
        return (int) n;
    }
}
