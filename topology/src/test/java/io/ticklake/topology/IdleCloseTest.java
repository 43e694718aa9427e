package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.OhlcBar;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Live mode: the wall-clock punctuator closes the windows of an index that went quiet. */
class IdleCloseTest {
    private static final long NOW = Harness.WALL.toEpochMilli();

    @Test
    void closesWindowsOfAQuietIndexUpToTheWallClock() {
        try (Harness h = new Harness(TopologyConfig.defaults().withIdleClose(Duration.ofSeconds(10)))) {
            h.tick("NYA", NOW - 5_000, 100.0, 1);
            h.tick("HSI", NOW - 5_000, 200.0, 1);
            // window [23:59, 00:00) ends at NOW: end + grace = NOW + 30 s
            h.driver.advanceWallClockTime(Duration.ofSeconds(20));
            assertThat(h.bars("1m")).isEmpty();           // quiet, but end + grace not reached on the wall clock
            h.driver.advanceWallClockTime(Duration.ofSeconds(20));
            assertThat(h.bars("1m")).extracting(OhlcBar::index).containsExactlyInAnyOrder("NYA", "HSI");
            h.tick("NYA", NOW - 4_000, 100.0, 1);        // its window is closed now
            assertThat(h.lateTopic().readRecordsToList()).hasSize(1);
            h.driver.advanceWallClockTime(Duration.ofDays(1));
            assertThat(h.bars("1d")).hasSize(2);
        }
    }

    @Test
    void offByDefault() {
        try (Harness h = new Harness()) {
            h.tick("NYA", NOW - 5_000, 100.0, 1);
            h.driver.advanceWallClockTime(Duration.ofDays(3));
            assertThat(h.bars("1m")).isEmpty();
            assertThat(h.bars("1d")).isEmpty();
        }
    }
}
