-- Daily close-to-close returns per index, in trading-date order (the first day has no return).
-- Shared SQL: runs unchanged on Athena (Trino) and DuckDB. Partition columns come last.
SELECT
    close,
    prev_close,
    close / prev_close - 1 AS simple_return,
    ln(close / prev_close) AS log_return,
    "index",
    "date"
FROM (
    SELECT
        "index",
        "date",
        close,
        lag(close) OVER (PARTITION BY "index" ORDER BY "date") AS prev_close
    FROM rollup_ohlc_1d
) AS d
