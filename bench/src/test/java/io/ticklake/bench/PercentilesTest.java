package io.ticklake.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void nearestRankOnOneToHundred() {
        final Percentiles p = Percentiles.of(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray());
        assertThat(p.at(50)).isEqualTo(50);
        assertThat(p.at(99)).isEqualTo(99);
        assertThat(p.at(99.5)).isEqualTo(100);
        assertThat(p.at(1)).isEqualTo(1);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.count()).isEqualTo(100);
    }

    @Test
    void smallSamplesGiveSampleValues() {
        final Percentiles p = Percentiles.of(new long[] {30, 10, 20});
        assertThat(p.at(50)).isEqualTo(20);
        assertThat(p.at(99)).isEqualTo(30);
        assertThat(p.at(0.1)).isEqualTo(10);
        assertThat(Percentiles.of(new long[] {7}).at(50)).isEqualTo(7);
    }

    @Test
    void inputIsCopied() {
        final long[] values = {3, 1, 2};
        Percentiles.of(values);
        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void rejectsOutOfRangeAndEmpty() {
        final Percentiles p = Percentiles.of(new long[] {1});
        assertThatThrownBy(() -> p.at(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.at(100.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.of(new long[0]).at(50)).isInstanceOf(IllegalStateException.class);
    }
}
