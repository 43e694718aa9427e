package io.ticklake.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.replay.ReplaySummary;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SIGTERM in the middle of a replay: the service stops cleanly (exit 0), is started again, and the
 * lake equals the source exactly.
 */
@Tag("chaos")
@ExtendWith(SharedCluster.class)
class GracefulShutdownChaosTest {
    private ChaosCluster cluster;

    @BeforeEach
    void resetCluster(final ChaosCluster shared) {
        cluster = shared;
        cluster.resetTopics();
    }

    @Test
    void sigtermMidReplayLosesAndDuplicatesNothing() {
        final SourceData source = SourceData.standard();
        try (ChaosRun run = new ChaosRun(cluster, "sigterm", source, Map.of("TICKLAKE_SINK_ROLL_MAX_RECORDS", "100"))) {
            run.service.startAndAwaitReady(ChaosRun.READY_TIMEOUT);
            final CompletableFuture<ReplaySummary> replay = run.replayInBackground(Duration.ofSeconds(15));
            run.awaitFirstTickFiles(Duration.ofSeconds(60));

            final long t0 = System.nanoTime();
            run.stopGracefully();
            final long stopMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(replay).as("the SIGTERM must land mid-replay").isNotDone();
            final long readyMs = run.service.startAndAwaitReady(ChaosRun.READY_TIMEOUT).toMillis();

            final ReplaySummary summary = ChaosRun.join(replay, Duration.ofMinutes(2));
            assertThat(summary.ticks()).isEqualTo(source.ticks().size());
            final Duration drain = run.awaitLakeExact(source.ticks(), source.bars(), Duration.ofMinutes(2));
            run.stopGracefully();
            final Verdict verdict = run.verdict();
            assertThat(verdict.exact()).as("%s", verdict).isTrue();
            new Figures("sigterm").put("stopMs", stopMs).put("readyAfterRestartMs", readyMs)
                    .put("drainAfterReplayMs", drain.toMillis()).put("ticks", verdict.expectedTicks())
                    .put("lost", verdict.lost()).put("duplicated", verdict.duplicated()).write();
        }
    }
}
