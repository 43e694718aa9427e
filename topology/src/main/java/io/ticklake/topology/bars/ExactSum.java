package io.ticklake.topology.bars;

import java.math.BigInteger;
import java.nio.ByteBuffer;

/**
 * An exact sum of products {@code double × long}, as {@code mantissa × 2^exponent}.
 *
 * <p>Why exact: a bar's VWAP is Σ(price × volume) / Σ volume, and floating-point addition is not
 * associative. Summing exactly makes the bar independent of arrival order, so ticks shuffled within
 * the grace period give bit-identical bars. The value is rounded to a double only when read.
 * Not thread-safe.
 */
final class ExactSum {
    private long small;            // fast path: mantissa while it fits in a long and exp is fixed
    private BigInteger big;        // null while the fast path holds
    private int exp = Integer.MAX_VALUE;

    /** Adds {@code x × times}. {@code x} must be finite. */
    void add(final double x, final long times) {
        if (x == 0 || times == 0) {
            return;
        }
        final long bits = Double.doubleToRawLongBits(x);
        final int biased = (int) ((bits >>> 52) & 0x7ff);
        long m = bits & 0xF_FFFF_FFFF_FFFFL;
        int e;
        if (biased == 0) {
            e = -1074;
        } else {
            m |= 1L << 52;
            e = biased - 1075;
        }
        if (bits < 0) {
            m = -m;
        }
        final long hi = Math.multiplyHigh(m, times);
        final long lo = m * times;
        if (big == null && exp == e && ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0))) {
            final long sum = small + lo;
            if (((small ^ sum) & (lo ^ sum)) >= 0) {
                small = sum;
                return;
            }
        }
        if (big == null && exp == Integer.MAX_VALUE && ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0))) {
            small = lo;
            exp = e;
            return;
        }
        addBig(BigInteger.valueOf(m).multiply(BigInteger.valueOf(times)), e);
    }

    private void addBig(final BigInteger term, final int e) {
        BigInteger acc = big != null ? big : BigInteger.valueOf(small);
        BigInteger t = term;
        if (exp == Integer.MAX_VALUE) {
            exp = e;
            acc = BigInteger.ZERO;
        }
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
        if (exp == Integer.MAX_VALUE) {
            return 0.0;
        }
        BigInteger m = big != null ? big : BigInteger.valueOf(small);
        if (m.signum() == 0) {
            return 0.0;
        }
        int e = exp;
        final int shift = m.abs().bitLength() - 64;
        if (shift > 0) {
            // keep 64 bits plus a sticky bit: rounding to 53 bits stays correct
            final boolean sticky = m.abs().getLowestSetBit() < shift;
            final BigInteger top = m.abs().shiftRight(shift).or(sticky ? BigInteger.ONE : BigInteger.ZERO);
            m = m.signum() < 0 ? top.negate() : top;
            e += shift;
        }
        return Math.scalb(m.doubleValue(), e);
    }

    void write(final ByteBuffer out) {
        final byte[] mant = (big != null ? big : BigInteger.valueOf(small)).toByteArray();
        out.putInt(exp).putShort((short) mant.length).put(mant);
    }

    int size() {
        return 4 + 2 + (big != null ? big.bitLength() / 8 + 1 : 8);
    }

    static ExactSum read(final ByteBuffer in) {
        final ExactSum s = new ExactSum();
        s.exp = in.getInt();
        final byte[] mant = new byte[in.getShort()];
        in.get(mant);
        final BigInteger m = new BigInteger(mant);
        if (m.bitLength() < 63) {
            s.small = m.longValue();
        } else {
            s.big = m;
        }
        return s;
    }
}
