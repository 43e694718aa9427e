package io.ticklake.data.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacingTest {
    /** A clock that advances only when slept on, recording each wait. */
    static final class ManualClock implements WallClock {
        final List<Long> sleeps = new ArrayList<>();
        long now = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(final long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    @Test
    void aFactorReleasesEachTickAtItsScaledMarketTime() throws InterruptedException {
        final ManualClock clock = new ManualClock();
        final Pacer pacer = new Pacer(Speed.parse("60"), clock);
        pacer.await(0);
        pacer.await(60_000);
        clock.now += 500_000_000L;
        pacer.await(120_000);
        pacer.await(120_000);
        assertThat(clock.sleeps).containsExactly(1_000_000_000L, 500_000_000L);
    }

    @Test
    void maxNeverWaits() throws InterruptedException {
        final ManualClock clock = new ManualClock();
        final Pacer pacer = new Pacer(Speed.MAX, clock);
        pacer.await(0);
        pacer.await(86_400_000);
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void parsesSpeed() {
        assertThat(Speed.parse(" MAX ").isMax()).isTrue();
        assertThat(Speed.parse("2.5").factor()).isEqualTo(2.5);
        assertThat(Speed.parse("1e3").factor()).isEqualTo(1000);
        for (final String bad : new String[] {"0", "-1", "NaN", "Infinity", "fast", "", "0x10"}) {
            assertThatThrownBy(() -> Speed.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("speed must be 'max'");
        }
    }
}
