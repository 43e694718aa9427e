package io.ticklake.sink.lake;

import io.ticklake.data.EnrichedTick;
import io.ticklake.data.OhlcBar;

/** Appends domain records to {@link RowBuffer}s of the lake schemas (column indices resolved once). */
public final class LakeRows {
    private static final RowBuffer T = new RowBuffer(LakeSchemas.TICKS);
    private static final int T_TS = T.column("ts");
    private static final int T_PRICE = T.column("price");
    private static final int T_VOLUME = T.column("volume");
    private static final int T_EXCHANGE = T.column("exchange");
    private static final int T_REGION = T.column("region");
    private static final int T_CURRENCY = T.column("currency");
    private static final int T_PRICE_USD = T.column("price_usd");
    private static final int T_SEQ = T.column("seq");
    private static final int T_PREV = T.column("prev_price");
    private static final int T_CHANGE = T.column("change");
    private static final int T_CHANGE_PCT = T.column("change_pct");
    private static final int T_DAY_OPEN = T.column("day_open");
    private static final int T_DAY_HIGH = T.column("day_high");
    private static final int T_DAY_LOW = T.column("day_low");
    private static final int T_DAY_VOLUME = T.column("day_volume");
    private static final int T_VWAP = T.column("vwap");
    private static final int T_PART = T.column("kafka_partition");
    private static final int T_OFFSET = T.column("kafka_offset");

    private static final RowBuffer B = new RowBuffer(LakeSchemas.OHLC);
    private static final int B_START = B.column("window_start");
    private static final int B_END = B.column("window_end");
    private static final int B_OPEN = B.column("open");
    private static final int B_HIGH = B.column("high");
    private static final int B_LOW = B.column("low");
    private static final int B_CLOSE = B.column("close");
    private static final int B_VOLUME = B.column("volume");
    private static final int B_VWAP = B.column("vwap");
    private static final int B_COUNT = B.column("tick_count");
    private static final int B_FIRST = B.column("first_tick_ts");
    private static final int B_LAST = B.column("last_tick_ts");
    private static final int B_PART = B.column("kafka_partition");
    private static final int B_OFFSET = B.column("kafka_offset");

    private LakeRows() {
    }

    /** Appends {@code t} read from {@code partition}/{@code offset} to a buffer of {@link LakeSchemas#TICKS}. */
    public static void append(final RowBuffer rows, final EnrichedTick t, final int partition, final long offset) {
        rows.beginRow();
        rows.setLong(T_TS, t.ts());
        rows.setDouble(T_PRICE, t.price());
        rows.setLong(T_VOLUME, t.volume());
        rows.setString(T_EXCHANGE, t.exchange());
        rows.setString(T_REGION, t.region());
        rows.setString(T_CURRENCY, t.currency());
        rows.setDouble(T_PRICE_USD, t.priceUsd());
        rows.setLong(T_SEQ, t.seq());
        rows.setDouble(T_PREV, t.prevPrice());
        rows.setDouble(T_CHANGE, t.change());
        rows.setDouble(T_CHANGE_PCT, t.changePct());
        rows.setDouble(T_DAY_OPEN, t.dayOpen());
        rows.setDouble(T_DAY_HIGH, t.dayHigh());
        rows.setDouble(T_DAY_LOW, t.dayLow());
        rows.setLong(T_DAY_VOLUME, t.dayVolume());
        rows.setDouble(T_VWAP, t.vwap());
        rows.setInt(T_PART, partition);
        rows.setLong(T_OFFSET, offset);
        rows.endRow();
    }

    /** Appends {@code b} read from {@code partition}/{@code offset} to a buffer of {@link LakeSchemas#OHLC}. */
    public static void append(final RowBuffer rows, final OhlcBar b, final int partition, final long offset) {
        rows.beginRow();
        rows.setLong(B_START, b.windowStart());
        rows.setLong(B_END, b.windowEnd());
        rows.setDouble(B_OPEN, b.open());
        rows.setDouble(B_HIGH, b.high());
        rows.setDouble(B_LOW, b.low());
        rows.setDouble(B_CLOSE, b.close());
        rows.setLong(B_VOLUME, b.volume());
        rows.setDouble(B_VWAP, b.vwap());
        rows.setLong(B_COUNT, b.tickCount());
        rows.setLong(B_FIRST, b.firstTickTs());
        rows.setLong(B_LAST, b.lastTickTs());
        rows.setInt(B_PART, partition);
        rows.setLong(B_OFFSET, offset);
        rows.endRow();
    }
}
