package io.ticklake.service;

import io.ticklake.data.csv.RowRejection;
import io.ticklake.data.replay.KafkaTickSink;
import io.ticklake.data.replay.ReplayConfig;
import io.ticklake.data.replay.ReplayProducer;
import io.ticklake.data.replay.ReplayProgress;
import io.ticklake.data.replay.ReplaySummary;
import io.ticklake.data.replay.Speed;
import io.ticklake.data.replay.TickSink;
import io.ticklake.data.replay.WallClock;
import io.ticklake.service.config.AppConfig;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The sequence {@code demo} and the benchmarks run on a started {@link TickLakeService}: replay a
 * selection into the service's raw topic, then wait until every tick and every closed bar has
 * landed in the lake. One class so that what is benchmarked is what the demo does.
 *
 * @param config  the service's configuration (raw topic, partitions, client settings)
 * @param service the started service
 */
public record PipelineRun(AppConfig config, TickLakeService service) {

    /** Replay settings for a service of {@code config}: its raw topic and partition count, at {@code speed}. */
    public static ReplayConfig replayConfig(final AppConfig config, final ReplaySelection source, final Speed speed) {
        return ReplaySource.configure(source, ReplayConfig.defaults().withTopic(config.topology().rawTopic())
                .withPartitions(config.topicPartitions()).withSpeed(speed));
    }

    /**
     * Replays {@code source} into the raw topic through {@code wrap} (identity for full speed; a pacing,
     * recording sink for latency benchmarks).
     *
     * @param rejected each CSV row refused as it is read
     * @param progress replay progress, about every few thousand ticks (may throw to stop the replay)
     * @throws InterruptedException when interrupted while pacing or sending
     */
    public ReplaySummary replay(final ReplaySelection source, final Speed speed,
                                final UnaryOperator<TickSink> wrap, final Consumer<RowRejection> rejected,
                                final Consumer<ReplayProgress> progress) throws InterruptedException {
        final ReplayConfig rc = replayConfig(config, source, speed);
        final TickSink kafka = KafkaTickSink.create(config.clientProps(), rc.topic(), rc.partitions());
        try (ReplayProducer producer = new ReplayProducer(rc, source.referenceData(), wrap.apply(kafka),
                WallClock.system())) {
            return ReplaySource.replay(source, producer, rejected, progress);
        }
    }

    /**
     * Blocks until everything replayed has landed (Kafka's committed offsets), {@code stop} is true or
     * {@code timeout} passes; {@code progress} sees each check.
     */
    public LandingWatch.Status awaitLanded(final Duration timeout, final BooleanSupplier stop,
                                           final Consumer<LandingWatch.Status> progress) {
        return LandingWait.await(config, service, timeout, stop, progress);
    }
}
