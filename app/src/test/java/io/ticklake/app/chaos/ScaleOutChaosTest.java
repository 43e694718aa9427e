package io.ticklake.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticklake.data.replay.ReplaySummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;

/**
 * Several instances of the service, each in its own JVM, on one application id and one lake: the
 * work is shared, and instances dying, joining and leaving mid-stream lose and duplicate nothing.
 *
 * <p>Two instances start; once both own work, one is killed with SIGKILL at a seeded moment and
 * the survivor must take over every task and partition and catch up with everything written
 * before the kill; then the killed one restarts and a new one joins (three instances, one task
 * each); then the first is stopped with SIGTERM (exit 0) and the remaining two share the work; the
 * replay ends and the lake must equal the source exactly (by lineage, every bar once).
 *
 * <p>"Owns work" is checked twice, independently: each instance's {@code /metrics} lists the
 * Streams tasks it runs (the topology's sensors are tagged with the task id), and the coordinator's
 * view of both consumer groups (Admin {@code describeConsumerGroups}: the Streams group
 * {@code <id>}, the sink group {@code <id>-sink}) must be stable with one member per instance, each
 * owning partitions. Each instance must also have processed ticks itself.
 */
class ScaleOutChaosTest extends ChaosTest {
    private static final String NAME = "scaleout";
    private static final Set<String> TASKS = Set.of("0_0", "0_1", "0_2");
    /** ticks-enriched, ohlc-1m, ohlc-1d: the sink group's partitions. */
    private static final int SINK_PARTITIONS = 3 * ChaosCluster.PARTITIONS;
    private static final Pattern TASK_TICKS = Pattern.compile(
            "^kafka_streams_stream_ticklake_metrics_ticks_total\\{[^}]*ticklake_id=\"([0-9_]+)\"[^}]*} (\\S+)$",
            Pattern.MULTILINE);
    private static final Pattern ROWS_WRITTEN = Pattern.compile("^ticklake_sink_records_written_total (\\S+)$",
            Pattern.MULTILINE);
    private static final Duration SHARE_TIMEOUT = Duration.ofSeconds(90);

    private final Map<String, ServiceProcess> instances = new LinkedHashMap<>();
    private final Map<String, Long> peakRssKiB = new LinkedHashMap<>();

