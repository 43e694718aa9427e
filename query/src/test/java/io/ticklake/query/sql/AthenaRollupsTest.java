package io.ticklake.query.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ticklake.sink.store.LakeRoot;
import io.ticklake.sink.lake.PartitionLayout;
import io.ticklake.sink.store.S3ObjectStore;
import io.ticklake.sink.store.S3Settings;
import io.ticklake.sink.testing.MotoServer;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.CreateTableAsSelect;
import io.trino.sql.tree.Insert;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The statements Athena rollups run: valid Trino, ≤ 100 partitions each, in order, and the prefix emptied. */
class AthenaRollupsTest {
    private final SqlParser trino = new SqlParser();

    @Test
    void ctasAndInsertsAreValidTrinoWithAtMostOneHundredPartitionsEach() {
        final Rollup declared = Rollups.named("rollup_volatility");
        final Rollup rollup = new Rollup(declared.table(), declared.sources(), declared.sql(), declared.reach(), PartitionLayout.INDEX_DATE);
        final String ctas = AthenaRollups.createTable(rollup, "s3://lake/p/rollup_volatility/");
        assertThat(trino.createStatement(ctas)).isInstanceOf(CreateTableAsSelect.class);
        assertThat(ctas).contains("partitioned_by = ARRAY['index', 'date']", "format = 'PARQUET'", "WITH NO DATA");

        final List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            dates.add(LocalDate.of(2020, 1, 1).plusDays(i));
        }
        final List<String> inserts = AthenaRollups.inserts(rollup, Map.of("NYA", dates, "N225", dates.subList(0, 3)));
        assertThat(inserts).hasSize(4);
        for (final String insert : inserts) {
            assertThat(trino.createStatement(insert)).isInstanceOf(Insert.class);
        }
        assertThat(inserts).anySatisfy(s -> assertThat(s).contains("'NYA'", "DATE '2020-01-01' AND DATE '2020-04-09'"));
        assertThat(inserts).anySatisfy(s -> assertThat(s).contains("'NYA'", "DATE '2020-07-19' AND DATE '2020-09-06'"));
        assertThat(AthenaRollups.dropTable("rollup_volatility")).isEqualTo("DROP TABLE IF EXISTS `rollup_volatility`");
    }

    @Test
    void coarseLayoutsPartitionByTheirColumnsLastAndInsertPerIndexOrCenturyOfYears() {
        final Rollup declared = Rollups.named("rollup_volatility");
        assertThat(declared.partitionColumns()).containsExactly("index");
        final String ctas = AthenaRollups.createTable(declared, "s3://lake/p/rollup_volatility/");
        assertThat(trino.createStatement(ctas)).isInstanceOf(CreateTableAsSelect.class);
        assertThat(ctas).contains("partitioned_by = ARRAY['index']", "\"date\",\n    \"index\"\nFROM (");
        final Map<String, LocalDate[]> ranges = new java.util.TreeMap<>(Map.of(
                "NYA", new LocalDate[] {LocalDate.of(1965, 12, 31), LocalDate.of(2021, 6, 2)},
                "N225", new LocalDate[] {LocalDate.of(1900, 1, 4), LocalDate.of(2021, 6, 2)}));
        final List<String> perIndex = AthenaRollups.coarseInserts(declared, ranges);
        assertThat(perIndex).hasSize(2).allSatisfy(s -> assertThat(trino.createStatement(s)).isInstanceOf(Insert.class));
        assertThat(perIndex.get(0)).endsWith("WHERE r.\"index\" = 'N225'");

        final Rollup byYear = new Rollup(declared.table(), declared.sources(), declared.sql(), declared.reach(), PartitionLayout.INDEX_YEAR);
        final String yearly = AthenaRollups.createTable(byYear, "s3://lake/p/rollup_volatility/");
        assertThat(trino.createStatement(yearly)).isInstanceOf(CreateTableAsSelect.class);
        assertThat(yearly).contains("partitioned_by = ARRAY['index', 'year']",
                "\"date\",\n    \"index\",\n    CAST(year(\"date\") AS INTEGER) AS \"year\"\nFROM (");
        final List<String> perCentury = AthenaRollups.coarseInserts(byYear, ranges);
        assertThat(perCentury).hasSize(3).allSatisfy(s -> assertThat(trino.createStatement(s)).isInstanceOf(Insert.class));
        assertThat(perCentury.get(0)).endsWith("'N225' AND r.\"year\" BETWEEN 1900 AND 1999");
        assertThat(perCentury.get(1)).endsWith("'N225' AND r.\"year\" BETWEEN 2000 AND 2021");
        assertThat(perCentury.get(2)).endsWith("'NYA' AND r.\"year\" BETWEEN 1965 AND 2021");
        // the SQL is unchanged for index/date, and a select list without the tail cannot be declared coarse
        assertThat(new Rollup(declared.table(), declared.sources(), declared.sql(), declared.reach()).select()).isEqualTo(declared.sql());
        assertThatThrownBy(() -> new Rollup("rollup_x", List.of("ohlc_1m"), "SELECT 1 AS x FROM ohlc_1m", 0,
                PartitionLayout.INDEX)).hasMessageContaining("must end with");
    }

    @Test
    void buildRunsDropCtasAndInsertsOnAthenaAndEmptiesThePrefix() throws Exception {
        try (MotoServer moto = MotoServer.shared();
             AthenaClient athena = AthenaClient.builder().endpointOverride(moto.endpoint()).region(moto.region())
                     .credentialsProvider(moto.credentials()).build();
             S3Client s3 = S3Client.builder().endpointOverride(moto.endpoint()).region(moto.region())
                     .credentialsProvider(moto.credentials()).forcePathStyle(true).build();
             S3ObjectStore store = new S3ObjectStore(LakeRoot.s3("lake", "p"),
                     S3Settings.defaults().withEndpoint(moto.endpoint(), moto.region().id()), moto.credentials())) {
            moto.reset();
            s3.createBucket(b -> b.bucket("lake"));
            store.put("rollup_ohlc_1d/index=NYA/date=2021-05-28/old.parquet", "old".getBytes(StandardCharsets.UTF_8));
            // the DROP and the CTAS take an empty result each, then the date-range query gets this one
            moto.queueAthenaResults("[{\"rows\":[]},{\"rows\":[]},{\"rows\":["
                    + "{\"Data\":[{\"VarCharValue\":\"index\"},{\"VarCharValue\":\"min\"},{\"VarCharValue\":\"max\"}]},"
                    + "{\"Data\":[{\"VarCharValue\":\"NYA\"},{\"VarCharValue\":\"2021-05-27\"},"
                    + "{\"VarCharValue\":\"2021-05-28\"}]},"
                    + "{\"Data\":[{\"VarCharValue\":\"N225\"},{\"VarCharValue\":\"2021-05-28\"},"
                    + "{\"VarCharValue\":\"2021-05-28\"}]}],"
                    + "\"column_info\":[{\"Name\":\"index\",\"Label\":\"index\",\"Type\":\"varchar\"},"
                    + "{\"Name\":\"min\",\"Label\":\"min\",\"Type\":\"date\"},"
                    + "{\"Name\":\"max\",\"Label\":\"max\",\"Type\":\"date\"}]}]");
            final AthenaRunner runner = new AthenaRunner(athena, AthenaSettings.of("primary", "s3://results/", "ticklake")
                    .withPolling(Duration.ofMillis(10), Duration.ofMillis(20)), Clock.systemUTC());

            new AthenaRollups(runner, store).build(Rollups.named("rollup_ohlc_1d"));

            final List<String> queries = new ArrayList<>();
            for (final String id : athena.listQueryExecutions(b -> b.workGroup("primary")).queryExecutionIds()) {
                queries.add(athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution().query());
            }
            assertThat(queries).hasSize(5);
            // rollup_ohlc_1d is partitioned by index alone: one INSERT per index of the source
            assertThat(queries.get(0)).isEqualTo("DROP TABLE IF EXISTS `rollup_ohlc_1d`");
            assertThat(queries.get(1)).startsWith("CREATE TABLE \"rollup_ohlc_1d\"")
                    .contains("external_location = 's3://lake/p/rollup_ohlc_1d/'");
            assertThat(queries.get(1)).contains("partitioned_by = ARRAY['index']");
            assertThat(queries.get(2)).isEqualTo("SELECT \"index\", min(\"date\"), max(\"date\") FROM \"ohlc_1m\" GROUP BY \"index\"");
            assertThat(queries.subList(3, 5)).allSatisfy(q -> assertThat(q).startsWith("INSERT INTO \"rollup_ohlc_1d\""));
            assertThat(queries.get(3)).contains("'N225'");
            assertThat(queries.get(4)).endsWith("WHERE r.\"index\" = 'NYA'");
            assertThat(store.list("rollup_ohlc_1d/")).isEmpty();
        }
    }
}
