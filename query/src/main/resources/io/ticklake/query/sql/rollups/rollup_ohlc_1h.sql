-- Hourly bars per index from the 1-minute bars: UTC-aligned hours, within one trading date.
-- Shared SQL: runs unchanged on Athena (Trino) and DuckDB. Partition columns come last.
SELECT
    date_trunc('hour', window_start) AS window_start,
    date_trunc('hour', window_start) + INTERVAL '1' HOUR AS window_end,
    min_by(open, window_start) AS open,
    max(high) AS high,
    min(low) AS low,
    max_by(close, window_start) AS close,
    CAST(sum(volume) AS BIGINT) AS volume,
    COALESCE(sum(vwap * volume) / NULLIF(CAST(sum(volume) AS DOUBLE), 0), avg(vwap)) AS vwap,
    CAST(sum(tick_count) AS BIGINT) AS tick_count,
    min(first_tick_ts) AS first_tick_ts,
    max(last_tick_ts) AS last_tick_ts,
    "index",
    "date"
FROM ohlc_1m
GROUP BY "index", "date", date_trunc('hour', window_start)
