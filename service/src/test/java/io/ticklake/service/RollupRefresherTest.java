package io.ticklake.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.DailyBar;
import io.ticklake.data.OhlcBar;
import io.ticklake.data.testing.TestMarket;
import io.ticklake.query.sql.DuckDbEngine;
import io.ticklake.query.sql.IndexDay;
import io.ticklake.query.sql.LocalLake;
import io.ticklake.query.sql.RollupJournal;
import io.ticklake.sink.lake.LakeTables;
import io.ticklake.sink.testing.MinuteBarLake;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the refresher does at start: rollup tables that do not exist are built in full; a day whose
 * journal entry a crash left behind is refreshed; a day that landed with no entry (refreshes were off)
 * is found by the start-up scan.
 */
class RollupRefresherTest {
    private static final List<DailyBar> DAYS = TestMarket.bars(List.of("NYA"), LocalDate.of(2021, 3, 1),
            LocalDate.of(2021, 3, 31), TestMarket.SEED);
    @TempDir
    Path lake;

    @Test
    void atStartMissingTablesAreBuiltAndDaysLeftByACrashOrWithoutAnEntryAreRefreshed() throws Exception {
        final int n = DAYS.size();
        land(DAYS.subList(0, n - 2));
        try (RollupRefresher first = refresher().start()) {
            assertThat(first.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
        }
        assertThat(count("rollup_ohlc_1d")).isEqualTo(n - 2);
        assertThat(count("rollup_volatility")).isEqualTo(n - 2);

        // killed after the sink committed day n-1 (its entry is in the journal) and then day n landed with
        // refreshes off (no entry)
        land(DAYS.subList(n - 2, n - 1));
        new RollupJournal(lake).add(Set.of(new IndexDay("NYA", DAYS.get(n - 2).date())));
        land(DAYS.subList(n - 1, n));

        try (RollupRefresher second = refresher().start()) {
            assertThat(second.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            assertThat(second.metrics().snapshot().indexDays()).isEqualTo(2);
            assertThat(second.metrics().snapshot().errors()).isZero();
        }
        assertThat(count("rollup_ohlc_1d")).isEqualTo(n);
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            final var row = engine.query("SELECT prev_close, close FROM rollup_daily_returns WHERE \"date\" = DATE '"
                    + DAYS.get(n - 1).date() + "'").rows().get(0);
            assertThat(row).containsExactly(DAYS.get(n - 2).close(), DAYS.get(n - 1).close());
        }
        assertThat(new RollupJournal(lake).pending().isEmpty()).isTrue();
    }

    private RollupRefresher refresher() {
        return new RollupRefresher(lake, LakeTables.defaults(), Duration.ofMillis(100), Clock.systemUTC());
    }

    private void land(final List<DailyBar> days) {
        final List<OhlcBar> bars = MinuteBarLake.minuteBars(days, Duration.ofMinutes(1), TestMarket.SEED);
        MinuteBarLake.write(lake, bars);
    }

    private long count(final String table) {
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            return ((Number) engine.query("SELECT count(*) FROM " + table).rows().get(0).get(0)).longValue();
        }
    }
}
