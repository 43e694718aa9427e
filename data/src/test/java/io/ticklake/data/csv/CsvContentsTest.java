package io.ticklake.data.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticklake.data.DailyBar;
import io.ticklake.data.testing.TestMarket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvContentsTest {
    @TempDir
    Path dir;

    @Test
    void findsTheIndicesTheirDatesAndHowManyRowsASelectionTakes() throws Exception {
        final List<DailyBar> bars = TestMarket.oneWeek();
        final Path csv = TestMarket.writeCsv(dir.resolve("week.csv"), bars);
        final List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
        lines.add("NYA,2021-05-26,1,2,x,1,1,1,1");
        Files.write(csv, lines, StandardCharsets.UTF_8);
        final LocalDate wednesday = LocalDate.of(2021, 5, 26);

        final CsvContents contents = CsvContents.scan(csv, b -> b.date().equals(wednesday));

        final Set<String> indices = bars.stream().map(DailyBar::index).collect(Collectors.toSet());
        assertThat(contents.indices().keySet()).containsExactlyInAnyOrderElementsOf(indices);
        assertThat(contents.indices().get("N225"))
                .isEqualTo(new CsvContents.IndexRows(5, LocalDate.of(2021, 5, 24), LocalDate.of(2021, 5, 28)));
        assertThat(contents.selected()).isEqualTo(bars.stream().filter(b -> b.date().equals(wednesday)).count());
        assertThat(contents.stats()).isEqualTo(new ReadStats(bars.size() + 1, bars.size(), 1));
        assertThat(contents.firstRejection()).get().extracting(RowRejection::line).isEqualTo((long) lines.size());
        assertThat(contents.first()).contains(LocalDate.of(2021, 5, 24));
        assertThat(contents.last()).contains(LocalDate.of(2021, 5, 28));
    }

    @Test
    void aFileThatIsNoKaggleCsvIsOneLineNamingIt() throws Exception {
        final Path csv = Files.writeString(dir.resolve("other.csv"), "Symbol,Day,Price\nNYA,2021-05-28,1\n");
        assertThatThrownBy(() -> CsvContents.scan(csv, b -> true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(csv + ": CSV header is missing column(s) Index, Date");
    }
}
