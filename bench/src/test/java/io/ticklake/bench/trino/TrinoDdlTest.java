package io.ticklake.bench.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticklake.query.catalog.GlueTableSpec;
import io.ticklake.query.sql.Rollups;
import io.ticklake.sink.lake.LakeSchemas;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Column;

class TrinoDdlTest {
    private static final GlueTableSpec OHLC = GlueTableSpec.fromAvro("ohlc_1m", LakeSchemas.OHLC, "local:///lake/ohlc_1m");

    @Test
    void externalTableHasEveryGlueColumnThenThePartitionKeysOfTheSpec() {
        final String ddl = TrinoDdl.createExternalTable("ticklake", OHLC, OHLC.location());
        final List<Column> all = TrinoDdl.allColumns(OHLC);
        assertThat(all).hasSize(LakeSchemas.OHLC.getFields().size() + TrinoDdl.partitionKeys(OHLC).size());
        for (final Column c : all) {
            assertThat(ddl).contains("\"" + c.name() + "\" " + TrinoDdl.trinoType(c.type()));
        }
        assertThat(ddl).startsWith("CREATE TABLE \"ticklake\".\"ohlc_1m\" (")
                .contains("\"window_start\" timestamp(3),", "\"volume\" bigint,", "\"kafka_partition\" integer,",
                        "\"index\" varchar,", "\"date\" date\n")
                .endsWith("external_location = 'local:///lake/ohlc_1m/', format = 'PARQUET', partitioned_by = "
                        + "ARRAY['index', 'date'])");
        // partition keys come last, in the spec's order: Trino requires partitioned_by columns at the end
        assertThat(ddl.indexOf("\"kafka_offset\"")).isLessThan(ddl.indexOf("\"index\""));
        assertThat(ddl.indexOf("\"index\"")).isLessThan(ddl.indexOf("\"date\""));
    }

    @Test
    void glueTypesMapToTheTypesTrinosHiveConnectorReads() {
        assertThat(TrinoDdl.trinoType("string")).isEqualTo("varchar");
        assertThat(TrinoDdl.trinoType("timestamp")).isEqualTo("timestamp(3)");
        assertThat(TrinoDdl.trinoType("int")).isEqualTo("integer");
        assertThat(TrinoDdl.trinoType("float")).isEqualTo("real");
        assertThat(TrinoDdl.trinoType("binary")).isEqualTo("varbinary");
        assertThat(TrinoDdl.trinoType("decimal(18, 4)")).isEqualTo("decimal(18,4)");
        assertThat(TrinoDdl.trinoType("DOUBLE")).isEqualTo("double");
        assertThatThrownBy(() -> TrinoDdl.trinoType("array<int>")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNewAvroFieldFlowsIntoTheDdl() {
        final Schema wider = SchemaBuilder.record("W").fields().requiredDouble("price").optionalString("venue")
                .name("settled").type(org.apache.avro.LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT)))
                .noDefault().endRecord();
        final String ddl = TrinoDdl.createExternalTable("ticklake", GlueTableSpec.fromAvro("wide", wider, "local:///w"),
                "local:///w/");
        assertThat(ddl).contains("\"price\" double,", "\"venue\" varchar,", "\"settled\" date,");
    }

    @Test
    void identifiersAndLiteralsCannotInjectSql() {
        assertThatThrownBy(() -> TrinoDdl.quote("a\"; DROP TABLE t; --")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrinoDdl.qualified("ticklake", "Ticks")).isInstanceOf(IllegalArgumentException.class);
        assertThat(TrinoDdl.createExternalTable("ticklake", OHLC, "local:///it's"))
                .contains("external_location = 'local:///it''s'");
        assertThat(TrinoDdl.syncPartitions("ticklake", "ticks"))
                .isEqualTo("CALL system.sync_partition_metadata(schema_name => 'ticklake', table_name => 'ticks', "
                        + "mode => 'FULL')");
    }

    @Test
    void rollupIsTheSharedSelectInATrinoCtasWithoutAthenasOnlyProperties() {
        final String ctas = TrinoDdl.createRollup("ticklake", Rollups.named("rollup_ohlc_1d"));
        // the rollup's own layout (index alone), its partition columns last as Athena's CTAS has them
        assertThat(ctas).startsWith("CREATE TABLE \"ticklake\".\"rollup_ohlc_1d\"\nWITH (format = 'PARQUET', "
                + "partitioned_by = ARRAY['index'])\nAS\n").endsWith(Rollups.named("rollup_ohlc_1d").select())
                .endsWith("\"date\",\n    \"index\"\nFROM ohlc_1m\nGROUP BY \"index\", \"date\"")
                .doesNotContain("write_compression", "`");
        assertThat(TrinoDdl.dropTable("ticklake", "rollup_ohlc_1d")).isEqualTo("DROP TABLE IF EXISTS \"ticklake\".\"rollup_ohlc_1d\"");
    }
}
