package io.ticklake.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticklake.sink.lake.LakeTable;
import io.ticklake.sink.lake.LakeTables;
import io.ticklake.sink.lake.PartitionLayout;
import software.amazon.awssdk.services.glue.model.Column;
import org.junit.jupiter.api.Test;

class GlueTableSpecTest {
    private static LakeTable daily() {
        return LakeTables.defaults().tables().stream().filter(t -> t.name().equals("ohlc_1d")).findFirst().orElseThrow();
    }

    @Test
    void aCoarseTableKeepsItsDateAsAColumnAndIsPartitionedByItsLayoutOnly() {
        final LakeTable daily = daily();
        final GlueTableSpec spec = GlueTableSpec.fromAvro(daily.name(), daily.schema(), "s3://b/ohlc_1d", daily.layout());
        assertThat(spec.partitionKeys()).extracting(Column::name).containsExactlyElementsOf(daily.layout().columns());
        assertThat(spec.columns()).extracting(Column::name).containsOnlyOnce("date").doesNotContain("index");
    }

    /** The Trino check once built ohlc_1d's table with the index/date keys over its date column: Trino refused it. */
    @Test
    void aFileColumnNamedLikeAPartitionKeyIsRefused() {
        final LakeTable daily = daily();
        assertThatThrownBy(() -> GlueTableSpec.fromAvro(daily.name(), daily.schema(), "s3://b/ohlc_1d",
                PartitionLayout.INDEX_DATE)).hasMessageContaining("column date is also a partition key");
    }
}
