package io.ticklake.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ticklake.sink.lake.PartitionLayout;
import io.ticklake.sink.testing.MotoServer;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Table;

class GlueCatalogTest {
    private static MotoServer moto;
    private static GlueClient glue;
    private GlueCatalog catalog;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.shared();
        glue = GlueClient.builder().endpointOverride(moto.endpoint()).region(moto.region())
                .credentialsProvider(moto.credentials()).build();
    }

    @AfterAll
    static void stopMoto() {
        if (glue != null) {
            glue.close();
        }
    }

    @BeforeEach
    void reset() {
        moto.reset();
        catalog = new GlueCatalog(glue, "ticklake", GlueOptions.DEFAULTS);
    }

    static Schema bars() {
        final Schema ts = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        return SchemaBuilder.record("OhlcBarRow").namespace("io.ticklake.test").fields()
                .name("window_start").type(ts).noDefault()
                .name("open").type().doubleType().noDefault()
                .name("volume").type().longType().noDefault()
                .name("exchange").type().optional().stringType()
                .name("kafka_partition").type().intType().noDefault()
                .endRecord();
    }

    @Test
    void createsDatabaseAndTypedParquetTableOnce() {
        assertThat(catalog.ensureDatabase()).isTrue();
        assertThat(catalog.ensureDatabase()).isFalse();
        final GlueTableSpec spec = GlueTableSpec.fromAvro("ohlc_1m", bars(), "s3://lake/p/ohlc_1m");
        assertThat(catalog.ensureTable(spec)).isEqualTo(GlueCatalog.TableChange.CREATED);
        assertThat(catalog.ensureTable(spec)).isEqualTo(GlueCatalog.TableChange.UNCHANGED);

        final Table table = catalog.findTable("ohlc_1m");
        assertThat(table.storageDescriptor().columns()).extracting(Column::name, Column::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("window_start", "timestamp"),
                org.assertj.core.groups.Tuple.tuple("open", "double"),
                org.assertj.core.groups.Tuple.tuple("volume", "bigint"),
                org.assertj.core.groups.Tuple.tuple("exchange", "string"),
                org.assertj.core.groups.Tuple.tuple("kafka_partition", "int"));
        assertThat(table.partitionKeys()).extracting(Column::name, Column::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("index", "string"),
                org.assertj.core.groups.Tuple.tuple("date", "date"));
        assertThat(table.storageDescriptor().location()).isEqualTo("s3://lake/p/ohlc_1m/");
        assertThat(table.storageDescriptor().serdeInfo().serializationLibrary()).isEqualTo(GlueCatalog.SERDE);
        assertThat(table.storageDescriptor().inputFormat()).isEqualTo(GlueCatalog.INPUT_FORMAT);
        assertThat(table.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(table.parameters()).containsEntry("classification", "parquet");
    }

    @Test
    void updatesTableWhoseSchemaChanged() {
        catalog.ensureDatabase();
        catalog.ensureTable(GlueTableSpec.fromAvro("ohlc_1m", bars(), "s3://lake/p/ohlc_1m/"));
        final Schema wider = SchemaBuilder.record("OhlcBarRow").fields()
                .name("window_start").type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)))
                .noDefault()
                .name("open").type().doubleType().noDefault()
                .name("volume").type().longType().noDefault()
                .name("exchange").type().optional().stringType()
                .name("kafka_partition").type().intType().noDefault()
                .name("kafka_offset").type().longType().noDefault()
                .endRecord();
        final GlueTableSpec changed = GlueTableSpec.fromAvro("ohlc_1m", wider, "s3://lake/p/ohlc_1m/");

        assertThat(catalog.ensureTable(changed)).isEqualTo(GlueCatalog.TableChange.UPDATED);
        assertThat(catalog.ensureTable(changed)).isEqualTo(GlueCatalog.TableChange.UNCHANGED);
        assertThat(catalog.findTable("ohlc_1m").storageDescriptor().columns()).extracting(Column::name)
                .endsWith("kafka_offset");
        assertThat(catalog.ensureTable(GlueTableSpec.fromAvro("ohlc_1m", wider, "s3://other/ohlc_1m/")))
                .isEqualTo(GlueCatalog.TableChange.UPDATED);
    }

    @Test
    void registersPartitionsInBatchesIdempotently() {
        catalog.ensureDatabase();
        catalog.ensureTable(GlueTableSpec.fromAvro("ohlc_1m", bars(), "s3://lake/p/ohlc_1m/"));
        final List<GluePartition> partitions = new ArrayList<>();
        final LocalDate start = LocalDate.of(2021, 1, 1);
        for (int i = 0; i < 230; i++) { // three calls: 100 + 100 + 30
            final LocalDate d = start.plusDays(i);
            partitions.add(new GluePartition("ohlc_1m", i % 2 == 0 ? "NYA" : "000001.SS", d,
                    "s3://lake/p/ohlc_1m/index=" + (i % 2 == 0 ? "NYA" : "000001.SS") + "/date=" + d));
        }

        final PartitionRegistration first = catalog.addPartitions(partitions);
        assertThat(first).isEqualTo(new PartitionRegistration(230, 0, List.of()));
        assertThat(catalog.partitions("ohlc_1m")).hasSize(230).contains(List.of("NYA", "2021-01-01"));
        assertThat(catalog.partitionLocation("ohlc_1m", List.of("000001.SS", "2021-01-02")))
                .isEqualTo("s3://lake/p/ohlc_1m/index=000001.SS/date=2021-01-02/");

        final List<GluePartition> again = new ArrayList<>(partitions.subList(0, 5));
        again.add(new GluePartition("ohlc_1m", "HSI", start, "s3://lake/p/ohlc_1m/index=HSI/date=2021-01-01/"));
        assertThat(catalog.addPartitions(again)).isEqualTo(new PartitionRegistration(1, 5, List.of()));
        assertThat(catalog.partitions("ohlc_1m")).hasSize(231);
    }

    @Test
    void reportsPartitionsGlueRefusesWithoutFailingTheOthers() {
        catalog.ensureDatabase();
        catalog.ensureTable(GlueTableSpec.fromAvro("ohlc_1m", bars(), "s3://lake/p/ohlc_1m/"));
        final GluePartition ok = new GluePartition("ohlc_1m", "NYA", LocalDate.of(2021, 5, 28),
                "s3://lake/p/ohlc_1m/index=NYA/date=2021-05-28/");
        final GluePartition noTable = new GluePartition("ticks", "NYA", LocalDate.of(2021, 5, 28),
                "s3://lake/p/ticks/index=NYA/date=2021-05-28/");

        final PartitionRegistration result = catalog.addPartitions(List.of(ok));
        assertThat(result.created()).isEqualTo(1);
        final PartitionRegistration missing = catalog.addPartitions(List.of(noTable));
        assertThat(missing.created()).isZero();
        assertThat(missing.failures()).singleElement().asString().contains("ticks");
    }

    @Test
    void partitionKeysAndProjectionFollowTheTablesLayout() {
        final GlueCatalog projected = new GlueCatalog(glue, "ticklake",
                new GlueOptions(List.of("NYA", "N225"), LocalDate.of(2000, 1, 1)));
        projected.ensureDatabase();
        final Schema withDate = PartitionLayout.INDEX_YEAR.fileSchema(bars());
        projected.ensureTable(GlueTableSpec.fromAvro("ohlc_1d", withDate, "s3://lake/p/ohlc_1d/", PartitionLayout.INDEX_YEAR));
        final Table byYear = projected.findTable("ohlc_1d");
        assertThat(byYear.partitionKeys()).extracting(Column::name, Column::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("index", "string"),
                org.assertj.core.groups.Tuple.tuple("year", "int"));
        assertThat(byYear.storageDescriptor().columns()).extracting(Column::name, Column::type)
                .endsWith(org.assertj.core.groups.Tuple.tuple("date", "date"));
        assertThat(byYear.parameters())
                .containsEntry("projection.year.type", "integer")
                .containsEntry("projection.year.range", "2000," + GlueCatalog.PROJECTED_LAST_YEAR)
                .containsEntry("storage.location.template", "s3://lake/p/ohlc_1d/index=${index}/year=${year}/")
                .doesNotContainKey("projection.date.type");
        assertThat(projected.addPartitions(List.of(new GluePartition("ohlc_1d", List.of("NYA", "2021"),
                "s3://lake/p/ohlc_1d/index=NYA/year=2021/")))).isEqualTo(new PartitionRegistration(1, 0, List.of()));
        assertThat(projected.partitions("ohlc_1d")).containsExactly(List.of("NYA", "2021"));

        // the same table re-declared index-only is a change, with the keys and projection of that layout
        final GlueTableSpec byIndex = GlueTableSpec.fromAvro("ohlc_1d", withDate, "s3://lake/p/ohlc_1d/",
                PartitionLayout.INDEX);
        assertThat(projected.ensureTable(byIndex)).isEqualTo(GlueCatalog.TableChange.UPDATED);
        assertThat(projected.ensureTable(byIndex)).isEqualTo(GlueCatalog.TableChange.UNCHANGED);
        final Table indexOnly = projected.findTable("ohlc_1d");
        assertThat(indexOnly.partitionKeys()).extracting(Column::name).containsExactly("index");
        assertThat(indexOnly.parameters())
                .containsEntry("storage.location.template", "s3://lake/p/ohlc_1d/index=${index}/")
                .doesNotContainKeys("projection.year.type", "projection.date.type");
        assertThat(GlueTableSpec.fromAvro("t", bars(), "s3://x/t/").partitionKeys()).extracting(Column::name)
                .containsExactly("index", "date");
    }

    @Test
    void projectionPropertiesWhenAsked() {
        final GlueCatalog projected = new GlueCatalog(glue, "ticklake",
                new GlueOptions(List.of("NYA", "N225"), LocalDate.of(2000, 1, 1)));
        projected.ensureDatabase();
        projected.ensureTable(GlueTableSpec.fromAvro("ohlc_1m", bars(), "s3://lake/p/ohlc_1m/"));
        assertThat(projected.findTable("ohlc_1m").parameters())
                .containsEntry("projection.enabled", "true")
                .containsEntry("projection.index.values", "NYA,N225")
                .containsEntry("projection.date.range", "2000-01-01,NOW")
                .containsEntry("storage.location.template", "s3://lake/p/ohlc_1m/index=${index}/date=${date}/");
        // turning projection off again is a change
        assertThat(catalog.ensureTable(GlueTableSpec.fromAvro("ohlc_1m", bars(), "s3://lake/p/ohlc_1m/")))
                .isEqualTo(GlueCatalog.TableChange.UPDATED);
        assertThat(catalog.findTable("ohlc_1m").parameters()).doesNotContainKey("projection.enabled");
    }
}
