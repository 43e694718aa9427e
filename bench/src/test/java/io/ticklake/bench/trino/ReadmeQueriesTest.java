package io.ticklake.bench.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadmeQueriesTest {
    @Test
    void theReadmesAthenaBlockIsFound() throws IOException {
        final List<String> queries = ReadmeQueries.athena(Files.readString(Path.of("../README.md")));
        assertThat(queries).hasSizeGreaterThanOrEqualTo(2).allSatisfy(q -> {
            assertThat(q).startsWith("SELECT").contains("FROM ticklake.").doesNotEndWith(";");
            assertThat(ReadmeQueries.forDuckDb(q, "ticklake")).doesNotContain("ticklake.");
        });
    }

    @Test
    void statementsAreSplitAtSemicolonsOfTheBlockAfterTheAthenaLine() {
        final String readme = String.join("\n", "Local lake:", "```sql", "SELECT 0;", "```",
                "Athena (after a sync):", "", "```sql", "SELECT 1 FROM ticklake.t ORDER BY 1;", "",
                "SELECT count(*) FROM ticklake.t WHERE x IN (SELECT y FROM ticklake.u);", "```", "```sql", "SELECT 3;", "```");
        assertThat(ReadmeQueries.athena(readme)).containsExactly("SELECT 1 FROM ticklake.t ORDER BY 1",
                "SELECT count(*) FROM ticklake.t WHERE x IN (SELECT y FROM ticklake.u)");
        assertThatThrownBy(() -> ReadmeQueries.athena("no queries here")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void orderedOnlyWhenTheOuterQueryOrders() {
        assertThat(ReadmeQueries.ordered("SELECT a FROM t ORDER BY a")).isTrue();
        assertThat(ReadmeQueries.ordered("SELECT lag(a) OVER (PARTITION BY b ORDER BY c) FROM t")).isFalse();
        assertThat(ReadmeQueries.ordered("SELECT a FROM t GROUP BY 1, 2 ORDER BY 2")).isTrue();
    }

    @Test
    void onlyTheDatabaseQualifierIsDropped() {
        assertThat(ReadmeQueries.forDuckDb("SELECT ticklake.x FROM ticklake.t, myticklake.u", "ticklake"))
                .isEqualTo("SELECT x FROM t, myticklake.u");
    }
}
