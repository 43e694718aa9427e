package io.ticklake.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticklake.data.DailyBar;
import io.ticklake.data.Tick;
import io.ticklake.data.replay.ReplaySummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service run of a chaos test over a {@link ChaosCluster}: the service process, the replay, and
 * the waits on the lake. Closing it kills the service if it still runs.
 */
final class ChaosRun implements AutoCloseable {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern TICK_FILE = Pattern.compile("ticks/.*/ticks-enriched\\+(\\d+)\\+(\\d{20})\\.parquet");

    final ChaosCluster cluster;
    final SourceData source;
    final ServiceProcess service;
    final LakeMirror mirror;
    final KafkaProbe probe;
    final String applicationId;
    final Path workDir;
    private final AtomicReference<Verdict> lastVerdict = new AtomicReference<>();

    ChaosRun(final ChaosCluster cluster, final String name, final SourceData source, final Map<String, String> env) {
        this.cluster = cluster;
        this.source = source;
        this.applicationId = "chaos-" + name;
        this.workDir = cluster.dir().resolve(name);
        this.service = new ServiceProcess(ServiceUnderTest.spec(cluster, applicationId, name, workDir, env));
        this.mirror = new LakeMirror(cluster.s3(), ChaosCluster.BUCKET, name, workDir.resolve("mirror"));
        this.probe = new KafkaProbe(cluster.bootstrapServers());
    }

    String sinkGroup() {
        return applicationId + "-sink";
    }

    /** Replays the source in a background thread, paced to last about {@code wall}. */
    CompletableFuture<ReplaySummary> replayInBackground(final Duration wall) {
        return CompletableFuture.supplyAsync(() -> source.replay(cluster.bootstrapServers(), ChaosCluster.PARTITIONS,
                wall));
    }

    static ReplaySummary join(final CompletableFuture<ReplaySummary> replay, final Duration timeout) {
        try {
            return replay.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("replay failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("replay did not finish within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the service, replays the source in the background over about {@code wall}, waits until files land. */
    CompletableFuture<ReplaySummary> startAndReplayUntilFilesLand(final Duration wall) {
        service.startAndAwaitReady(READY_TIMEOUT);
        final CompletableFuture<ReplaySummary> replay = replayInBackground(wall);
        awaitFirstTickFiles(Duration.ofSeconds(60));
        return replay;
    }

    /**
     * The end of every run: the replay sent the whole source, the lake becomes exact, the service is ready, SIGTERM exits 0, and the
     * final verdict (taken with the service stopped) is exact.
     *
     * @return the verdict, and how long the lake took to become exact after the replay ended
     */
    Finish finishExactly(final CompletableFuture<ReplaySummary> replay, final Duration replayTimeout) {
        final ReplaySummary summary = join(replay, replayTimeout);
        assertThat(summary.ticks()).isEqualTo(source.ticks().size());
        final Duration drain = awaitLakeExact(source.ticks(), source.bars(), Duration.ofMinutes(2));
        assertThat(service.status("/health/ready")).as("ready once the lake is exact").isEqualTo(200);
        stopGracefully();
        final Verdict verdict = verdict();
        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.exact()).as("%s", verdict).isTrue();
        return new Finish(verdict, drain);
    }

    /** What {@link #finishExactly} found. */
    record Finish(Verdict verdict, Duration drain) {
    }

    /** Waits until the lake holds at least one file of {@code ticks} (the pipeline is flowing). */
    void awaitFirstTickFiles(final Duration timeout) {
        await("first ticks files in the lake").atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> mirror.list().keySet().stream().anyMatch(k -> k.startsWith("ticks/")));
    }

    /** Waits until the lake equals the source (every tick once, every bar right); returns how long it took. */
    Duration awaitLakeExact(final List<Tick> ticks, final List<DailyBar> bars, final Duration timeout) {
        return awaitLakeExact(lake -> Verdict.of(lake, ticks, bars), timeout);
    }

    /** Waits until {@code judge} finds the lake exact; returns how long it took. */
    Duration awaitLakeExact(final java.util.function.Function<LakeSnapshot, Verdict> judge, final Duration timeout) {
        final long t0 = System.nanoTime();
        try {
            await("lake equal to the source").atMost(timeout).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        final Verdict v = judge.apply(mirror.snapshot());
                        lastVerdict.set(v);
                        if (!service.isAlive()) {
                            throw new AssertionError("service died; log tail:\n" + service.logTail(40));
                        }
                        return v.exact();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("lake never equalled the source; last verdict " + lastVerdict.get()
                    + "\nservice log tail:\n" + service.logTail(40), e);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** The lake now, compared with the whole source. */
    Verdict verdict() {
        return Verdict.of(mirror.snapshot(), source.ticks(), source.bars());
    }

    /**
     * Files of {@code ticks} whose first offset is at or past the sink's committed offset of their
     * partition: uploaded but not yet committed (call right after a kill).
     */
    long uploadedButUncommitted() {
        final Map<Integer, Long> committed = probe.committed(sinkGroup(), "ticks-enriched");
        long n = 0;
        for (final String key : mirror.list().keySet()) {
            final Matcher m = TICK_FILE.matcher(key);
            if (m.matches() && Long.parseLong(m.group(2)) >= committed.getOrDefault(Integer.parseInt(m.group(1)), 0L)) {
                n++;
            }
        }
        return n;
    }

    /** SIGTERM, which must end the service with exit code 0. */
    void stopGracefully() {
        assertThat(service.sigterm(STOP_TIMEOUT)).as("exit code after SIGTERM; log tail:\n%s", service.logTail(30))
                .isZero();
    }

    /** The peak heap of every service JVM of this run, from the GC logs. */
    long peakHeapBytes() {
        return GcLog.peakHeapBytes(workDir);
    }

    @Override
    public void close() {
        try {
            service.close();
        } finally {
            probe.close();
        }
    }
}
