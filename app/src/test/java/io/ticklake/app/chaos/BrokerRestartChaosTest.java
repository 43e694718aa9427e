package io.ticklake.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticklake.data.replay.ReplaySummary;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker is shut down in the middle of a run and started again on the same port and data: the
 * topology and the sink (and the replaying producer) reconnect by themselves, and the lake equals the
 * source exactly.
 */
@Tag("chaos")
@ExtendWith(SharedCluster.class)
class BrokerRestartChaosTest {
    private static final Duration DOWN = Duration.ofSeconds(8);
    private ChaosCluster cluster;

    @BeforeEach
    void resetCluster(final ChaosCluster shared) {
        cluster = shared;
        cluster.resetTopics();
    }

    @Test
    void topologyAndSinkRecoverFromABrokerRestart() {
        final SourceData source = SourceData.standard();
        try (ChaosRun run = new ChaosRun(cluster, "broker", source, Map.of("TICKLAKE_SINK_ROLL_MAX_RECORDS", "100"))) {
            run.service.startAndAwaitReady(ChaosRun.READY_TIMEOUT);
            final CompletableFuture<ReplaySummary> replay = run.replayInBackground(Duration.ofSeconds(20));
            run.awaitFirstTickFiles(Duration.ofSeconds(60));

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

            final ReplaySummary summary = ChaosRun.join(replay, Duration.ofMinutes(3));
            assertThat(summary.ticks()).isEqualTo(source.ticks().size());
            final Duration drain = run.awaitLakeExact(source.ticks(), source.bars(), Duration.ofMinutes(2));
            run.stopGracefully();
            final Verdict verdict = run.verdict();
            assertThat(verdict.exact()).as("%s", verdict).isTrue();
            new Figures("broker-restart").put("brokerDownMs", downMs).put("readyAfterBrokerBackMs", readyAgainMs)
                    .put("drainAfterReplayMs", drain.toMillis()).put("ticks", verdict.expectedTicks())
                    .put("lost", verdict.lost()).put("duplicated", verdict.duplicated())
                    .put("peakHeapMiB", run.peakHeapBytes() / (1024 * 1024)).write();
        }
    }
}
