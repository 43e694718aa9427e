package io.ticklake.bench.trino;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The JSON values of Trino's protocol as the Java values DuckDB's JDBC driver returns. */
class TrinoClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Object value(final String json, final String type) throws Exception {
        final JsonNode row = JSON.readTree("[" + json + "]");
        return TrinoClient.value(row.get(0), type);
    }

    @Test
    void typedValues() throws Exception {
        assertThat(value("\"NYA\"", "varchar")).isEqualTo("NYA");
        assertThat(value("\"NYA\"", "varchar(3)")).isEqualTo("NYA");
        assertThat(value("9007199254740993", "bigint")).isEqualTo(9007199254740993L);
        assertThat(value("7", "integer")).isEqualTo(7L);
        assertThat(value("0.1", "double")).isEqualTo(0.1);
        assertThat(value("15234.123456789012", "double")).isEqualTo(15234.123456789012);
        assertThat(value("\"NaN\"", "double")).isEqualTo(Double.NaN);
        assertThat(value("\"-Infinity\"", "double")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(value("\"2021-05-28\"", "date")).isEqualTo(LocalDate.of(2021, 5, 28));
        assertThat(value("\"2021-05-28 13:30:00.125\"", "timestamp(3)"))
                .isEqualTo(LocalDateTime.of(2021, 5, 28, 13, 30, 0, 125_000_000));
        assertThat(value("\"12.50\"", "decimal(10,2)")).isEqualTo(new BigDecimal("12.50"));
        assertThat(value("true", "boolean")).isEqualTo(true);
        assertThat(value("null", "double")).isNull();
    }
}
