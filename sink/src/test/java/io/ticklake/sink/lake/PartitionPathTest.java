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
