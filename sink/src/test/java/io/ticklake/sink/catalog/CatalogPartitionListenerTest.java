package io.ticklake.sink.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ticklake.data.testing.TestMarket;
import io.ticklake.sink.lake.LakeTables;
import io.ticklake.sink.lake.PartitionPath;
import io.ticklake.sink.store.LocalObjectStore;
import io.ticklake.sink.testing.MinuteBarLake;
import io.ticklake.sink.testing.MotoServer;
import software.amazon.awssdk.services.glue.GlueClient;

/** The sink's partition listener and {@code catalog sync} against a real moto Glue. */
class CatalogPartitionListenerTest {
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
    void tables() {
        moto.reset();
        catalog = new GlueCatalog(glue, "ticklake", GlueOptions.DEFAULTS);
        catalog.ensureDatabase();
        for (final var t : LakeTables.defaults().tables()) {
            catalog.ensureTable(GlueTableSpec.fromAvro(t.name(), t.schema(), "s3://lake/p/" + t.name() + "/"));
        }
    }

    private static String location(final PartitionPath p) {
        return "s3://lake/p/" + p.dir() + "/";
    }

    @Test
    void buffersAndRegistersWithinTheDelayOnceEach() {
        try (CatalogPartitionListener listener = new CatalogPartitionListener(catalog, Duration.ofMillis(200),
                Clock.systemUTC())) {
            final PartitionPath nya = new PartitionPath("ohlc_1m", "NYA", "2021-05-28");
            final PartitionPath sse = new PartitionPath("ticks", "000001.SS", "2021-05-28");
            for (int i = 0; i < 50; i++) { // every file of the partitions announces them again
                listener.onPartition(nya, location(nya));
                listener.onPartition(sse, location(sse));
            }
            assertThat(listener.pending()).isLessThanOrEqualTo(2);

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> catalog.partitions("ohlc_1m").size() == 1
                    && catalog.partitions("ticks").size() == 1);
            assertThat(catalog.partitionLocation("ticks", List.of("000001.SS", "2021-05-28")))
                    .isEqualTo("s3://lake/p/ticks/index=000001.SS/date=2021-05-28/");
            assertThat(listener.totals()).isEqualTo(new PartitionRegistration(2, 0, List.of()));
            listener.onPartition(nya, location(nya));
            assertThat(listener.pending()).isZero();
        }
    }

    @Test
    void aFullBufferRegistersOnTheCallersThreadAndCloseFlushesTheRest() {
        final CatalogPartitionListener listener = new CatalogPartitionListener(catalog, Duration.ofHours(1),
                Clock.systemUTC());
        final LocalDate start = LocalDate.of(2021, 1, 1);
        for (int i = 0; i < 130; i++) {
            final PartitionPath p = new PartitionPath("ohlc_1d", "NYA", start.plusDays(i).toString());
            listener.onPartition(p, location(p));
        }
        assertThat(catalog.partitions("ohlc_1d")).hasSize(100);
        assertThat(listener.pending()).isEqualTo(30);
        listener.close();
        assertThat(catalog.partitions("ohlc_1d")).hasSize(130);
    }

    @Test
    void aPartitionGlueRefusesFailsTheCallAndStaysPending() {
        final CatalogPartitionListener listener = new CatalogPartitionListener(catalog, Duration.ZERO, Clock.systemUTC());
        final PartitionPath unknown = new PartitionPath("rollup_unknown", "NYA", "2021-05-28");
        assertThatThrownBy(() -> listener.onPartition(unknown, location(unknown)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rollup_unknown");
        assertThat(listener.pending()).isEqualTo(1);
        final PartitionPath ok = new PartitionPath("ticks", "NYA", "2021-05-28");
        assertThatThrownBy(() -> listener.onPartition(ok, location(ok))).isInstanceOf(IllegalStateException.class);
        assertThat(catalog.partitions("ticks")).hasSize(1); // the good one got through
        assertThat(listener.pending()).isEqualTo(1);
        listener.close();
    }

    @Test
    void syncRegistersEveryPartitionOfTheLakeIdempotently(@TempDir final Path dir) throws Exception {
        MinuteBarLake.write(dir, MinuteBarLake.minuteBars(TestMarket.oneWeek(), Duration.ofMinutes(5), 1L));
        try (LocalObjectStore store = LocalObjectStore.at(dir)) {
            final GlueLakeSync sync = new GlueLakeSync(catalog, store, LakeTables.defaults());
            final GlueLakeSync.Report first = sync.sync();
            assertThat(first.partitions()).isEqualTo(new PartitionRegistration(15, 0, List.of()));
            assertThat(first.tables()).containsKeys("ticks", "ohlc_1m", "ohlc_1d")
                    .allSatisfy((t, change) -> assertThat(change).isEqualTo(GlueCatalog.TableChange.UPDATED));
            assertThat(catalog.findTable("ohlc_1m").storageDescriptor().location()).isEqualTo(store.uri("ohlc_1m/"));

            final GlueLakeSync.Report second = sync.sync();
            assertThat(second.partitions()).isEqualTo(new PartitionRegistration(0, 15, List.of()));
            assertThat(second.tables().values()).containsOnly(GlueCatalog.TableChange.UNCHANGED);
            assertThat(catalog.partitions("ohlc_1m")).hasSize(15).contains(List.of("N225", "2021-05-24"));
        }
    }
}
