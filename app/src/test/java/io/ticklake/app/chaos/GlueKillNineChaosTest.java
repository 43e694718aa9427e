package io.ticklake.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.replay.ReplaySummary;
import io.ticklake.query.catalog.GlueCatalog;
import io.ticklake.query.catalog.GlueOptions;
import io.ticklake.sink.lake.PartitionPath;
import io.ticklake.sink.testing.MotoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * kill -9 of a service that registers partitions in Glue (a real moto_server), at seeded random
 * moments while ticks stream in: once the run is over, every partition directory in the lake is a
 * partition of its table in Glue. Registration is part of each batch's commit, so no kill can leave
 * a committed file whose partition Glue does not know.
 */
class GlueKillNineChaosTest extends ChaosTest {
    private static final int KILLS = 2;
    private static final String DATABASE = "chaos_glue";

    @Test
    void everyPartitionInTheLakeIsRegisteredInGlueAfterKills() {
        final long seed = ChaosMoments.seed();
        System.out.println("chaos seed = " + seed + " (rerun with -Dchaos.seed=" + seed + ")");
        final Random random = new Random(seed);
        final MotoServer moto = MotoServer.shared();
        moto.reset();
        final Map<String, String> env = Map.of("TICKLAKE_SINK_ROLL_MAX_RECORDS", "20",
                "KAFKA_MAX_POLL_RECORDS", "50",
                "TICKLAKE_CATALOG_GLUE_DATABASE", DATABASE,
                "TICKLAKE_CATALOG_GLUE_ENDPOINT", moto.endpoint().toString());
        try (ChaosRun run = new ChaosRun(cluster, "glue-kill9", SourceData.standard(), env);
             GlueClient glue = GlueClient.builder().endpointOverride(moto.endpoint()).region(moto.region())
                     .credentialsProvider(moto.credentials()).build()) {
            run.service.startAndAwaitReady(ChaosRun.READY_TIMEOUT);
            final CompletableFuture<ReplaySummary> replay = run.replayInBackground(Duration.ofSeconds(10));
            final List<Long> moments = new ArrayList<>();
            for (int i = 0; i < KILLS; i++) {
                final long moment = 500 + random.nextInt(3_000);
                moments.add(moment);
                ChaosMoments.strikeAfter(Duration.ofMillis(moment));
                run.service.kill9();
                run.service.startAndAwaitReady(ChaosRun.READY_TIMEOUT);
            }
            run.finishExactly(replay, Duration.ofMinutes(2));

            final GlueCatalog catalog = new GlueCatalog(glue, DATABASE, GlueOptions.DEFAULTS);
            final Map<String, Set<List<String>>> lake = partitionDirs(run.mirror.list().keySet());
            assertThat(lake).containsKeys("ticks", "ohlc_1m", "ohlc_1d");
            final Map<String, Set<List<String>>> registered = new TreeMap<>();
            lake.keySet().forEach(table -> registered.put(table, new HashSet<>(catalog.partitions(table))));
            assertThat(registered).as("Glue partitions (kill moments %s ms)", moments).isEqualTo(lake);
            new Figures("glue-kill9").put("seed", seed).put("kills", KILLS).put("killMomentsMs", moments)
                    .put("partitions", lake.values().stream().mapToInt(Set::size).sum()).write();
        }
    }

    /**
     * {@code table → partition values} (the unescaped index, then the layout's other values, e.g. the date)
     * of every directory holding a Parquet file, whatever the table's layout.
     */
    private static Map<String, Set<List<String>>> partitionDirs(final Set<String> keys) {
        final Map<String, Set<List<String>>> dirs = new TreeMap<>();
        for (final String key : keys) {
            final String[] seg = key.split("/");
            if (seg.length < 3 || !seg[1].startsWith("index=") || !key.endsWith(".parquet")) {
                continue;
            }
            final List<String> values = new ArrayList<>();
            values.add(PartitionPath.unescape(seg[1].substring("index=".length())));
            for (int i = 2; i < seg.length - 1; i++) {
                values.add(seg[i].substring(seg[i].indexOf('=') + 1));
            }
            dirs.computeIfAbsent(seg[0], t -> new HashSet<>()).add(List.copyOf(values));
        }
        return dirs;
    }
}
