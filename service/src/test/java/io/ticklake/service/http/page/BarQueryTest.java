package io.ticklake.service.http.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Validation of {@code /api/bars} parameters: every bad one is a {@link BadRequest} with a one-line reason. */
class BarQueryTest {
    private static final List<String> WINDOWS = List.of("1m", "1d");

    private static BarQuery parse(final String query) {
        return BarQuery.parse(QueryParams.parse(query, BarQuery.PARAMETERS), WINDOWS);
    }

    @Test
    void acceptsDatesInstantsAndEncodedSymbols() {
        final BarQuery q = parse("index=%5EGSPC&window=1m&from=2021-05-24&to=2021-05-28T20:00:00Z");
        assertThat(q.index()).isEqualTo("^GSPC");
        assertThat(q.window()).isEqualTo("1m");
        assertThat(q.from().orElseThrow().date()).isEqualTo(LocalDate.parse("2021-05-24"));
        assertThat(q.to().orElseThrow().instant()).isEqualTo(Instant.parse("2021-05-28T20:00:00Z"));
        assertThat(parse("index=NYA&window=1d").from()).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "window=1m | parameter index is required",
            "index=NYA | parameter window is required",
            "index=NY%20A&window=1m | index must match",
            "index=NYA%27%3B%20DROP%20TABLE%20ohlc_1m%3B--&window=1m | index must match",
            "index=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&window=1m | index must match",
            "index=NYA&window=2m | window must be one of the configured windows 1m, 1d",
            "index=NYA&window=1m&from=yesterday | from must be an ISO date",
            "index=NYA&window=1m&to=2021-02-30 | to must be an ISO date",
            "index=NYA&window=1m&from=2021-05-28&to=2021-05-24 | from must not be after to",
            "index=NYA&window=1m&from=2021-05-28T10:00:00Z&to=2021-05-28T09:00:00Z | from must not be after to",
            "index=NYA&window=1m&limit=5 | unknown parameter \"limit\"",
            "index=NYA&index=N225&window=1m | parameter index given more than once",
            "index=%ZZ&window=1m | malformed query string",
    })
    void refusesBadParameters(final String query, final String reason) {
        assertThatThrownBy(() -> parse(query)).isInstanceOf(BadRequest.class)
                .hasMessageContaining(reason).hasMessageNotContaining("\n");
    }
}
