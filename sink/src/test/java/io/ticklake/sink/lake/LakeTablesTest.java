package io.ticklake.sink.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LakeTablesTest {

    @Test
    void defaultsMapTopicsToTables() {
        final LakeTables t = LakeTables.defaults();
        assertThat(t.topics()).containsExactly("ohlc-1d", "ohlc-1m", "ticks-enriched");
        assertThat(t.forTopic("ticks-enriched").orElseThrow()).isEqualTo(
                new LakeTable("ticks-enriched", "ticks", LakeTable.Kind.TICKS));
        assertThat(t.forTopic("ohlc-1m").orElseThrow().name()).isEqualTo("ohlc_1m");
        assertThat(t.forTopic("ohlc-1m").orElseThrow().schema()).isSameAs(LakeSchemas.OHLC);
        assertThat(t.forTopic("ticks-raw")).isEmpty();
        assertThat(LakeTables.forWindows(List.of("5m")).toString()).isEqualTo("ohlc-5m=ohlc_5m,ticks-enriched=ticks");
    }

    @Test
    void parsesAMapping() {
        final LakeTables t = LakeTables.parse("ticks-enriched=ticks, ohlc-1h=ohlc_1h");
        assertThat(t.byName("ohlc_1h").orElseThrow().kind()).isEqualTo(LakeTable.Kind.OHLC);
        assertThat(LakeTables.parse(t.toString()).tables()).isEqualTo(t.tables());
        assertThatThrownBy(() -> LakeTables.parse("ticks-enriched")).hasMessageContaining("topic=table");
        assertThatThrownBy(() -> LakeTables.parse("a=ticks,b=ticks")).hasMessageContaining("two topics");
        assertThatThrownBy(() -> LakeTables.parse("foo=bar")).hasMessageContaining("cannot tell");
        assertThatThrownBy(() -> LakeTables.parse("ticks-enriched=Ticks/x")).hasMessageContaining("table name");
    }

    @Test
    void aTableKindCanBeDeclaredSoNamesNeedNotTellIt() {
        // e.g. topology.topic.ohlc.prefix=bars-: the topic no longer starts with "ohlc"
        final LakeTables t = LakeTables.parse("bars-5m=minute_bars:ohlc,enriched=quotes:ticks,ohlc-x=ticks_x:tick");
        assertThat(t.forTopic("bars-5m").orElseThrow()).isEqualTo(new LakeTable("bars-5m", "minute_bars",
                LakeTable.Kind.OHLC));
        assertThat(t.forTopic("enriched").orElseThrow().kind()).isEqualTo(LakeTable.Kind.TICKS);
        // a declaration wins over the name
        assertThat(t.forTopic("ohlc-x").orElseThrow().kind()).isEqualTo(LakeTable.Kind.TICKS);
        assertThat(LakeTables.parse(t.toString()).tables()).isEqualTo(t.tables());
        assertThatThrownBy(() -> LakeTables.parse("a=b:candles")).hasMessageContaining("candles")
                .hasMessageContaining("ohlc");
        assertThat(LakeTables.forWindows("bars-", List.of("5m")).forTopic("bars-5m").orElseThrow().kind())
                .isEqualTo(LakeTable.Kind.OHLC);
    }

    @Test
    void eachKindHasItsCodec() throws Exception {
        final TableCodec bars = LakeTable.Kind.OHLC.codec();
        assertThat(bars.schema()).isSameAs(LakeSchemas.OHLC);
        final Object bar = bars.decode(("{\"index\":\"NYA\",\"trading_date\":\"2021-05-28\",\"window_start\":1,"
                + "\"window_end\":2,\"open\":1.0,\"high\":2.0,\"low\":0.5,\"close\":1.5,\"volume\":3}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(bars.index(bar)).isEqualTo("NYA");
        assertThat(bars.date(bar)).isEqualTo("2021-05-28");
        final RowBuffer rows = new RowBuffer(bars.schema());
        bars.append(rows, bar, 2, 7);
        assertThat(rows.size()).isEqualTo(1);
        assertThat(LakeTable.Kind.TICKS.codec().schema()).isSameAs(LakeSchemas.TICKS);
    }

    @Test
    void schemasUseTimestampMillisAndLineage() {
        assertThat(LakeSchemas.TICKS.getField("ts").schema().getLogicalType().getName()).isEqualTo("timestamp-millis");
        assertThat(LakeSchemas.OHLC.getField("first_tick_ts").schema().getLogicalType().getName())
                .isEqualTo("timestamp-millis");
        for (var s : List.of(LakeSchemas.TICKS, LakeSchemas.OHLC)) {
            assertThat(s.getField("kafka_partition")).isNotNull();
            assertThat(s.getField("kafka_offset")).isNotNull();
            assertThat(s.getField("index")).isNull();
            assertThat(s.getField("date")).isNull();
        }
    }
}
