package io.ticklake.app.chaos;

import static org.awaitility.Awaitility.await;

import io.ticklake.data.replay.ReplaySummary;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The broker is shut down in the middle of a run and started again on the same port and data: the
 * topology and the sink (and the replaying producer) reconnect by themselves, and the lake equals the
 * source exactly.
 */
class BrokerRestartChaosTest extends ChaosTest {
    private static final Duration DOWN = Duration.ofSeconds(8);
    @Test
    void topologyAndSinkRecoverFromABrokerRestart() {
        final SourceData source = SourceData.standard();
        try (ChaosRun run = new ChaosRun(cluster, "broker", source, Map.of("TICKLAKE_SINK_ROLL_MAX_RECORDS", "100"))) {
            final CompletableFuture<ReplaySummary> replay = run.startAndReplayUntilFilesLand(Duration.ofSeconds(20));

            final long down = System.nanoTime();
            cluster.stopKafka();
            await("service alive while the broker is down").during(DOWN).atMost(DOWN.plusSeconds(10))
                    .pollInterval(Duration.ofMillis(500)).until(run.service::isAlive);
            cluster.startKafka();
            final long downMs = (System.nanoTime() - down) / 1_000_000;
            final long back = System.nanoTime();
            await("service ready again").atMost(ChaosRun.READY_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> run.service.status("/health/ready") == 200);
            final long readyAgainMs = (System.nanoTime() - back) / 1_000_000;

            final ChaosRun.Finish finish = run.finishExactly(replay, Duration.ofMinutes(3));
            final Verdict verdict = finish.verdict();
            final Duration drain = finish.drain();
            new Figures("broker-restart").put("brokerDownMs", downMs).put("readyAfterBrokerBackMs", readyAgainMs)
                    .put("drainAfterReplayMs", drain.toMillis()).put("ticks", verdict.expectedTicks())
                    .put("lost", verdict.lost()).put("duplicated", verdict.duplicated())
                    .put("peakHeapMiB", run.peakHeapBytes() / (1024 * 1024)).write();
        }
    }
}
