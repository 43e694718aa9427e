package io.ticklake.data.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticklake.data.DailyBar;
import io.ticklake.data.IndexInfo;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.csv.CsvBarReader;
import io.ticklake.data.csv.RowRejection;
import io.ticklake.data.testing.TestMarket;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarketGeneratorTest {
    private static final ReferenceData REF = ReferenceData.builtIn();
    private static final List<String> ALL = REF.all().stream().map(IndexInfo::index).toList();
    private static final LocalDate FROM = LocalDate.of(2020, 1, 1);
    private static final LocalDate TO = LocalDate.of(2021, 6, 30);

    @Test
    void everyGeneratedBarPassesTheReaderWhenWrittenAndReadBack(@TempDir final Path dir) {
        final List<DailyBar> bars = TestMarket.bars(ALL, FROM, TO, 11);
        final Path file = TestMarket.writeCsv(dir.resolve("m.csv"), bars);
        final List<RowRejection> rejections = new ArrayList<>();
        final List<DailyBar> back = new ArrayList<>();
        try (CsvBarReader reader = CsvBarReader.open(file).onRejection(rejections::add)) {
            reader.forEachRemaining(back::add);
        }
        assertThat(rejections).isEmpty();
        assertThat(back).isEqualTo(bars);
        assertThat(bars).hasSize((int) MarketGenerator.count(ALL, FROM, TO));
    }

    @Test
    void weekdaysOnlyGroupedByIndexSortedByDate() {
        final List<DailyBar> bars = TestMarket.bars(List.of("HSI", "NYA"), FROM, TO, 3);
        assertThat(bars).allSatisfy(b -> assertThat(b.date().getDayOfWeek())
                .isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
        final long weekdays = MarketGenerator.weekdays(FROM, TO);
        assertThat(bars.subList(0, (int) weekdays)).allSatisfy(b -> assertThat(b.index()).isEqualTo("HSI"))
                .isSortedAccordingTo(Comparator.comparing(DailyBar::date));
        assertThat(bars.subList((int) weekdays, bars.size())).allSatisfy(b -> assertThat(b.index()).isEqualTo("NYA"))
                .isSortedAccordingTo(Comparator.comparing(DailyBar::date));
    }

    @Test
    void pricesStayNearRealisticLevelsWithConsistentOhlcAndUsdCloses() {
        final Map<String, List<DailyBar>> byIndex = TestMarket.bars(ALL, FROM, TO, 5).stream()
                .collect(Collectors.groupingBy(DailyBar::index));
        assertThat(byIndex.get("NYA")).allSatisfy(b -> assertThat(b.close()).isBetween(8_000.0, 32_000.0));
        assertThat(byIndex.get("HSI")).allSatisfy(b -> assertThat(b.close()).isBetween(14_500.0, 58_000.0));
        assertThat(byIndex.get("J203.JO")).allSatisfy(b -> assertThat(b.volume()).isZero());
        assertThat(byIndex.get("IXIC")).allSatisfy(b -> assertThat(b.volume()).isPositive());
        assertThat(byIndex.get("KS11")).allSatisfy(b -> assertThat(b.closeUsd()).isNull());
        assertThat(byIndex.get("HSI")).allSatisfy(b -> assertThat(b.closeUsd()).isEqualTo(b.close() * 0.13));
        assertThat(byIndex.values().stream().flatMap(List::stream)).allSatisfy(b -> {
            assertThat(b.low()).isLessThanOrEqualTo(Math.min(b.open(), b.close()));
            assertThat(b.high()).isGreaterThanOrEqualTo(Math.max(b.open(), b.close()));
        });
        assertThat(byIndex.get("NYA").stream().filter(b -> !b.flat()).count()).isGreaterThan(300);
    }

    @Test
    void isDeterministicForTheSeedAndEachIndexIndependentOfTheOthers() {
        final List<DailyBar> a = TestMarket.bars(List.of("NYA", "GDAXI"), FROM, TO, 9);
        assertThat(TestMarket.bars(List.of("NYA", "GDAXI"), FROM, TO, 9)).isEqualTo(a);
        assertThat(TestMarket.bars(List.of("GDAXI"), FROM, TO, 9))
                .isEqualTo(a.stream().filter(b -> b.index().equals("GDAXI")).toList());
        assertThat(TestMarket.bars(List.of("NYA", "GDAXI"), FROM, TO, 10)).isNotEqualTo(a);
    }

    @Test
    void rejectsBadArguments() {
        final MarketGenerator gen = new MarketGenerator(REF, 1);
        assertThatThrownBy(() -> gen.generate(List.of(), FROM, TO)).hasMessageContaining("at least one index");
        assertThatThrownBy(() -> gen.generate(List.of("A/B"), FROM, TO)).hasMessageContaining("index symbol");
        assertThatThrownBy(() -> gen.generate(List.of("NYA", "NYA"), FROM, TO)).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> gen.generate(List.of("NYA"), TO, FROM)).hasMessageContaining("is after");
    }
}
