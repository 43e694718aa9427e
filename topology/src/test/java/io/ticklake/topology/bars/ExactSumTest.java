package io.ticklake.topology.bars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactSumTest {
    private record Term(double x, long times) {
    }

    @Test
    void equalsTheCorrectlyRoundedExactSumInAnyOrder() {
        final Random r = new Random(1);
        for (int round = 0; round < 200; round++) {
            final List<Term> terms = new ArrayList<>();
            final double level = Math.pow(10, r.nextInt(7) - 2);
            for (int i = 0; i < 1 + r.nextInt(500); i++) {
                terms.add(new Term(level * (1 + r.nextDouble()), r.nextInt(3) == 0 ? 0 : r.nextLong(1, 1L << 40)));
            }
            BigDecimal exact = BigDecimal.ZERO;
            for (final Term t : terms) {
                exact = exact.add(new BigDecimal(t.x()).multiply(BigDecimal.valueOf(t.times())));
            }
            final double expected = exact.doubleValue();
            assertThat(sum(terms)).isEqualTo(expected);
            Collections.shuffle(terms, r);
            assertThat(sum(terms)).isEqualTo(expected);
        }
    }

    @Test
    void widelySpreadMagnitudesFallBackToBigIntegersExactly() {
        final List<Term> terms = List.of(new Term(1e-300, 3), new Term(1e300, Long.MAX_VALUE), new Term(0.1, 7),
                new Term(Double.MIN_VALUE, 1), new Term(12345.678, 1_000_000_007L));
        BigDecimal exact = BigDecimal.ZERO;
        for (final Term t : terms) {
            exact = exact.add(new BigDecimal(t.x()).multiply(BigDecimal.valueOf(t.times())));
        }
        assertThat(sum(terms)).isEqualTo(exact.doubleValue());
        final List<Term> reversed = new ArrayList<>(terms);
        Collections.reverse(reversed);
        assertThat(sum(reversed)).isEqualTo(exact.doubleValue());
    }

    @Test
    void roundTripsThroughBytesInBothForms() {
        final ExactSum small = new ExactSum();
        small.add(16_555.66, 1200);
        final ExactSum big = new ExactSum();
        big.add(1e-300, 1);
        big.add(1e300, 1);
        for (final ExactSum s : List.of(small, big, new ExactSum())) {
            final ByteBuffer buf = ByteBuffer.allocate(s.size());
            s.write(buf);
            assertThat(buf.position()).isLessThanOrEqualTo(s.size());
            final ExactSum back = ExactSum.read(ByteBuffer.wrap(buf.array()));
            assertThat(back.toDouble()).isEqualTo(s.toDouble());
            back.add(2.5, 2);
            s.add(2.5, 2);
            assertThat(back.toDouble()).isEqualTo(s.toDouble());
        }
    }

    @Test
    void rejectsNegativeInputs() {
        assertThatThrownBy(() -> new ExactSum().add(-1.0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExactSum().add(1.0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double sum(final List<Term> terms) {
        final ExactSum s = new ExactSum();
        terms.forEach(t -> s.add(t.x(), t.times()));
        return s.toDouble();
    }
}
