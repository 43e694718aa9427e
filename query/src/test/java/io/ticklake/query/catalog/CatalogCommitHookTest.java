package io.ticklake.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ticklake.data.testing.TestMarket;
import io.ticklake.sink.DurableBatch;
import io.ticklake.sink.lake.LakeTables;
import io.ticklake.sink.lake.PartitionPath;
import io.ticklake.sink.store.LocalObjectStore;
import io.ticklake.sink.testing.MinuteBarLake;
import io.ticklake.sink.testing.MotoServer;
import software.amazon.awssdk.services.glue.GlueClient;

/** The sink's catalog commit hook and {@code catalog sync} against a real moto Glue. */
class CatalogCommitHookTest {
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
            catalog.ensureTable(GlueTableSpec.fromAvro(t.name(), t.schema(), "s3://lake/p/" + t.name() + "/", t.layout()));
        }
    }

    private static String location(final PartitionPath p) {
        return "s3://lake/p/" + p.dir() + "/";
    }

    private static DurableBatch batch(final PartitionPath... paths) {
        final List<DurableBatch.File> files = new ArrayList<>();
        for (final PartitionPath p : paths) {
            files.add(new DurableBatch.File(p, p.fileKey("t", 0, files.size()), location(p)));
        }
        return new DurableBatch("t", 0, 0, paths.length, files);
    }

    @Test
    void registersEachNewPartitionOfABatchOnceAndSkipsKnownOnes() {
        final CatalogCommitHook hook = new CatalogCommitHook(catalog);
        final PartitionPath nya = new PartitionPath("ohlc_1m", "NYA", "2021-05-28");
        final PartitionPath sse = new PartitionPath("ticks", "000001.SS", "2021-05-28");
        hook.beforeCommit(batch(nya, sse, nya)); // two files of one partition
        assertThat(catalog.partitions("ohlc_1m")).containsExactly(List.of("NYA", "2021-05-28"));
        assertThat(catalog.partitionLocation("ticks", List.of("000001.SS", "2021-05-28")))
                .isEqualTo("s3://lake/p/ticks/index=000001.SS/date=2021-05-28/");
        assertThat(hook.totals()).isEqualTo(new PartitionRegistration(2, 0, List.of()));

        hook.beforeCommit(batch(sse, nya)); // known: no call at all
        assertThat(hook.totals()).isEqualTo(new PartitionRegistration(2, 0, List.of()));
    }

    @Test
    void aBatchHandedOverAgainAfterARestartFindsItsPartitionsRegistered() {
        final PartitionPath p = new PartitionPath("ticks", "NYA", "2021-05-28");
        new CatalogCommitHook(catalog).beforeCommit(batch(p));
        final CatalogCommitHook restarted = new CatalogCommitHook(catalog);
        restarted.beforeCommit(batch(p));
        assertThat(restarted.totals()).isEqualTo(new PartitionRegistration(0, 1, List.of()));
        assertThat(catalog.partitions("ticks")).hasSize(1);
    }

    @Test
    void aBatchWithMorePartitionsThanOneCallTakesRegistersThemAll() {
        final LocalDate start = LocalDate.of(2021, 1, 1);
        final PartitionPath[] paths = new PartitionPath[130];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = new PartitionPath("ohlc_1d", "NYA", start.plusDays(i).toString());
        }
        new CatalogCommitHook(catalog).beforeCommit(batch(paths));
        assertThat(catalog.partitions("ohlc_1d")).hasSize(130);
    }

    @Test
    void aPartitionGlueRefusesFailsTheBatchUntilGlueTakesIt() {
        final CatalogCommitHook hook = new CatalogCommitHook(catalog);
        final PartitionPath unknown = new PartitionPath("rollup_unknown", "NYA", "2021-05-28");
        final PartitionPath ok = new PartitionPath("ticks", "NYA", "2021-05-28");
        assertThatThrownBy(() -> hook.beforeCommit(batch(ok, unknown)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rollup_unknown");
        assertThat(catalog.partitions("ticks")).hasSize(1); // the good one got through

        catalog.ensureTable(GlueTableSpec.fromAvro("rollup_unknown", io.ticklake.sink.lake.LakeSchemas.TICKS,
                "s3://lake/p/rollup_unknown/"));
        hook.beforeCommit(batch(ok, unknown)); // the retry
        assertThat(catalog.partitions("rollup_unknown")).hasSize(1);
        assertThat(hook.totals()).isEqualTo(new PartitionRegistration(2, 0, List.of()));
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
