package io.ticklake.bench;

import io.ticklake.data.FileTrees;
import io.ticklake.service.ReplaySelection;
import io.ticklake.service.config.AppConfig;
import io.ticklake.service.config.ConfigKeys;
import io.ticklake.service.PipelineRun;
import io.ticklake.service.LandingWatch;
import io.ticklake.service.LocalPipeline;
import io.ticklake.service.TickLakeService;
import io.ticklake.data.replay.Speed;
import io.ticklake.data.replay.ReplaySummary;
import io.ticklake.data.replay.TickSink;
import io.ticklake.embedded.EmbeddedKafka;
import io.ticklake.sink.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * One pipeline as {@code demo} runs it — embedded broker, the service (topology, sink, local lake) —
 * in fresh temporary directories, so runs in one invocation don't see each other's topics or files.
 * {@link #close()} stops everything and deletes the directories.
 */
public final class BenchPipeline implements AutoCloseable {
    /** The Streams commit interval key (through the service's {@code streams.} prefix). */
    public static final String COMMIT_INTERVAL = "streams.commit.interval.ms";
    /** Its value in every bench pipeline unless overridden. */
    public static final String COMMIT_INTERVAL_MS = "100";
    private static final String APPLICATION_ID = "ticklake-bench";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration READY_POLL = Duration.ofMillis(20);
    private final EmbeddedKafka kafka;
    private final Path lake;
    private final Path stateDir;
    private final AppConfig config;
    private final TickLakeService service;

    private BenchPipeline(final EmbeddedKafka kafka, final Path lake, final Path stateDir, final AppConfig config,
                          final TickLakeService service) {
        this.kafka = kafka;
        this.lake = lake;
        this.stateDir = stateDir;
        this.config = config;
        this.service = service;
    }

    /**
     * Starts a pipeline with {@code guarantee} ({@code exactly_once_v2}, {@code at_least_once}).
     *
     * @param overrides      config keys over the demo's settings ({@code -D})
     * @param storeDecorator wraps the lake store (e.g. to time each put)
     */
    public static BenchPipeline start(final String guarantee, final Map<String, String> overrides,
                               final UnaryOperator<ObjectStore> storeDecorator) throws IOException {
        final Path lake = Files.createTempDirectory("ticklake-bench-lake-");
        final Path state = Files.createTempDirectory("ticklake-bench-state-");
        final EmbeddedKafka kafka = EmbeddedKafka.start();
        try {
            final AppConfig config = AppConfig.of(LocalPipeline.settings(kafka.bootstrapServers(), lake, state,
                    APPLICATION_ID, 0, settings(guarantee, overrides)));
            final TickLakeService service = new TickLakeService(config, Clock.systemUTC(), List.of(), storeDecorator);
            service.start();
            final BenchPipeline pipeline = new BenchPipeline(kafka, lake, state, config, service);
            pipeline.awaitReady();
            return pipeline;
        } catch (RuntimeException e) {
            kafka.close();
            FileTrees.deleteQuietly(lake);
            FileTrees.deleteQuietly(state);
            throw e;
        }
    }

    /**
     * Checks the configuration {@link #start} would build for {@code guarantee} and {@code overrides},
     * before any broker starts or directory is created (a configuration error is exit 2, at once).
     */
    public static void check(final String guarantee, final Map<String, String> overrides) {
        LocalPipeline.check(Path.of(System.getProperty("java.io.tmpdir"), "ticklake-bench-lake"), APPLICATION_ID, 0,
                settings(guarantee, overrides));
    }

    private static Map<String, String> settings(final String guarantee, final Map<String, String> overrides) {
        final Map<String, String> settings = new HashMap<>();
        // Kafka's default for exactly-once; at-least-once defaults to 30 s, which would only delay the
        // completion check (it needs the topology's committed offsets): same interval, only the guarantee differs
        settings.put(COMMIT_INTERVAL, COMMIT_INTERVAL_MS);
        // the pipeline alone, as before the refresher existed: rollups are not part of what e2e/latency time
        settings.put(ConfigKeys.ROLLUP_REFRESH_INTERVAL_MS, "0");
        settings.putAll(overrides);
        settings.put(ConfigKeys.PROCESSING_GUARANTEE, guarantee);
        return settings;
    }

    /** Blocks until Streams runs (tasks assigned) and the sink runs, so startup is not timed as throughput. */
    private void awaitReady() {
        final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!service.health().ready()) {
            if (System.nanoTime() > deadline || !service.health().live()) {
                close();
                throw new IllegalStateException("the pipeline is not ready after " + READY_TIMEOUT + ": "
                        + service.health().components());
            }
            LockSupport.parkNanos(READY_POLL.toNanos());   // poll period of a state check
        }
    }

    public AppConfig config() {
        return config;
    }

    public Path lake() {
        return lake;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * Replays {@code source} into the raw topic as {@code replay}/{@code demo} do, through {@code wrap}
     * (identity for full speed; a pacing, recording sink for latency).
     */
    public ReplaySummary replay(final ReplaySelection source, final UnaryOperator<TickSink> wrap)
            throws InterruptedException {
        return run().replay(source, Speed.MAX, wrap, r -> { }, p -> { });
    }

    /** Blocks until every replayed tick and every closed bar is in the lake (Kafka's committed offsets). */
    public LandingWatch.Status awaitLanded(final Duration timeout) {
        return run().awaitLanded(timeout, () -> false, s -> { });
    }

    private PipelineRun run() {
        return new PipelineRun(config, service);
    }

    /** Parquet files and their bytes in the lake now. */
    public LakeSize lakeSize() throws IOException {
        try (Stream<Path> files = Files.walk(lake)) {
            final long[] acc = new long[2];
            files.filter(p -> p.toString().endsWith(".parquet")).forEach(p -> {
                acc[0]++;
                acc[1] += p.toFile().length();
            });
            return new LakeSize(acc[0], acc[1]);
        }
    }

    /** Files and bytes of a lake. */
    public record LakeSize(long files, long bytes) {
    }

    @Override
    public void close() {
        try {
            service.close();
        } finally {
            kafka.close();
            FileTrees.deleteQuietly(lake);
            FileTrees.deleteQuietly(stateDir);
        }
    }
}
