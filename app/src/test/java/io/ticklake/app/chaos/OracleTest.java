package io.ticklake.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.DailyBar;
import io.ticklake.data.Tick;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The oracle and the dataset the chaos tests rely on. */
@Tag("chaos")
class OracleTest {
    private final SourceData source = SourceData.standard();

    @Test
    void datasetIsSmallButNotTrivial() {
        final List<Tick> ticks = source.ticks();
        assertThat(ticks).hasSizeBetween(4_000, 10_000);
        // several ticks per minute, so the 1m bars are real aggregates
        assertThat(Oracle.bars(ticks, Oracle.MINUTE_MS).size()).isLessThanOrEqualTo(ticks.size() / 2);
    }

    @Test
    void dailyBarsOfTheTicksAreTheSourceRows() {
        final Map<String, Bar> daily = Oracle.bars(source.ticks(), Oracle.DAY_MS);
        final Map<String, DailyBar> rows = Oracle.dailyBars(source.bars());
        assertThat(daily.keySet()).isEqualTo(rows.keySet());
        rows.forEach((key, row) -> assertThat(Oracle.sameAsSource(daily.get(key), row)).as(key).isTrue());
    }

    @Test
    void barAggregatesFirstLastExtremesAndSums() {
        final List<Tick> ticks = List.of(new Tick("NYA", 60_000, 10, 1), new Tick("NYA", 60_500, 12, 3),
                new Tick("NYA", 119_999, 9, 0), new Tick("NYA", 120_000, 11, 0));
        final Map<String, Bar> bars = Oracle.bars(ticks, Oracle.MINUTE_MS);
        assertThat(bars.get("NYA@60000")).isEqualTo(new Bar("NYA", 60_000, 10, 12, 9, 9, 4, (10.0 + 36) / 4, 3,
                60_000, 119_999));
        assertThat(bars.get("NYA@120000").vwap()).isEqualTo(11.0);
    }
}
