package io.ticklake.query.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultFormatterTest {
    private static final String HOSTILE = "a,b \"q\"\r\nline2\ttab\u0001 é";

    private static QueryResult result() {
        return new QueryResult(List.of("index", "note", "n", "x", "flag"), List.of("VARCHAR", "VARCHAR", "BIGINT",
                "DOUBLE", "BOOLEAN"), List.of(Arrays.asList("NYA", HOSTILE, 3L, 1.5, true),
                Arrays.asList("N225", null, null, Double.NaN, false)), 0, Duration.ZERO);
    }

    @Test
    void jsonReadsBackToTheSameValuesWhateverTheText() throws Exception {
        final String json = ResultFormatter.format(result(), ResultFormatter.Format.JSON);
        final JsonNode rows = new ObjectMapper().readTree(json);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("note").asText()).isEqualTo(HOSTILE);
        assertThat(rows.get(0).get("n").isIntegralNumber()).isTrue();
        assertThat(rows.get(0).get("x").asDouble()).isEqualTo(1.5);
        assertThat(rows.get(0).get("flag").asBoolean()).isTrue();
        assertThat(rows.get(1).get("note").isNull()).isTrue();
        assertThat(rows.get(1).get("x").asText()).isEqualTo("NaN");
        assertThat(json).startsWith("[\n  {\"index\": \"NYA\", ").contains("},\n  {").endsWith("}\n]\n");
        assertThat(ResultFormatter.format(new QueryResult(List.of("a"), List.of("INTEGER"), List.of(), 0,
                Duration.ZERO), ResultFormatter.Format.JSON)).isEqualTo("[]\n");
    }

    @Test
    void csvIsRfc4180AndReadsBackToTheSameFields() throws Exception {
        final String csv = ResultFormatter.format(result(), ResultFormatter.Format.CSV);
        assertThat(csv).startsWith("index,note,n,x,flag\r\n").endsWith("\r\n");
        final CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        final List<List<String>> back = mapper.readerForListOf(List.class).<List<List<String>>>readValue(csv);
        assertThat(back).hasSize(3);
        assertThat(back.get(1)).containsExactly("NYA", HOSTILE, "3", "1.5", "true");
        assertThat(back.get(2)).containsExactly("N225", "", "", "NaN", "false");
    }
}
