package io.ticklake.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticklake.data.replay.ReplaySummary;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The S3 server goes away for more than 30 s in the middle of a run, with ticks still arriving: the
 * service stays up within its heap bound, reports the stalled sink (readiness 503, {@code /health}
 * shows {@code "sink":"STALLED"}, liveness still 200), recovers by itself when S3 is back, and the lake
 * equals the source exactly.
 */
class S3OutageChaosTest extends ChaosTest {
    private static final Duration OUTAGE = Duration.ofSeconds(32);

    @Test
    void sinkPausesThroughAnOutageAndRecoversByItself() {
        final SourceData source = SourceData.standard();
        try (ChaosRun run = new ChaosRun(cluster, "s3outage", source, Map.of("TICKLAKE_SINK_ROLL_MAX_RECORDS", "200"))) {
            final CompletableFuture<ReplaySummary> replay = run.startAndReplayUntilFilesLand(Duration.ofSeconds(20));

            final long down = System.nanoTime();
            cluster.stopS3();
            // within the default sink.stall.after.ms (15 s) plus a retry or two, readiness reflects the stall
            await("sink reported STALLED and not ready").atMost(OUTAGE).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        assertThat(run.service.status("/health/live")).as("live during the outage").isEqualTo(200);
                        return run.service.status("/health/ready") == 503
                                && run.service.body("/health").contains("\"sink\":\"STALLED\"");
                    });
            final long stalledAfterMs = (System.nanoTime() - down) / 1_000_000;
            // the rest of the outage: the process must stay alive and keep answering its liveness probe
            final Duration left = OUTAGE.minusMillis(Math.min(stalledAfterMs, OUTAGE.toMillis() - 1_000));
            await("service alive through the S3 outage").during(left).atMost(left.plusSeconds(10))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> run.service.isAlive() && run.service.status("/health/live") == 200);
            cluster.startS3();
            final long outageMs = (System.nanoTime() - down) / 1_000_000;
            final ChaosRun.Finish finish = run.finishExactly(replay, Duration.ofMinutes(2));
            final Verdict verdict = finish.verdict();
            final Duration recovery = finish.drain();
            final long peak = run.peakHeapBytes();
            assertThat(peak).as("peak heap").isPositive().isLessThanOrEqualTo(ServiceUnderTest.HEAP_BOUND_BYTES);
            new Figures("s3-outage").put("outageMs", outageMs).put("notReadyAfterMs", stalledAfterMs).put("lakeExactAfterS3BackMs", recovery.toMillis())
                    .put("ticks", verdict.expectedTicks()).put("lost", verdict.lost())
                    .put("duplicated", verdict.duplicated()).put("peakHeapMiB", peak / (1024 * 1024))
                    .put("heapBoundMiB", ServiceUnderTest.HEAP_BOUND_BYTES / (1024 * 1024)).write();
        }
    }
}
