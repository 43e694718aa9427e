package io.ticklake.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.replay.ReplaySummary;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM in the middle of a replay: the service stops cleanly (exit 0), is started again, and the
 * lake equals the source exactly.
 */
class GracefulShutdownChaosTest extends ChaosTest {
    @Test
    void sigtermMidReplayLosesAndDuplicatesNothing() {
        final SourceData source = SourceData.standard();
        try (ChaosRun run = new ChaosRun(cluster, "sigterm", source, Map.of("TICKLAKE_SINK_ROLL_MAX_RECORDS", "100"))) {
            final CompletableFuture<ReplaySummary> replay = run.startAndReplayUntilFilesLand(Duration.ofSeconds(15));

            final long t0 = System.nanoTime();
            run.stopGracefully();
            final long stopMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(replay).as("the SIGTERM must land mid-replay").isNotDone();
            final long readyMs = run.service.startAndAwaitReady(ChaosRun.READY_TIMEOUT).toMillis();

            final ChaosRun.Finish finish = run.finishExactly(replay, Duration.ofMinutes(2));
            final Verdict verdict = finish.verdict();
            final Duration drain = finish.drain();
            new Figures("sigterm").put("stopMs", stopMs).put("readyAfterRestartMs", readyMs)
                    .put("drainAfterReplayMs", drain.toMillis()).put("ticks", verdict.expectedTicks())
                    .put("lost", verdict.lost()).put("duplicated", verdict.duplicated()).write();
        }
    }
}
