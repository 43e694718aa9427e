package io.ticklake.sink.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionPathTest {

    @Test
    void layoutAndFileName() {
        final PartitionPath p = new PartitionPath("ticks", "NYA", "2021-05-28");
        assertThat(p.dir()).isEqualTo("ticks/index=NYA/date=2021-05-28");
        assertThat(p.fileKey("ticks-enriched", 3, 123_456))
                .isEqualTo("ticks/index=NYA/date=2021-05-28/ticks-enriched+3+00000000000000123456.parquet");
        assertThat(new PartitionPath("ohlc_1m", "000001.SS", "2021-05-28").dir())
                .isEqualTo("ohlc_1m/index=000001.SS/date=2021-05-28");
    }

    @Test
    void coarseLayoutsKeyByIndexAndYearOrIndexAlone() {
        final PartitionPath y = PartitionPath.of("ohlc_1d", PartitionLayout.INDEX_YEAR, "a/b", "2021-05-28");
        assertThat(y.dir()).isEqualTo("ohlc_1d/index=a%2Fb/year=2021");
        assertThat(y.values()).containsExactly("a/b", "2021");
        assertThat(y).isEqualTo(PartitionPath.of("ohlc_1d", PartitionLayout.INDEX_YEAR, "a/b", "2021-01-04"));
        assertThat(y.fileKey("ohlc-1d", 0, 7)).isEqualTo("ohlc_1d/index=a%2Fb/year=2021/ohlc-1d+0+00000000000000000007.parquet");
        final PartitionPath i = PartitionPath.of("ohlc_1d", PartitionLayout.INDEX, "NYA", "2021-05-28");
        assertThat(i.dir()).isEqualTo("ohlc_1d/index=NYA");
        assertThat(i.values()).containsExactly("NYA");
        assertThat(i.fileKey("ohlc-1d", 2, 9)).isEqualTo("ohlc_1d/index=NYA/ohlc-1d+2+00000000000000000009.parquet");
        assertThatThrownBy(() -> PartitionPath.of("ohlc_1d", PartitionLayout.INDEX_YEAR, "NYA", "2021-02-30"))
                .hasMessageContaining("yyyy-MM-dd");
        assertThatThrownBy(() -> new PartitionPath("ohlc_1d", PartitionLayout.INDEX_YEAR, "NYA", "../x"))
                .hasMessageContaining("year must be yyyy");
        assertThatThrownBy(() -> new PartitionPath("ohlc_1d", PartitionLayout.INDEX, "NYA", "2021"))
                .hasMessageContaining("no second value");
    }

    @Test
    void coarseLayoutsKeepTheTradingDateAsALastFileColumn() {
        final LakeTable t = new LakeTable("ohlc-1d", "ohlc_1d", LakeTable.Kind.OHLC, PartitionLayout.INDEX_YEAR);
        final var fields = t.schema().getFields();
        assertThat(fields.get(fields.size() - 1).name()).isEqualTo("date");
        assertThat(fields.get(fields.size() - 1).schema().getLogicalType().getName()).isEqualTo("date");
        assertThat(fields.subList(0, fields.size() - 1).stream().map(org.apache.avro.Schema.Field::name).toList())
                .isEqualTo(LakeSchemas.OHLC.getFields().stream().map(org.apache.avro.Schema.Field::name).toList());
        assertThat(t.withLayout(PartitionLayout.INDEX_DATE).schema()).isSameAs(LakeSchemas.OHLC);
        assertThat(PartitionLayout.parse("index=/year=")).isEqualTo(PartitionLayout.INDEX_YEAR);
        assertThat(PartitionLayout.defaultFor(LakeTable.Kind.OHLC, "ohlc_1d")).isEqualTo(PartitionLayout.INDEX);
        assertThat(PartitionLayout.defaultFor(LakeTable.Kind.OHLC, "ohlc_1m")).isEqualTo(PartitionLayout.INDEX_DATE);
        assertThat(PartitionLayout.defaultFor(LakeTable.Kind.TICKS, "ticks")).isEqualTo(PartitionLayout.INDEX_DATE);
    }

    @Test
    void hostileValuesStayInOneSegment() {
        final String longValue = "x".repeat(300);
        final List<String> hostile = List.of("../x", "a/b", "%", "=", ".", "..", "", "^GSPC", "日経平均",
                longValue, "é".repeat(200), "a\\b", "a b", "\u0000");
        for (String v : hostile) {
            final String esc = PartitionPath.escape(v);
            assertThat(esc).matches("[A-Za-z0-9._%-]+").doesNotContain("/");
            assertThat(esc.length()).isLessThanOrEqualTo(PartitionPath.MAX_ESCAPED);
            final String dir = new PartitionPath("ticks", v, "2021-05-28").dir();
            assertThat(dir.split("/")).hasSize(3).allSatisfy(seg -> assertThat(seg).isNotIn(".", "..", ""));
            assertThat(dir).startsWith("ticks/index=");
            if (esc.length() < PartitionPath.MAX_ESCAPED - 20 && !v.isEmpty()) {
                assertThat(PartitionPath.unescape(esc)).isEqualTo(v);
            }
        }
        assertThat(PartitionPath.escape("a/b")).isEqualTo("a%2Fb");
        assertThat(PartitionPath.escape("=")).isEqualTo("%3D");
        assertThat(PartitionPath.escape("")).isEqualTo(PartitionPath.DEFAULT_PARTITION);
    }

    @Test
    void longValuesAreCutWithAHashAndStayDistinct() {
        final String a = "x".repeat(299) + "a";
        final String b = "x".repeat(299) + "b";
        assertThat(PartitionPath.escape(a)).isNotEqualTo(PartitionPath.escape(b));
        assertThat(PartitionPath.escape("%".repeat(100))).doesNotEndWith("%").doesNotContain("%-");
    }

    @Test
    void rejectsBadTablesAndDates() {
        assertThatThrownBy(() -> new PartitionPath("../t", "NYA", "2021-05-28")).hasMessageContaining("table name");
        assertThatThrownBy(() -> new PartitionPath("Ticks", "NYA", "2021-05-28")).hasMessageContaining("table name");
        assertThatThrownBy(() -> new PartitionPath("ticks", "NYA", "2021-02-30")).hasMessageContaining("yyyy-MM-dd");
        assertThatThrownBy(() -> new PartitionPath("ticks", "NYA", "../../etc")).hasMessageContaining("yyyy-MM-dd");
        assertThat(PartitionPath.isDate("2024-02-29")).isTrue();
        assertThat(PartitionPath.isDate("2023-02-29")).isFalse();
    }
}
