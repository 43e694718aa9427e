package io.ticklake.query.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.Statement;

/** Every rollup's SQL is valid Trino (Athena engine) syntax: parsed by Trino's own parser. */
class RollupSqlTrinoTest {
    private final SqlParser parser = new SqlParser();

    @Test
    void everyRollupParsesAsATrinoQuery() {
        assertThat(Rollups.all()).extracting(Rollup::table).containsExactly(
                "rollup_ohlc_1h", "rollup_ohlc_1d", "rollup_daily_returns", "rollup_volatility");
        for (final Rollup rollup : Rollups.all()) {
            final Statement statement = parser.createStatement(rollup.sql());
            assertThat(statement).as(rollup.table()).isInstanceOf(Query.class);
            assertThat(rollup.sql()).as(rollup.table()).containsPattern("\"index\",\\s*\"date\"\\s*FROM");
        }
    }
}
