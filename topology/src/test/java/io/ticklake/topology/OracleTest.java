package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.DailyBar;
import io.ticklake.data.OhlcBar;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.synth.TickSynthesizer;
import io.ticklake.data.testing.TestMarket;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The oracle: ticks synthesized from daily rows give 1d bars equal to the rows, exactly. Many
 * indices (every reference index, in every time zone, and an unknown one) over two months that
 * include the US and EU daylight-saving changes; ticks merged in time order across indices with
 * watermarks, as the replay sends them.
 */
class OracleTest {
    @Test
    void dailyBarsOfSynthesizedTicksEqualTheGeneratedRows() {
        final List<String> indices = new ArrayList<>(ReferenceData.builtIn().all().stream()
                .map(i -> i.index()).toList());
        indices.add("ACME");
        final List<DailyBar> rows = TestMarket.bars(indices, LocalDate.of(2021, 3, 1), LocalDate.of(2021, 4, 30),
                TestMarket.SEED);
        final OracleRun run = OracleRun.run(rows, new TickSynthesizer(ReferenceData.builtIn(),
                Duration.ofMinutes(15), 42), true);
        assertThat(rows).hasSizeGreaterThan(600);
        run.assertDailyBarsEqualRows(rows);
    }

    @Test
    void minuteBarsOfOneMinuteTicksHaveOneTickEach() {
        final List<DailyBar> rows = TestMarket.oneWeek();
        final TickSynthesizer synth = new TickSynthesizer(ReferenceData.builtIn(), Duration.ofMinutes(1), 1);
        final OracleRun run = OracleRun.run(rows, synth, true);
        run.assertDailyBarsEqualRows(rows);
        final long ticks = rows.stream().mapToLong(synth::tickCount).sum();
        assertThat(run.minuteBars()).hasSize((int) ticks).allSatisfy(b -> {
            assertThat(b.tickCount()).isEqualTo(1);
            assertThat(b.open()).isEqualTo(b.close());
            assertThat(b.firstTickTs()).isEqualTo(b.windowStart());
        });
        assertThat(Stream.of(run.minuteBars()).flatMap(List::stream).mapToLong(OhlcBar::volume).sum())
                .isEqualTo(rows.stream().mapToLong(DailyBar::volume).sum());
    }
}
