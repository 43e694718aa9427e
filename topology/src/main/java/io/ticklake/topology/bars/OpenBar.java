package io.ticklake.topology.bars;

import io.ticklake.topology.DlqReason;
import io.ticklake.topology.Rejection;
import java.nio.ByteBuffer;

/**
 * The running figures of one open window of one index. Open is the price of the earliest tick
 * (by {@code ts}), close that of the latest; on equal {@code ts} the first arrival opens and the
 * last arrival closes. Sums are exact ({@link ExactSum}), so arrival order within the grace period
 * does not change the bar. Mutable, owned by one processor.
 */
final class OpenBar {
    final long start;
    double open;
    long openTs;
    double high;
    double low;
    double close;
    long closeTs;
    long volume;
    long count;
    final ExactSum pv;
    final ExactSum priceSum;

    OpenBar(final long start, final long ts, final double price) {
        this(start, price, ts, price, price, price, ts, 0, 0, new ExactSum(), new ExactSum());
    }

    private OpenBar(final long start, final double open, final long openTs, final double high, final double low,
                    final double close, final long closeTs, final long volume, final long count,
                    final ExactSum pv, final ExactSum priceSum) {
        this.start = start;
        this.open = open;
        this.openTs = openTs;
        this.high = high;
        this.low = low;
        this.close = close;
        this.closeTs = closeTs;
        this.volume = volume;
        this.count = count;
        this.pv = pv;
        this.priceSum = priceSum;
    }

    void add(final long ts, final double price, final long vol) {
        if (ts < openTs) {
            openTs = ts;
            open = price;
        }
        if (ts >= closeTs) {
            closeTs = ts;
            close = price;
        }
        high = Math.max(high, price);
        low = Math.min(low, price);
        volume += vol;
        count++;
        pv.add(price, vol);
        priceSum.add(price, 1);
    }

    /**
     * Throws unless {@link #add} can take the tick: the volume must not overflow and the sums must
     * stay finite as doubles (so VWAP, Σ(price × volume) / Σ volume, and the mean price are finite).
     */
    void checkAdd(final String index, final String window, final double price, final long vol) {
        if (volume > Long.MAX_VALUE - vol) {
            throw new Rejection(DlqReason.OVERFLOW, "volume " + volume + " + " + vol + " of the " + window
                    + " bar of " + index + " exceeds " + Long.MAX_VALUE);
        }
        if (!pv.staysFiniteWith(price, vol)) {
            throw new Rejection(DlqReason.NON_FINITE, "Σ price × volume (vwap) of the " + window + " bar of "
                    + index + " would be infinite");
        }
        if (!priceSum.staysFiniteWith(price, 1)) {
            throw new Rejection(DlqReason.NON_FINITE, "Σ price of the " + window + " bar of " + index
                    + " would be infinite");
        }
    }

    /** Σ(price × volume) / Σ volume, or the mean price when the volume is 0. */
    double vwap() {
        return volume > 0 ? pv.toDouble() / volume : priceSum.toDouble() / count;
    }

    int size() {
        return 8 * 9 + pv.size() + priceSum.size();
    }

    void write(final ByteBuffer out) {
        out.putLong(start).putDouble(open).putLong(openTs).putDouble(high).putDouble(low).putDouble(close)
                .putLong(closeTs).putLong(volume).putLong(count);
        pv.write(out);
        priceSum.write(out);
    }

    static OpenBar read(final ByteBuffer in) {
        return new OpenBar(in.getLong(), in.getDouble(), in.getLong(), in.getDouble(), in.getDouble(),
                in.getDouble(), in.getLong(), in.getLong(), in.getLong(), ExactSum.read(in), ExactSum.read(in));
    }
}
