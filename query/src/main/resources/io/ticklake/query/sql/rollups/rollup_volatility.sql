-- Rolling volatility per index: sample standard deviation of the daily log returns over the last
-- 20 trading days (NULL until 20 returns are available), and annualized with 252 trading days.
-- Shared SQL: runs unchanged on Athena (Trino) and DuckDB. Partition columns come last.
SELECT
    log_return,
    observations,
    CASE WHEN observations = 20 THEN volatility END AS volatility_20d,
    CASE WHEN observations = 20 THEN volatility * sqrt(252) END AS volatility_20d_annualized,
    "index",
    "date"
FROM (
    SELECT
        "index",
        "date",
        log_return,
        CAST(count(log_return) OVER (
            PARTITION BY "index" ORDER BY "date" ROWS BETWEEN 19 PRECEDING AND CURRENT ROW) AS BIGINT)
            AS observations,
        stddev_samp(log_return) OVER (
            PARTITION BY "index" ORDER BY "date" ROWS BETWEEN 19 PRECEDING AND CURRENT ROW) AS volatility
    FROM rollup_daily_returns
) AS v
