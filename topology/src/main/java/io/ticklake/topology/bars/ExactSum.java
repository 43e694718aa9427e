package io.ticklake.topology.bars;

import java.math.BigInteger;
import java.nio.ByteBuffer;

/**
 * An exact sum of products {@code x × times} ({@code x ≥ 0} finite, {@code times ≥ 0}), kept as
 * {@code mantissa × 2^exp}.
 *
 * <p>Why exact: a bar's VWAP is Σ(price × volume) / Σ volume, and floating-point addition is not
 * associative. Summing exactly makes the bar independent of arrival order, so ticks shuffled within
 * the grace period give bit-identical bars. The value is rounded to a double only when read.
 *
 * <p>The mantissa is an unsigned 128-bit integer ({@code hi:lo}) while it fits — prices of one bar
 * share a binade or two, and a price × volume product needs at most 116 bits — and a
 * {@link BigInteger} after that. Not thread-safe.
 */
final class ExactSum {
    private static final int EMPTY = Integer.MAX_VALUE;
    private static final int LIMIT = 126;      // keep operands below 2^126 so a sum cannot overflow 128 bits
    private long hi;
    private long lo;
    private BigInteger big;                    // non-null once the 128-bit form overflowed
    private int exp = EMPTY;

    /** Adds {@code x × times}. */
    void add(final double x, final long times) {
        if (x == 0 || times == 0) {
            return;
        }
        if (!(x > 0) || Double.isInfinite(x) || times < 0) {
            throw new IllegalArgumentException("exact sums take finite x >= 0 and times >= 0");
        }
        final long bits = Double.doubleToRawLongBits(x);
        final int biased = (int) (bits >>> 52);
        long m = bits & 0xF_FFFF_FFFF_FFFFL;
        final int e;
        if (biased == 0) {
            e = -1074;
        } else {
            m |= 1L << 52;
            e = biased - 1075;
        }
        long thi = Math.multiplyHigh(m, times);
        long tlo = m * times;
        if (big != null) {
            addBig(toBig(thi, tlo), e);
            return;
        }
        if (exp == EMPTY) {
            hi = thi;
            lo = tlo;
            exp = e;
            return;
        }
        if (e > exp) {
            final int d = e - exp;
            if (bitLength(thi, tlo) + d > LIMIT) {
                addBig(toBig(thi, tlo), e);
                return;
            }
            final long[] t = shiftLeft(thi, tlo, d);
            thi = t[0];
            tlo = t[1];
        } else if (e < exp) {
            final int d = exp - e;
            if (bitLength(hi, lo) + d > LIMIT) {
                addBig(toBig(thi, tlo), e);
                return;
            }
            final long[] a = shiftLeft(hi, lo, d);
            hi = a[0];
            lo = a[1];
            exp = e;
        }
        final long sum = lo + tlo;
        hi = hi + thi + (Long.compareUnsigned(sum, lo) < 0 ? 1 : 0);
        lo = sum;
        if (bitLength(hi, lo) > LIMIT) {
            big = toBig(hi, lo);
        }
    }

    /**
     * Whether the sum plus {@code x × times} still rounds to a finite double. Cheap unless the sum
     * comes within a factor 2 of {@link Double#MAX_VALUE}: then it is decided on a copy, exactly.
     */
    boolean staysFiniteWith(final double x, final long times) {
        if (x == 0 || times == 0) {
            return true;                       // the sum does not change, and it is finite
        }
        if (!Double.isFinite(x)) {
            return false;
        }
        // x × times < 2^(exponent(x) + 1 + bits(times)); the sum < 2^(max(both) + 1)
        final int termBits = Math.getExponent(x) + 1 + (64 - Long.numberOfLeadingZeros(times));
        final int sumBits = exp == EMPTY ? Integer.MIN_VALUE : exp + mantissaBits();
        if (Math.max(termBits, sumBits) + 1 <= Double.MAX_EXPONENT) {
            return true;
        }
        final ExactSum copy = copy();
        copy.add(x, times);
        return Double.isFinite(copy.toDouble());
    }

    private int mantissaBits() {
        return big != null ? big.bitLength() : bitLength(hi, lo);
    }

    private ExactSum copy() {
        final ExactSum c = new ExactSum();
        c.hi = hi;
        c.lo = lo;
        c.big = big;
        c.exp = exp;
        return c;
    }

    private void addBig(final BigInteger term, final int e) {
        BigInteger acc = big != null ? big : toBig(hi, lo);
        BigInteger t = term;
        if (e < exp) {
            acc = acc.shiftLeft(exp - e);
            exp = e;
        } else if (e > exp) {
            t = t.shiftLeft(e - exp);
        }
        big = acc.add(t);
    }

    /** The sum rounded to the nearest double. */
    double toDouble() {
        if (exp == EMPTY) {
            return 0.0;
        }
        BigInteger m = big != null ? big : toBig(hi, lo);
        if (m.signum() == 0) {
            return 0.0;
        }
        int e = exp;
        final int shift = m.bitLength() - 64;
        if (shift > 0) {
            // keep 64 bits plus a sticky bit: rounding to 53 bits stays correct
            final boolean sticky = m.getLowestSetBit() < shift;
            m = m.shiftRight(shift).or(sticky ? BigInteger.ONE : BigInteger.ZERO);
            e += shift;
        }
        return Math.scalb(m.doubleValue(), e);
    }

    void write(final ByteBuffer out) {
        out.putInt(exp);
        if (big == null) {
            out.put((byte) 0).putLong(hi).putLong(lo);
        } else {
            final byte[] mant = big.toByteArray();
            out.put((byte) 1).putInt(mant.length).put(mant);
        }
    }

    int size() {
        return 4 + 1 + (big == null ? 16 : 4 + big.bitLength() / 8 + 1);
    }

    static ExactSum read(final ByteBuffer in) {
        final ExactSum s = new ExactSum();
        s.exp = in.getInt();
        if (in.get() == 0) {
            s.hi = in.getLong();
            s.lo = in.getLong();
        } else {
            final byte[] mant = new byte[in.getInt()];
            in.get(mant);
            s.big = new BigInteger(mant);
        }
        return s;
    }

    private static int bitLength(final long hi, final long lo) {
        return hi != 0 ? 128 - Long.numberOfLeadingZeros(hi) : 64 - Long.numberOfLeadingZeros(lo);
    }

    /** (hi:lo) << d, for 0 &lt; d &lt; 128 when the result fits. */
    private static long[] shiftLeft(final long hi, final long lo, final int d) {
        if (d >= 64) {
            return new long[] {lo << (d - 64), 0};
        }
        return new long[] {(hi << d) | (lo >>> (64 - d)), lo << d};
    }

    private static BigInteger toBig(final long hi, final long lo) {
        final byte[] b = ByteBuffer.allocate(16).putLong(hi).putLong(lo).array();
        return new BigInteger(1, b);
    }
}
