package io.ticklake.bench;

import io.ticklake.service.ReplaySelection;
import io.ticklake.service.LandingWatch;
import io.ticklake.data.replay.ReplaySummary;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One end-to-end run: replay at full speed → topology → sink → local lake, timed from the replay's
 * start until Kafka's committed offsets say every tick and every closed bar is in the lake.
 */
public final class EndToEnd {
    private EndToEnd() {
    }

    /**
     * Figures of one run.
     *
     * @param guarantee  Streams processing guarantee
     * @param ticks      ticks replayed
     * @param outRecords end offsets of the output topics, summed: records landed, plus one transaction
     *                   marker per partition per commit under exactly-once
     * @param elapsed    replay start → everything landed
     * @param files      Parquet files in the lake
     * @param bytes      their bytes
     */
    public record Result(String guarantee, long ticks, long outRecords, Duration elapsed, long files, long bytes) {
        public double ticksPerSecond() {
            return ticks / (elapsed.toNanos() / 1e9);
        }
    }

    public static Result run(final ReplaySelection source, final String guarantee, final Map<String, String> overrides,
                      final Duration timeout) throws IOException, InterruptedException {
        try (BenchPipeline pipeline = BenchPipeline.start(guarantee, overrides, UnaryOperator.identity())) {
            final long t0 = System.nanoTime();
            final ReplaySummary replay = pipeline.replay(source, s -> s);
            final LandingWatch.Status landed = pipeline.awaitLanded(timeout);
            final Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            final BenchPipeline.LakeSize size = pipeline.lakeSize();
            return new Result(guarantee, replay.ticks(), landed.outTotal(), elapsed, size.files(), size.bytes());
        }
    }
}
