package io.ticklake.app.cli;

import io.ticklake.data.FileTrees;
import io.ticklake.service.UsageException;
import io.ticklake.service.config.AppConfig;
import io.ticklake.service.LandingWait;
import io.ticklake.service.PipelineRun;
import io.ticklake.service.LocalPipeline;
import io.ticklake.service.ReplayMetrics;
import io.ticklake.service.Signals;
import io.ticklake.service.TickLakeService;
import io.ticklake.data.replay.ReplayProgress;
import io.ticklake.data.replay.ReplaySummary;
import io.ticklake.data.replay.Speed;
import io.ticklake.embedded.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: the whole pipeline on this machine, with an embedded broker and a local lake. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the whole pipeline locally: an embedded Kafka broker (127.0.0.1, a free port), the "
                + "topology, the lake sink into --lake, a replay (the generator, or --csv), the rollups (kept current by "
                + "the service as bars land, every rollup.refresh.interval.ms), then a summary and a sample query.",
            "With --until-done it exits 0 once every replayed tick and every closed bar is in the lake (checked with "
                + "Kafka's committed offsets) and the rollups are refreshed; otherwise it keeps serving (and refreshing) until "
                + "Ctrl-C."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source;

    @Option(names = "--lake", paramLabel = "DIR", defaultValue = "lake",
            description = "local lake directory (default: ./${DEFAULT-VALUE}); tables of a previous demo are cleared")
    Path lake;

    @Option(names = "--until-done", description = "exit 0 once everything landed and the rollups are built")
    boolean untilDone;

    @Option(names = "--speed", paramLabel = "max|FACTOR", defaultValue = "max",
            converter = Converters.SpeedConverter.class, description = "replay pace (default: ${DEFAULT-VALUE})")
    Speed speed;

    @Option(names = "--http-port", paramLabel = "N", defaultValue = "0",
            description = "admin HTTP port, 0 = a free port (default: ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = Converters.DurationConverter.class,
            description = "give up when the lake is not complete this long after the replay (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE", description = "set any config key (repeatable)")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--no-progress", description = "no progress output")
    boolean noProgress;

    /** The Streams application id of the demo (its sink's group is {@code ticklake-demo-sink}). */
    private static final String APPLICATION_ID = "ticklake-demo";

    @Override
    public Integer call() throws Exception {
        source.validate();
        checkConfiguration();
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final List<String> cleared = DemoLake.prepare(lake);
        if (!cleared.isEmpty()) {
            err.println("demo: cleared the previous demo's tables in " + lake.toAbsolutePath() + ": " + cleared);
        }
        final Path stateDir = Files.createTempDirectory("ticklake-demo-state-");
        final long t0 = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            out.println("demo: Kafka (embedded, KRaft) on " + kafka.bootstrapServers());
            out.flush();
            final AppConfig config = AppConfig.of(LocalPipeline.settings(kafka.bootstrapServers(), lake,
                    stateDir, APPLICATION_ID, httpPort, settings));
            return new DemoRun(config, out, err, t0).run();
        } finally {
            FileTrees.deleteQuietly(stateDir); // a temp directory: left for the OS when it fails
        }
    }

    /**
     * Every setting and the replay's configuration, checked with a placeholder broker address before
     * the previous demo's tables are cleared or the broker starts: a typo must leave the lake as it was.
     */
    private void checkConfiguration() {
        final AppConfig checked = LocalPipeline.check(lake, APPLICATION_ID, httpPort, settings);
        try {
            PipelineRun.replayConfig(checked, source.selection(), speed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** One demo, from the service start to the summary. */
    private final class DemoRun {
        private final AppConfig config;
        private final PrintWriter out;
        private final PrintWriter err;
        private final long t0;
        private final ReplayMetrics replayMetrics = new ReplayMetrics();
        private volatile boolean stopRequested;

        DemoRun(final AppConfig config, final PrintWriter out, final PrintWriter err, final long t0) {
            this.config = config;
            this.out = out;
            this.err = err;
            this.t0 = t0;
        }

        int run() throws Exception {
            final TickLakeService service = new TickLakeService(config, Clock.systemUTC(), List.of(replayMetrics));
            try (Signals signals = Signals.install(() -> {
                stopRequested = true;
                service.requestStop();
            }, service::awaitClosed); service) {
                service.start();
                out.println("demo: candle page on http://127.0.0.1:" + service.httpPort() + "/ (health on /health, metrics on /metrics)");
                out.println("demo: lake " + lake.toAbsolutePath().normalize());
                out.flush();
                final long replayStart = System.nanoTime();
                final PipelineRun run = new PipelineRun(config, service);
                final ReplaySummary replay;
                try {
                    replay = replay(run);
                    out.println(Summaries.replay(replay, "into " + config.topology().rawTopic()));
                    out.flush();
                    awaitLanded(run);
                } catch (CancellationException e) {
                    if (!stopRequested) {
                        throw e;
                    }
                    // Ctrl-C is a request, not a failure: the service still stops in order (flush, commit)
                    out.println("demo: " + e.getMessage() + " (stop requested); the lake keeps what was committed");
                    out.flush();
                    return ExitCodes.INTERRUPTED;
                }
                final Duration pipeline = Duration.ofNanos(System.nanoTime() - replayStart);
                final DemoReport report = DemoReport.build(lake, replay, pipeline, service.counters(), service.rollups(),
                        timeout);
                report.print(out, Duration.ofNanos(System.nanoTime() - t0));
                if (untilDone) {
                    out.println("demo: done");
                    out.flush();
                    return ExitCodes.OK;
                }
                out.println("demo: serving until Ctrl-C (health on port " + service.httpPort() + ")");
                out.flush();
                service.awaitStop().ifPresent(f -> {
                    throw new IllegalStateException(f);
                });
                return ExitCodes.OK;
            }
        }

        private ReplaySummary replay(final PipelineRun run) throws InterruptedException {
            final Consumer<ReplayProgress> bar = noProgress ? p -> { } : new ProgressBar(err, System.console() != null);
            return run.replay(source.selection(), speed, UnaryOperator.identity(), r -> {
                err.println("rejected " + r);
                err.flush();
            }, p -> {
                if (stopRequested) {
                    throw new CancellationException("stopped before the replay finished");
                }
                replayMetrics.accept(p);
                bar.accept(p);
            });
        }

        /** Polls Kafka's offsets until everything landed, printing progress about once a second. */
        private void awaitLanded(final PipelineRun run) {
            final long[] lastPrint = {0};
            run.awaitLanded(timeout, () -> stopRequested, s -> {
                if (!noProgress && (s.landed() || System.nanoTime() - lastPrint[0] > 1_000_000_000L)) {
                    err.println("landing: " + LandingWait.describe(s));
                    err.flush();
                    lastPrint[0] = System.nanoTime();
                }
            });
        }
    }
}
