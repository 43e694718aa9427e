package io.ticklake.app.chaos;


import io.ticklake.data.replay.ReplaySummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the service at seeded random moments while ticks stream in; after every restart the
 * service resumes, and at the end the lake equals the source exactly. The sink rolls every few
 * records so that kills land between an upload and its offset commit.
 */
class KillNineChaosTest extends ChaosTest {
    private static final int KILLS = 5;
    @Test
    void lakeEqualsSourceAfterKillsAtRandomMoments() {
        final long seed = ChaosMoments.seed();
        System.out.println("chaos seed = " + seed + " (rerun with -Dchaos.seed=" + seed + ")");
        final Random random = new Random(seed);
        final SourceData source = SourceData.standard();
        final Map<String, String> env = Map.of("TICKLAKE_SINK_ROLL_MAX_RECORDS", "20",
                "KAFKA_MAX_POLL_RECORDS", "50");
        try (ChaosRun run = new ChaosRun(cluster, "kill9", source, env)) {
            run.service.startAndAwaitReady(ChaosRun.READY_TIMEOUT);
            final CompletableFuture<ReplaySummary> replay = run.replayInBackground(Duration.ofSeconds(40));
            final List<Long> moments = new ArrayList<>();
            final List<Long> recoveries = new ArrayList<>();
            long uncommittedAtKills = 0;
            for (int i = 0; i < KILLS; i++) {
                final long moment = 500 + random.nextInt(4_000);
                moments.add(moment);
                ChaosMoments.strikeAfter(Duration.ofMillis(moment));
                run.service.kill9();
                uncommittedAtKills += run.uploadedButUncommitted();
                recoveries.add(run.service.startAndAwaitReady(ChaosRun.READY_TIMEOUT).toMillis());
            }
            final ChaosRun.Finish finish = run.finishExactly(replay, Duration.ofMinutes(3));
            final Verdict verdict = finish.verdict();
            final Duration drain = finish.drain();
            new Figures("kill9").put("seed", seed).put("kills", KILLS).put("killMomentsMs", moments)
                    .put("uploadedButUncommittedFilesAtKills", uncommittedAtKills)
                    .put("readyAfterRestartMs", recoveries).put("ticks", verdict.expectedTicks())
                    .put("lost", verdict.lost()).put("duplicated", verdict.duplicated())
                    .put("bars1m", run.mirror.snapshot().ohlc1m().size()).put("drainAfterReplayMs", drain.toMillis())
                    .put("lakeObjects", run.mirror.list().size())
                    .put("peakHeapMiB", run.peakHeapBytes() / (1024 * 1024)).write();
        }
    }
}
