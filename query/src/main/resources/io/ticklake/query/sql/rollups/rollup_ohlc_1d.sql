-- Daily bars per index and trading date (the "date" partition) from the 1-minute bars.
-- open = the first bar's open, close = the last bar's close; vwap weighted by volume.
-- Shared SQL: runs unchanged on Athena (Trino) and DuckDB. Partition columns come last.
SELECT
    min(window_start) AS window_start,
    max(window_end) AS window_end,
    min_by(open, window_start) AS open,
    max(high) AS high,
    min(low) AS low,
    max_by(close, window_start) AS close,
    CAST(sum(volume) AS BIGINT) AS volume,
    COALESCE(sum(vwap * volume) / NULLIF(CAST(sum(volume) AS DOUBLE), 0), avg(vwap)) AS vwap,
    CAST(sum(tick_count) AS BIGINT) AS tick_count,
    CAST(count(*) AS BIGINT) AS bar_count,
    min(first_tick_ts) AS first_tick_ts,
    max(last_tick_ts) AS last_tick_ts,
    "index",
    "date"
FROM ohlc_1m
GROUP BY "index", "date"