    @Test
    void instancesShareTheWorkAndSurviveAKillAJoinAndAStop() {
        final long seed = ChaosMoments.seed();
        System.out.println("chaos seed = " + seed + " (rerun with -Dchaos.seed=" + seed + ")");
        final Random random = new Random(seed);
        final SourceData source = SourceData.standard();
        final String appId = "chaos-" + NAME;
        final Path dir = cluster.dir().resolve(NAME);
        final LakeMirror mirror = new LakeMirror(cluster.s3(), ChaosCluster.BUCKET, NAME, dir.resolve("mirror"));
        final Figures figures = new Figures(NAME).put("seed", seed);
        try (GroupProbe groups = new GroupProbe(cluster.bootstrapServers());
             KafkaProbe offsets = new KafkaProbe(cluster.bootstrapServers())) {
            final ServiceProcess a = instance("a", appId, dir);
            final ServiceProcess b = instance("b", appId, dir);
            a.start();
            b.start();
            figures.put("readyAfterStartMs", List.of(a.awaitReady(ChaosRun.READY_TIMEOUT).toMillis(),
                    b.awaitReady(ChaosRun.READY_TIMEOUT).toMillis()));
            final CompletableFuture<ReplaySummary> replay = CompletableFuture.supplyAsync(
                    () -> source.replay(cluster.bootstrapServers(), ChaosCluster.PARTITIONS, Duration.ofSeconds(75)));

            figures.put("twoInstances", awaitShared(groups, appId, List.of(a, b)));

            // SIGKILL one of two
            final long moment = 500 + random.nextInt(2_500);
            ChaosMoments.strikeAfter(Duration.ofMillis(moment));
            assertThat(replay).as("the kill must land mid-replay").isNotDone();
            final Map<Integer, Long> rawEnd = groups.ends("ticks-raw", ChaosCluster.PARTITIONS, IsolationLevel.READ_UNCOMMITTED);
            final Map<Integer, Long> enrichedEnd = groups.ends("ticks-enriched", ChaosCluster.PARTITIONS,
                    IsolationLevel.READ_COMMITTED);
            recordRss("b", b);
            final long killed = System.nanoTime();
            b.kill9();
            await("the survivor owns every task and partition").atMost(SHARE_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> a.status("/health/ready") == 200 && tasks(a).equals(TASKS)
                            && groups.describe(appId).sharedBy(1, ChaosCluster.PARTITIONS)
                            && groups.describe(appId + "-sink").sharedBy(1, SINK_PARTITIONS));
            final long ownsAllMs = millisSince(killed);
            await("the survivor caught up with everything written before the kill: ticks-raw " + rawEnd
                    + ", ticks-enriched " + enrichedEnd).atMost(SHARE_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> atLeast(offsets.committed(appId, "ticks-raw"), rawEnd)
                            && atLeast(offsets.committed(appId + "-sink", "ticks-enriched"), enrichedEnd));
            figures.put("killMomentMs", moment).put("killToSurvivorReadyOwningAllMs", ownsAllMs)
                    .put("killToCaughtUpMs", millisSince(killed));

            // the killed one comes back and a new one joins: three instances, one task each
            final ServiceProcess c = instance("c", appId, dir);
            final long joined = System.nanoTime();
            b.start();
            c.start();
            b.awaitReady(ChaosRun.READY_TIMEOUT);
            c.awaitReady(ChaosRun.READY_TIMEOUT);
            figures.put("threeInstances", awaitShared(groups, appId, List.of(a, b, c)))
                    .put("joinToSharedByThreeMs", millisSince(joined));

            // SIGTERM one of three
            assertThat(replay).as("the SIGTERM must land mid-replay").isNotDone();
            recordRss("a", a);
            final long stopping = System.nanoTime();
            assertThat(a.sigterm(ChaosRun.STOP_TIMEOUT)).as("exit code after SIGTERM; log tail:\n%s", a.logTail(30))
                    .isZero();
            figures.put("sigtermStopMs", millisSince(stopping))
                    .put("afterSigterm", awaitShared(groups, appId, List.of(b, c)))
                    .put("sigtermToSharedByTwoMs", millisSince(stopping));

            final ReplaySummary summary = ChaosRun.join(replay, Duration.ofMinutes(3));
            assertThat(summary.ticks()).isEqualTo(source.ticks().size());
            final long drained = System.nanoTime();
            awaitExact(mirror, source, List.of(b, c));
            figures.put("drainAfterReplayMs", millisSince(drained));
            for (final String name : List.of("b", "c")) {
                recordRss(name, instances.get(name));
                assertThat(instances.get(name).sigterm(ChaosRun.STOP_TIMEOUT)).as("exit code of %s after SIGTERM", name)
                        .isZero();
            }
            final Verdict verdict = Verdict.of(mirror.snapshot(), source.ticks(), source.bars());
            assertThat(verdict.problems()).isEmpty();
            assertThat(verdict.exact()).as("%s", verdict).isTrue();
            figures.put("ticks", verdict.expectedTicks()).put("lost", verdict.lost())
                    .put("duplicated", verdict.duplicated()).put("bars1m", mirror.snapshot().ohlc1m().size())
                    .put("peakHeapMiB", peakHeap(dir) / (1024 * 1024)).put("peakRssMiB", peakRssKiB).write();
        } finally {
            instances.values().forEach(ServiceProcess::close);
        }
    }

    private ServiceProcess instance(final String name, final String appId, final Path dir) {
        final ServiceProcess p = new ServiceProcess(ServiceUnderTest.spec(cluster, appId, NAME, dir.resolve(name),
                Map.of("TICKLAKE_SINK_ROLL_MAX_RECORDS", "50", "KAFKA_MAX_POLL_RECORDS", "50")));
        instances.put(name, p);
        return p;
    }

