package io.ticklake.data.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.DailyBar;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.Tick;
import io.ticklake.data.IndexInfo;
import io.ticklake.data.synth.TickSynthesizer;
import io.ticklake.data.testing.TestMarket;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TickMergerTest {
    private static final ReferenceData REF = ReferenceData.builtIn();

    private static List<Tick> merge(final List<DailyBar> bars, final TickSynthesizer synth) {
        final TickMerger merger = TickMerger.of(bars.iterator(), synth);
        final List<Tick> out = new ArrayList<>();
        merger.forEachRemaining(out::add);
        assertThat(merger.totalTicks()).isEqualTo(out.size());
        assertThat(merger.barCount()).isEqualTo(bars.size());
        return out;
    }

    @Test
    void mergesEveryIndexIntoNonDecreasingEventTimeLosingNothing() {
        final List<String> all = REF.all().stream().map(IndexInfo::index).toList();
        final List<String> indices = new ArrayList<>(all);
        indices.add("ZZZ");
        // grouped by index like the Kaggle file, and one index with its dates shuffled
        final List<DailyBar> bars = new ArrayList<>(TestMarket.bars(indices, LocalDate.of(2021, 3, 1),
                LocalDate.of(2021, 4, 9), 4));
        Collections.shuffle(bars.subList(0, 20), new Random(1));
        final TickSynthesizer synth = new TickSynthesizer(REF, Duration.ofMinutes(5), 8);
        final List<Tick> merged = merge(bars, synth);
        assertThat(merged).isSortedAccordingTo(Comparator.comparingLong(Tick::ts));
        final List<Tick> expected = new ArrayList<>();
        bars.forEach(b -> expected.addAll(synth.synthesize(b)));
        assertThat(merged).containsExactlyInAnyOrderElementsOf(expected);
        // the sessions really interleave: Tokyo, Frankfurt and New York ticks alternate over a day
        assertThat(merged.stream().map(Tick::index).distinct()).hasSize(indices.size());
    }

    @Test
    void sessionsOfDifferentZonesAndDatesInterleaveInUtc() {
        // in UTC: XYZ (unknown, default session) Monday 09:30-16:00, NYA Monday 13:30-20:00 (EDT),
        // N225 Tuesday 00:00-06:00 — given in the wrong order on purpose
        final DailyBar tokyoTuesday = new DailyBar("N225", LocalDate.of(2021, 5, 25), 10, 11, 9, 10.5, 10.5, 10, null);
        final DailyBar nyMonday = new DailyBar("NYA", LocalDate.of(2021, 5, 24), 10, 11, 9, 10.5, 10.5, 10, null);
        final DailyBar utcMonday = new DailyBar("XYZ", LocalDate.of(2021, 5, 24), 10, 11, 9, 10.5, 10.5, 10, null);
        final TickSynthesizer synth = new TickSynthesizer(REF, Duration.ofMinutes(1), 1);
        final List<Tick> merged = merge(List.of(tokyoTuesday, nyMonday, utcMonday), synth);
        assertThat(merged).isSortedAccordingTo(Comparator.comparingLong(Tick::ts)).hasSize(390 + 390 + 360);
        final List<String> order = merged.stream().map(Tick::index).toList();
        assertThat(order).startsWith("XYZ").endsWith("N225");
        assertThat(order.indexOf("NYA")).as("NYA opens while XYZ trades").isLessThan(order.lastIndexOf("XYZ"));
        assertThat(order.lastIndexOf("NYA")).isLessThan(order.indexOf("N225"));
    }

    @Test
    void equalTimestampsAreOrderedByIndex() {
        final DailyBar nya = new DailyBar("NYA", LocalDate.of(2021, 5, 24), 10, 10, 10, 10, 10, 0, null);
        final DailyBar ixic = new DailyBar("IXIC", LocalDate.of(2021, 5, 24), 10, 10, 10, 10, 10, 0, null);
        final List<Tick> merged = merge(List.of(nya, ixic), new TickSynthesizer(REF, Duration.ofHours(1), 1));
        assertThat(merged).extracting(Tick::index).containsExactly(
                "IXIC", "NYA", "IXIC", "NYA", "IXIC", "NYA", "IXIC", "NYA", "IXIC", "NYA", "IXIC", "NYA", "IXIC", "NYA");
    }
}
