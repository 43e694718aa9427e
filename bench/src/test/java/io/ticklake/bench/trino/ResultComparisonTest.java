package io.ticklake.bench.trino;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.query.sql.QueryResult;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultComparisonTest {
    private static final ResultComparison COMPARE = new ResultComparison(2e-15);
    private static final List<String> COLUMNS = List.of("index", "date", "vwap", "volume");

    private static QueryResult trino(final List<List<Object>> rows) {
        return new QueryResult(COLUMNS, List.of("varchar", "date", "double", "bigint"), rows, -1, Duration.ZERO);
    }

    private static QueryResult duck(final List<List<Object>> rows) {
        return new QueryResult(COLUMNS, List.of("VARCHAR", "DATE", "DOUBLE", "BIGINT"), rows, -1, Duration.ZERO);
    }

    private static List<Object> row(final String index, final String date, final double vwap, final long volume) {
        return Arrays.asList(index, LocalDate.parse(date), vwap, volume);
    }

    @Test
    void doublesWithinTheToleranceAreEqualAndTheLargestDifferenceIsReported() {
        final double v = 15234.123456789;
        final double next = Math.nextUp(v); // one ulp: ~1.2e-16 relative
        final ResultComparison.Outcome o = COMPARE.compare(trino(List.of(row("NYA", "2021-05-03", next, 10))),
                duck(List.of(row("NYA", "2021-05-03", v, 10))), true);
        assertThat(o.equal()).isTrue();
        assertThat(o.rows()).isEqualTo(1);
        assertThat(o.maxRelative()).isPositive().isLessThan(2e-15);
    }

    @Test
    void doublesBeyondTheToleranceDiffer() {
        final double v = 15234.123456789;
        final ResultComparison.Outcome o = COMPARE.compare(trino(List.of(row("NYA", "2021-05-03", v * (1 + 1e-14), 10))),
                duck(List.of(row("NYA", "2021-05-03", v, 10))), true);
        assertThat(o.equal()).isFalse();
        assertThat(o.difference()).contains("row 0, vwap").contains("relative");
    }

    @Test
    void unorderedResultsAreComparedAsMultisetsOrderedOnesInOrder() {
        final List<List<Object>> a = List.of(row("NYA", "2021-05-03", 1.5, 10), row("HSI", "2021-05-03", 2.5, 20));
        final List<List<Object>> b = List.of(row("HSI", "2021-05-03", 2.5, 20), row("NYA", "2021-05-03", 1.5, 10));
        assertThat(COMPARE.compare(trino(a), duck(b), false).equal()).isTrue();
        assertThat(COMPARE.compare(trino(a), duck(b), true).difference()).startsWith("row 0, index: Trino NYA, DuckDB HSI");
    }

    @Test
    void integersAndNullsExactlyAndCountsTypesAndNames() {
        final List<List<Object>> a = List.of(row("NYA", "2021-05-03", 1.5, 10));
        assertThat(COMPARE.compare(trino(a), duck(List.of(row("NYA", "2021-05-03", 1.5, 11))), false).difference())
                .contains("volume: Trino 10, DuckDB 11");
        assertThat(COMPARE.compare(trino(List.of(Arrays.asList("NYA", LocalDate.parse("2021-05-03"), null, 10L))),
                duck(List.of(Arrays.asList("NYA", LocalDate.parse("2021-05-03"), null, 10))), false).equal()).isTrue();
        assertThat(COMPARE.compare(trino(a), duck(List.of()), false).difference()).contains("row counts differ");
        final QueryResult realVolume = new QueryResult(COLUMNS, List.of("VARCHAR", "DATE", "DOUBLE", "DOUBLE"), a, -1,
                Duration.ZERO);
        assertThat(COMPARE.compare(trino(a), realVolume, false).difference()).startsWith("type of volume differs");
        final QueryResult renamed = new QueryResult(List.of("index", "date", "vwap", "vol"),
                List.of("VARCHAR", "DATE", "DOUBLE", "BIGINT"), a, -1, Duration.ZERO);
        assertThat(COMPARE.compare(trino(a), renamed, false).difference()).startsWith("columns differ");
    }

    @Test
    void duckDbsUtcTimestampTzIsTrinosTimestampAtTheSameUtcWallClock() {
        final QueryResult t = new QueryResult(List.of("ts"), List.of("timestamp(3)"),
                List.of(List.of(LocalDateTime.parse("2021-05-28T13:30:00.123"))), -1, Duration.ZERO);
        final QueryResult d = new QueryResult(List.of("ts"), List.of("TIMESTAMP WITH TIME ZONE"),
                List.of(List.of(OffsetDateTime.parse("2021-05-28T15:30:00.123+02:00"))), -1, Duration.ZERO);
        assertThat(COMPARE.compare(t, d, true).equal()).isTrue();
        final QueryResult later = new QueryResult(List.of("ts"), List.of("TIMESTAMP WITH TIME ZONE"),
                List.of(List.of(OffsetDateTime.of(2021, 5, 28, 13, 30, 0, 124_000_000, ZoneOffset.UTC))), -1, Duration.ZERO);
        assertThat(COMPARE.compare(t, later, true).equal()).isFalse();
        assertThat(ResultComparison.sqlType("timestamp(3) with time zone")).isNotEqualTo(ResultComparison.sqlType("TIMESTAMP"));
    }

    @Test
    void relativeDifference() {
        assertThat(ResultComparison.relative(Double.NaN, Double.NaN)).isZero();
        assertThat(ResultComparison.relative(0.0, -0.0)).isZero();
        assertThat(ResultComparison.relative(1.0, Double.NaN)).isInfinite();
        assertThat(ResultComparison.relative(100, 101)).isEqualTo(1.0 / 101);
    }
}