    /**
     * Waits until {@code members} share the work: each runs its own Streams tasks (disjoint, all of
     * them together) and has processed ticks and written rows, and both groups are stable with one
     * member per instance, each owning partitions. Returns what it saw, for the figures.
     */
    private static String awaitShared(final GroupProbe groups, final String appId, final List<ServiceProcess> members) {
        final java.util.concurrent.atomic.AtomicReference<List<String>> seen = new java.util.concurrent.atomic.AtomicReference<>(List.of());
        try {
            await(members.size() + " instances share the work").atMost(SHARE_TIMEOUT).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        final List<String> now = new ArrayList<>();
                        final boolean shared = shared(groups, appId, members, now);
                        seen.set(List.copyOf(now));
                        return shared;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            final StringBuilder why = new StringBuilder("work never shared by " + members.size() + " instances; last seen "
                    + seen.get());
            for (final ServiceProcess m : members) {
                why.append("\n--- one instance:\n");
                try {
                    why.append(m.status("/health")).append(' ').append(m.isAlive() ? "alive" : "dead").append('\n')
                            .append(m.logTail(15)).append('\n');
                } catch (RuntimeException | AssertionError x) {
                    why.append("(no metrics: ").append(x.getMessage()).append(")\n").append(m.logTail(20));
                }
            }
            throw new AssertionError(why.toString(), e);
        }
        return "tasks " + String.join(" ", seen.get()).replace(", ", "+");
    }

    private static boolean shared(final GroupProbe groups, final String appId, final List<ServiceProcess> members,
                                  final List<String> seen) {
        final Set<String> union = new HashSet<>();
        int owned = 0;
        double ticks = 0;
        boolean working = true;
        for (final ServiceProcess m : members) {
            final String metrics = m.get("/metrics");
            final Set<String> tasks = tasksOf(metrics);
            final int ready = m.status("/health/ready");
            // not "ticks > 0" per instance: with 3 indices on 3 partitions a task may have no index at all
            working &= !tasks.isEmpty() && ready == 200;
            ticks += ticksOf(metrics);
            union.addAll(tasks);
            owned += tasks.size();
            seen.add(new TreeSet<>(tasks) + (ready == 200 ? "" : "(not ready)") + "(ticks " + (long) ticksOf(metrics)
                    + ", rows " + (long) rowsOf(metrics) + ")");
        }
        final GroupProbe.Group streams = groups.describe(appId);
        final GroupProbe.Group sink = groups.describe(appId + "-sink");
        seen.add("streams group " + streams.state() + " " + streams.counts() + ", sink group " + sink.state() + " "
                + sink.counts());
        return working && ticks > 0 && union.equals(TASKS) && owned == TASKS.size()
                && streams.sharedBy(members.size(), ChaosCluster.PARTITIONS)
                && sink.sharedBy(members.size(), SINK_PARTITIONS);
    }

    private static void awaitExact(final LakeMirror mirror, final SourceData source, final List<ServiceProcess> running) {
        await("lake equal to the source").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    for (final ServiceProcess p : running) {
                        if (!p.isAlive()) {
                            throw new AssertionError("an instance died; log tail:\n" + p.logTail(40));
                        }
                    }
                    return Verdict.of(mirror.snapshot(), source.ticks(), source.bars()).exact();
                });
    }

    private static Set<String> tasks(final ServiceProcess p) {
        return tasksOf(p.get("/metrics"));
    }

    private static Set<String> tasksOf(final String metrics) {
        final Set<String> out = new HashSet<>();
        final Matcher m = TASK_TICKS.matcher(metrics);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static double ticksOf(final String metrics) {
        double sum = 0;
        final Matcher m = TASK_TICKS.matcher(metrics);
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }

    private static double rowsOf(final String metrics) {
        final Matcher m = ROWS_WRITTEN.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static boolean atLeast(final Map<Integer, Long> committed, final Map<Integer, Long> target) {
        // a partition nothing was ever committed on is at 0 (it may be empty)
        return target.entrySet().stream().allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /** The instance's peak resident set (VmHWM) so far, kept per instance (the largest of its runs). */
    private void recordRss(final String name, final ServiceProcess p) {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    final long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    peakRssKiB.merge(name, kib / 1024, Math::max);
                }
            }
        } catch (IOException e) {
            peakRssKiB.putIfAbsent(name, -1L);   // not Linux: no figure
        }
    }

    private long peakHeap(final Path dir) {
        return instances.keySet().stream().mapToLong(n -> GcLog.peakHeapBytes(dir.resolve(n))).max().orElse(0);
    }

    private static long millisSince(final long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
