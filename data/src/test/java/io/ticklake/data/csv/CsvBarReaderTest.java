package io.ticklake.data.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticklake.data.DailyBar;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvBarReaderTest {
    private static final String HEADER = "Index,Date,Open,High,Low,Close,Adj Close,Volume,CloseUSD\n";
    private static final String GOOD = "NYA,2021-05-28,16555.66,16600.5,16500.25,16580.0,16580.0,4061170000.0,16580.0\n";
    private static final String NEXT_DAY = GOOD.replace("2021-05-28", "2021-05-31");

    private final List<RowRejection> rejections = new ArrayList<>();

    private List<DailyBar> readAll(final String csv) {
        rejections.clear();
        final List<DailyBar> bars = new ArrayList<>();
        try (CsvBarReader reader = CsvBarReader.of(new StringReader(csv)).onRejection(rejections::add)) {
            reader.forEachRemaining(bars::add);
            assertThat(reader.stats().read()).isEqualTo(bars.size() + rejections.size());
            assertThat(reader.stats().accepted()).isEqualTo(bars.size());
            assertThat(reader.stats().rejected()).isEqualTo(rejections.size());
        }
        return bars;
    }

    @Test
    void readsAGoodRowExactly() {
        final List<DailyBar> bars = readAll(HEADER + GOOD);
        assertThat(bars).containsExactly(new DailyBar("NYA", LocalDate.of(2021, 5, 28), 16555.66, 16600.5,
                16500.25, 16580.0, 16580.0, 4_061_170_000L, 16580.0));
        assertThat(rejections).isEmpty();
    }

    @Test
    void toleratesBomCrlfBlankLinesAndQuoting() {
        final String csv = "\uFEFF" + HEADER.replace("\n", "\r\n") + "\r\n"
                + "\"NYA\",\"2021-05-28\",\"16555.66\",16600.5,16500.25,16580.0,16580.0,\"1.2E9\",\r\n"
                + "   \n"
                + "HSI,2021-05-28,29000.0,29100.0,28900.0,29050.0,29050.0,0.0,3776.5\r\n"
                + "\r\n";
        final List<DailyBar> bars = readAll(csv);
        assertThat(rejections).isEmpty();
        assertThat(bars).extracting(DailyBar::index).containsExactly("NYA", "HSI");
        assertThat(bars.get(0).volume()).isEqualTo(1_200_000_000L);
        assertThat(bars.get(0).closeUsd()).isNull();
        assertThat(bars.get(1).volume()).isZero();
    }

    @Test
    void findsColumnsByHeaderNameInAnyOrderAndWithoutOptionalColumns() {
        final String csv = "Date,Volume,Close,Low,High,Open,Index\n2021-05-28,10.0,2.5,2.0,3.0,2.5,GDAXI\n";
        final List<DailyBar> bars = readAll(csv);
        assertThat(bars).containsExactly(new DailyBar("GDAXI", LocalDate.of(2021, 5, 28), 2.5, 3.0, 2.0, 2.5,
                2.5, 10, null));
    }

    @Test
    void quotedFieldsMayContainCommasQuotesAndLineBreaksAndLinesStayRight() {
        final String csv = HEADER + "NYA,2021-05-28,1,1,1,1,1,0.0,\"a,\"\"b\"\"\nc\"\n" + GOOD;
        readAll(csv);
        assertThat(rejections).extracting(RowRejection::line).containsExactly(2L);
        assertThat(rejections.get(0).reason()).contains("CloseUSD");
        final List<DailyBar> bars = readAll(HEADER + "NYA,2021-05-28,1,1,1,1,1,0.0,\"x\ny\"\nbad\n");
        assertThat(bars).isEmpty();
        assertThat(rejections).extracting(RowRejection::line).containsExactly(2L, 4L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad number         | NYA,2021-05-28,abc,2,1,1.5,1.5,0.0,1     | bad number in Open
            NaN                | NYA,2021-05-28,NaN,2,1,1.5,1.5,0.0,1     | bad number in Open
            Infinity           | NYA,2021-05-28,1.5,Infinity,1,1.5,1.5,0.0,1 | bad number in High
            hex float          | NYA,2021-05-28,0x1p1,2,1,1.5,1.5,0.0,1   | bad number in Open
            suffixed double    | NYA,2021-05-28,1.5d,2,1,1.5,1.5,0.0,1    | bad number in Open
            overflow           | NYA,2021-05-28,1.5,1e999,1,1.5,1.5,0.0,1 | High is out of range
            negative price     | NYA,2021-05-28,-1.5,2,1,1.5,1.5,0.0,1    | Open must be > 0
            zero price         | NYA,2021-05-28,1.5,2,0,1.5,1.5,0.0,1     | Low must be > 0
            negative volume    | NYA,2021-05-28,1.5,2,1,1.5,1.5,-5.0,1    | Volume must be >= 0
            fractional volume  | NYA,2021-05-28,1.5,2,1,1.5,1.5,10.5,1    | Volume is not a whole number
            huge volume        | NYA,2021-05-28,1.5,2,1,1.5,1.5,1e19,1    | Volume larger than
            empty volume       | NYA,2021-05-28,1.5,2,1,1.5,1.5,,1        | bad number in Volume
            missing fields     | NYA,2021-05-28,1.5,2,1,1.5               | missing fields
            extra fields       | NYA,2021-05-28,1.5,2,1,1.5,1.5,0.0,1,9   | extra fields
            impossible date    | NYA,2021-02-30,1.5,2,1,1.5,1.5,0.0,1     | bad Date
            bad date format    | NYA,28/05/2021,1.5,2,1,1.5,1.5,0.0,1     | bad Date
            ancient date       | NYA,1850-01-02,1.5,2,1,1.5,1.5,0.0,1     | outside
            low above high     | NYA,2021-05-28,1.5,1,2,1.5,1.5,0.0,1     | Low 2.0 > High 1.0
            open above high    | NYA,2021-05-28,2.5,2,1,1.5,1.5,0.0,1     | Open 2.5 outside
            close below low    | NYA,2021-05-28,1.5,2,1,0.5,1.5,0.0,1     | Close 0.5 outside
            bad symbol         | N YA!,2021-05-28,1.5,2,1,1.5,1.5,0.0,1   | bad index symbol
            empty symbol       | ,2021-05-28,1.5,2,1,1.5,1.5,0.0,1        | bad index symbol
            bad close usd      | NYA,2021-05-28,1.5,2,1,1.5,1.5,0.0,x     | bad number in CloseUSD
            stray quote        | NYA,2021-05-28,1\"5,2,1,1.5,1.5,0.0,1    | quote inside an unquoted field
            text after quote   | NYA,"2021-05-28"x,1.5,2,1,1.5,1.5,0.0,1  | text after a closing quote
            """)
    void rejectsAHostileRowWithItsLineAndReasonAndGoesOn(final String name, final String row, final String reason) {
        final List<DailyBar> bars = readAll(HEADER + GOOD + row + "\n" + NEXT_DAY);
        assertThat(bars).hasSize(2);
        assertThat(rejections).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(3);
            assertThat(r.reason()).contains(reason);
        });
    }

    @Test
    void aSecondRowOfTheSameIndexAndDateIsRejectedNamingTheFirst() {
        final String hsi = "HSI,2021-05-25,29000.0,29100.0,28900.0,29050.0,29050.0,1700000000.0,3776.5\n";
        final String otherValues = hsi.replace("29050.0,29050.0", "29060.0,29060.0");
        final List<DailyBar> bars = readAll(HEADER + hsi + GOOD + hsi + NEXT_DAY + otherValues
                + hsi.replace("HSI", "N225"));
        assertThat(bars).extracting(b -> b.index() + " " + b.date())
                .containsExactly("HSI 2021-05-25", "NYA 2021-05-28", "NYA 2021-05-31", "N225 2021-05-25");
        assertThat(bars.get(0).close()).isEqualTo(29050.0);
        assertThat(rejections).containsExactly(
                new RowRejection(4, "duplicate of line 2 (HSI 2021-05-25)"),
                new RowRejection(6, "duplicate of line 2 (HSI 2021-05-25)"));
    }

    @Test
    void aRejectedRowDoesNotMakeTheNextOneADuplicate() {
        final String bad = GOOD.replace("16555.66", "x");
        final List<DailyBar> bars = readAll(HEADER + bad + GOOD);
        assertThat(bars).hasSize(1);
        assertThat(rejections).singleElement().satisfies(r -> assertThat(r.line()).isEqualTo(2));
    }

    @Test
    void duplicatesAreFoundAcrossAWholeCenturyOfDaysOfManyIndices() {
        final StringBuilder csv = new StringBuilder(HEADER);
        final List<String> rows = new ArrayList<>();
        for (LocalDate d = LocalDate.of(1900, 1, 1); d.isBefore(LocalDate.of(2000, 1, 1)); d = d.plusDays(7)) {
            for (final String index : List.of("NYA", "HSI", "N225")) {
                rows.add(GOOD.replace("NYA", index).replace("2021-05-28", d.toString()));
            }
        }
        rows.forEach(csv::append);
        csv.append(rows.get(1234));
        final List<DailyBar> bars = readAll(csv.toString());
        assertThat(bars).hasSize(rows.size());
        assertThat(rejections).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(rows.size() + 2);
            assertThat(r.reason()).startsWith("duplicate of line " + (1234 + 2) + " ");
        });
    }

    @Test
    void anUnterminatedQuoteRejectsTheLastRow() {
        final List<DailyBar> bars = readAll(HEADER + GOOD + "NYA,\"2021-05-28,1,1,1,1,1,0.0,1\n");
        assertThat(bars).hasSize(1);
        assertThat(rejections).singleElement().isEqualTo(new RowRejection(3, "unterminated quoted field"));
    }

    @Test
    void aRowOfEndlessFieldsIsRejectedWithoutHoldingThemAll() {
        final String endless = "NYA" + ",1".repeat(CsvTokenizer.MAX_FIELDS * 4) + "\n";
        final List<DailyBar> bars = readAll(HEADER + endless + GOOD);
        assertThat(bars).hasSize(1);
        assertThat(rejections).singleElement().isEqualTo(new RowRejection(2, "more than 1024 fields"));
    }

    @Test
    void aMissingRequiredColumnIsOneClearError() {
        assertThatThrownBy(() -> CsvBarReader.of(new StringReader("Index,Date,Open,High,Close\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("CSV header is missing column(s) Low, Volume");
        assertThatThrownBy(() -> CsvBarReader.of(new StringReader("")))
                .hasMessage("CSV is empty: no header line");
    }

    @Test
    void opensAFileAndNamesItInErrors(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("bars.csv");
        Files.writeString(file, HEADER + GOOD, StandardCharsets.UTF_8);
        try (CsvBarReader reader = CsvBarReader.open(file)) {
            assertThat(reader.next().index()).isEqualTo("NYA");
            assertThat(reader.hasNext()).isFalse();
            assertThat(reader.stats()).isEqualTo(new ReadStats(1, 1, 0));
        }
        assertThatThrownBy(() -> CsvBarReader.open(dir.resolve("absent.csv")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absent.csv");
        assertThatThrownBy(() -> CsvBarReader.open(dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cannot read " + dir);
        Files.writeString(file, "a,b\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CsvBarReader.open(file)).hasMessageContaining(file + ": CSV header is missing");
    }

    @Test
    void writerOutputReadsBackIdentical(@TempDir final Path dir) {
        final List<DailyBar> bars = List.of(
                new DailyBar("000001.SS", LocalDate.of(1999, 1, 4), 1.0E-3, 123456789.123, 1.0E-3, 0.5, 0.5, 0, null),
                new DailyBar("NYA", LocalDate.of(2021, 5, 28), 16555.66, 16600.5, 16500.25, 16580.0, 16580.1,
                        BarRowParser.MAX_VOLUME, 16580.0));
        final Path file = dir.resolve("out/bars.csv");
        try (CsvBarWriter writer = CsvBarWriter.create(file)) {
            bars.forEach(writer::write);
            assertThat(writer.rows()).isEqualTo(2);
        }
        final List<DailyBar> back = new ArrayList<>();
        try (CsvBarReader reader = CsvBarReader.open(file).onRejection(rejections::add)) {
            reader.forEachRemaining(back::add);
        }
        assertThat(rejections).isEmpty();
        assertThat(back).isEqualTo(bars);
    }
}
