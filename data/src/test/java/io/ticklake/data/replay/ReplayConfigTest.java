package io.ticklake.data.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticklake.data.DailyBar;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayConfigTest {
    @Test
    void defaultsAndWithers() {
        final ReplayConfig c = ReplayConfig.defaults();
        assertThat(c.topic()).isEqualTo("ticks-raw");
        assertThat(c.partitions()).isEqualTo(6);
        assertThat(c.tickInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.speed().isMax()).isTrue();
        final ReplayConfig changed = c.withTopic("t").withPartitions(2).withSeed(9).withSpeed(Speed.parse("10"))
                .withTickInterval(Duration.ofSeconds(30)).withWatermarkEvery(5, 6).withFinalWatermarkLead(Duration.ZERO)
                .withProgressEveryTicks(7);
        assertThat(changed).isEqualTo(new ReplayConfig("t", 2, Duration.ofSeconds(30), 9, new Speed(10), BarFilter.all(),
                5, 6, Duration.ZERO, 7));
    }

    @Test
    void rejectsBadSettingsWithOneLine() {
        final ReplayConfig c = ReplayConfig.defaults();
        assertThatThrownBy(() -> c.withTopic("a/b")).hasMessageStartingWith("topic must match");
        assertThatThrownBy(() -> c.withPartitions(0)).hasMessageStartingWith("partitions must be >= 1");
        assertThatThrownBy(() -> c.withWatermarkEvery(0, 1)).hasMessageContaining("periods must be >= 1");
        assertThatThrownBy(() -> c.withFinalWatermarkLead(Duration.ofMillis(-1))).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new BarFilter(LocalDate.of(2021, 2, 2), LocalDate.of(2021, 2, 1), Set.of()))
                .hasMessageContaining("is after");
        assertThatThrownBy(() -> new BarFilter(null, null, Set.of("bad symbol"))).hasMessageContaining("index symbol");
    }

    @Test
    void filterTakesInclusiveDatesAndChosenIndices() {
        final BarFilter f = new BarFilter(LocalDate.of(2021, 5, 24), LocalDate.of(2021, 5, 26), Set.of("NYA"));
        assertThat(f.test(bar("NYA", 24))).isTrue();
        assertThat(f.test(bar("NYA", 26))).isTrue();
        assertThat(f.test(bar("NYA", 27))).isFalse();
        assertThat(f.test(bar("NYA", 23))).isFalse();
        assertThat(f.test(bar("HSI", 25))).isFalse();
        assertThat(BarFilter.all().test(bar("HSI", 25))).isTrue();
    }

    private static DailyBar bar(final String index, final int day) {
        return new DailyBar(index, LocalDate.of(2021, 5, day), 1, 1, 1, 1, 1, 0, null);
    }
}
