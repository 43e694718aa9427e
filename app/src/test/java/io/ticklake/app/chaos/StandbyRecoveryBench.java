package io.ticklake.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticklake.data.replay.ReplaySummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Measurements, not a test of correctness: standby replicas, recovery and rebalance cost of {@code run}
 * instances in their own JVMs (docs/RELIABILITY.md "Standby replicas and recovery", docs/OPERATIONS.md
 * §4). Not part of {@code ./mvnw verify}: the class name matches none of surefire's default patterns and
 * it is tagged {@code bench}; run it with {@code bench/standby.sh} (or {@code -Dtest=StandbyRecoveryBench}).
 *
 * <ul>
 *   <li>{@link #killJoinLeave}: per {@code streams.num.standby.replicas} (0, 1) and repetition, two
 *       instances stream the chaos data; a third joins (→ all three ready and sharing both groups),
 *       leaves with SIGTERM (→ two sharing), then one of the two is SIGKILLed (→ the survivor ready
 *       owning everything, then caught up with everything written before the kill). For each event:
 *       the time, and the longest processing pause of either group meanwhile (ms without committed
 *       progress while input waited), against the longest pause in as long a window before it.</li>
 *   <li>{@link #restorationOfAYear}: one instance processes a replay of the real file
 *       ({@code -Dbench.csv=FILE}, {@code -Dbench.from/-Dbench.to}, default the year 2020); then,
 *       {@code bench.reps} times, SIGTERM and a restart keeping the state directory, and SIGTERM and a
 *       restart with it deleted: start → ready, and the restoration Streams logged (records, ms).</li>
 * </ul>
 *
 * Figures go to {@code app/target/chaos-figures.txt} ({@code bench-*} lines).
 */
@Tag("bench")
@ExtendWith(SharedCluster.class)
class StandbyRecoveryBench {
    private static final int REPS = Integer.getInteger("bench.reps", 3);
    private static final Duration REPLAY_WALL = Duration.ofSeconds(Long.getLong("bench.replay.seconds", 90));
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);
    private static final int SINK_PARTITIONS = 3 * ChaosCluster.PARTITIONS;

    @ParameterizedTest(name = "num.standby.replicas={0}")
    @ValueSource(ints = {0, 1})
    void killJoinLeave(final int standby, final ChaosCluster cluster) {
        final Map<String, List<Long>> all = new LinkedHashMap<>();
        for (int rep = 1; rep <= REPS; rep++) {
            cluster.resetTopics();
            oneRound(cluster, standby, "bench-sb" + standby + "-r" + rep).forEach(
                    (k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        final Figures summary = new Figures("bench-standby" + standby + "-summary").put("reps", REPS);
        all.forEach((k, v) -> summary.put(k, Stats.of(v)));
        summary.write();
    }

    private Map<String, Long> oneRound(final ChaosCluster cluster, final int standby, final String appId) {
        final Path dir = cluster.dir().resolve(appId);
        final SourceData source = SourceData.standard();
        final Map<String, Long> f = new LinkedHashMap<>();
        final List<ServiceProcess> started = new ArrayList<>();
        try (GroupProbe groups = new GroupProbe(cluster.bootstrapServers());
             KafkaProbe offsets = new KafkaProbe(cluster.bootstrapServers());
             ProgressSampler sampler = new ProgressSampler(cluster.bootstrapServers(), appId, ChaosCluster.PARTITIONS)) {
            final ServiceProcess a = instance(cluster, appId, standby, dir.resolve("a"), started);
            final ServiceProcess b = instance(cluster, appId, standby, dir.resolve("b"), started);
            a.start();
            b.start();
            a.awaitReady(ChaosRun.READY_TIMEOUT);
            b.awaitReady(ChaosRun.READY_TIMEOUT);
            final CompletableFuture<ReplaySummary> replay = CompletableFuture.supplyAsync(
                    () -> source.replay(cluster.bootstrapServers(), ChaosCluster.PARTITIONS, REPLAY_WALL));
            awaitShared(groups, appId, List.of(a, b));

            // a third instance joins
            final ServiceProcess c = instance(cluster, appId, standby, dir.resolve("c"), started);
            long t0 = System.nanoTime();
            c.start();
            c.awaitReady(ChaosRun.READY_TIMEOUT);
            awaitShared(groups, appId, List.of(a, b, c));
            long t1 = System.nanoTime();
            f.put("joinToAllReadyMs", ms(t1 - t0));
            pauses(f, "join", sampler, t0, t1);
            f.put("joinMidReplay", replay.isDone() ? 0L : 1L);

            // it leaves with SIGTERM
            t0 = System.nanoTime();
            assertThat(c.sigterm(ChaosRun.STOP_TIMEOUT)).as("exit code after SIGTERM").isZero();
            awaitShared(groups, appId, List.of(a, b));
            t1 = System.nanoTime();
            f.put("sigtermToAllReadyMs", ms(t1 - t0));
            pauses(f, "sigterm", sampler, t0, t1);

            // one of the two is killed
            assertThat(replay).as("the kill must land mid-replay").isNotDone();
            final Map<Integer, Long> rawEnd = groups.ends("ticks-raw", ChaosCluster.PARTITIONS,
                    IsolationLevel.READ_UNCOMMITTED);
            final Map<Integer, Long> enrichedEnd = groups.ends("ticks-enriched", ChaosCluster.PARTITIONS,
                    IsolationLevel.READ_COMMITTED);
            final int logLines = RestoreLog.lineCount(a.logFile());
            t0 = System.nanoTime();
            b.kill9();
            await("the survivor ready, owning every task and partition").atMost(SETTLE_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> a.status("/health/ready") == 200
                            && groups.describe(appId).sharedBy(1, ChaosCluster.PARTITIONS)
                            && groups.describe(appId + "-sink").sharedBy(1, SINK_PARTITIONS));
            t1 = System.nanoTime();
            f.put("killToSurvivorReadyMs", ms(t1 - t0));
            await("the survivor caught up with everything written before the kill").atMost(SETTLE_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> atLeast(offsets.committed(appId, "ticks-raw"), rawEnd)
                            && atLeast(offsets.committed(appId + "-sink", "ticks-enriched"), enrichedEnd));
            final long t2 = System.nanoTime();
            f.put("killToCaughtUpMs", ms(t2 - t0));
            pauses(f, "kill", sampler, t0, t2);
            f.put("killRestoredRecords", RestoreLog.of(a.logFile(), logLines).records());

            ChaosRun.join(replay, Duration.ofMinutes(3));
            assertThat(a.sigterm(ChaosRun.STOP_TIMEOUT)).as("exit code after SIGTERM").isZero();
            final Figures line = new Figures("bench-standby" + standby).put("appId", appId);
            f.forEach(line::put);
            line.write();
            return f;
        } finally {
            started.forEach(ServiceProcess::close);
        }
    }

    @Test
    void restorationOfAYear(final ChaosCluster cluster) throws Exception {
        final String csv = System.getProperty("bench.csv");
        org.junit.jupiter.api.Assumptions.assumeTrue(csv != null && Files.isReadable(Path.of(csv)),
                "-Dbench.csv=FILE (the real indexProcessed.csv) is required");
        final String from = System.getProperty("bench.from", "2020-01-01");
        final String to = System.getProperty("bench.to", "2020-12-31");
        cluster.resetTopics();
        final String appId = "bench-restore";
        final Path dir = cluster.dir().resolve(appId);
        final List<ServiceProcess> started = new ArrayList<>();
        final Figures figures = new Figures("bench-restore").put("csv", Path.of(csv).getFileName())
                .put("from", from).put("to", to);
        try (GroupProbe groups = new GroupProbe(cluster.bootstrapServers());
             KafkaProbe offsets = new KafkaProbe(cluster.bootstrapServers())) {
            // the sink's default rolls (100,000 records or 60 s): a year in 50-record files would take minutes to land
            final ServiceProcess a = instance(cluster, appId, 0, dir.resolve("a"), started, Map.of());
            figures.put("firstStartReadyMs", a.startAndAwaitReady(ChaosRun.READY_TIMEOUT).toMillis());

            final long t0 = System.nanoTime();
            replayCsv(cluster, csv, from, to, dir.resolve("replay"));
            final long replayed = System.nanoTime();
            final long rawEnd = sum(groups.ends("ticks-raw", ChaosCluster.PARTITIONS, IsolationLevel.READ_UNCOMMITTED));
            figures.put("rawRecords", rawEnd).put("replayMs", ms(replayed - t0));
            await("the year processed").atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        assertThat(a.isAlive()).as("service alive; log tail:\n%s", a.logTail(30)).isTrue();
                        return offsets.committedTotal(appId, "ticks-raw") >= rawEnd;
                    });
            final long processed = System.nanoTime();
            // the sink's own lag (committed offsets stop one short of a partition's end when a transaction marker ends it)
            await("the year in the lake").atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> sinkLag(a) == 0);
            figures.put("processedMs", ms(processed - t0)).put("inLakeMs", ms(System.nanoTime() - t0))
                    .put("changelogRecords", changelogEnds(cluster, appId));

            final List<Long> keptReady = new ArrayList<>();
            final List<Long> keptRestoreMs = new ArrayList<>();
            final List<Long> freshReady = new ArrayList<>();
            final List<Long> freshRestoreMs = new ArrayList<>();
            long keptRecords = 0;
            long freshRecords = 0;
            for (int rep = 1; rep <= REPS; rep++) {
                RestoreLog r = restart(a, () -> 0, keptReady);
                keptRestoreMs.add(r.millis());
                keptRecords = r.records();
                r = restart(a, () -> {
                    deleteTree(dir.resolve("a").resolve("state"));
                    return 0;
                }, freshReady);
                freshRestoreMs.add(r.millis());
                freshRecords = r.records();
            }
            assertThat(a.sigterm(ChaosRun.STOP_TIMEOUT)).isZero();
            figures.put("keptStateReadyMs", keptReady).put("keptStateReady", Stats.of(keptReady))
                    .put("keptStateRestoreMs", keptRestoreMs).put("keptStateRestoredRecords", keptRecords)
                    .put("freshStateReadyMs", freshReady).put("freshStateReady", Stats.of(freshReady))
                    .put("freshStateRestoreMs", freshRestoreMs).put("freshStateRestoredRecords", freshRecords)
                    .write();
        } finally {
            started.forEach(ServiceProcess::close);
        }
    }

    /** SIGTERM, {@code between}, start, ready: records start → ready, returns what Streams restored. */
    private static RestoreLog restart(final ServiceProcess p, final LongSupplier between, final List<Long> ready) {
        assertThat(p.sigterm(ChaosRun.STOP_TIMEOUT)).as("exit code after SIGTERM").isZero();
        between.getAsLong();
        final int lines = RestoreLog.lineCount(p.logFile());
        ready.add(p.startAndAwaitReady(ChaosRun.READY_TIMEOUT).toMillis());
        return RestoreLog.of(p.logFile(), lines);
    }

    /** {@code Main replay --csv FILE --from --to} at full speed in its own JVM; waits for exit 0. */
    private static void replayCsv(final ChaosCluster cluster, final String csv, final String from, final String to,
                                  final Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        final Path argFile = workDir.resolve("java.args");
        Files.write(argFile, List.of("-Xmx512m", "-cp", '"' + System.getProperty("java.class.path") + '"'));
        final Path log = workDir.resolve("replay.log");
        final Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + argFile, ServiceUnderTest.MAIN, "replay", "--bootstrap-servers", cluster.bootstrapServers(),
                "--csv", csv, "--from", from, "--to", to, "--partitions", Integer.toString(ChaosCluster.PARTITIONS),
                "--speed", "max", "--no-progress")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(p.waitFor(20, TimeUnit.MINUTES)).as("replay finished").isTrue();
            assertThat(p.exitValue()).as("replay exit code; log:\n%s", Files.readString(log)).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    /** Sum of the end offsets of the application's changelog topics (records incl. transaction markers). */
    private static long changelogEnds(final ChaosCluster cluster, final String appId) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            final List<String> changelogs = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(appId + "-") && t.endsWith("-changelog")).toList();
            final Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> request =
                    new LinkedHashMap<>();
            admin.describeTopics(changelogs).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, d) ->
                    d.partitions().forEach(p -> request.put(new org.apache.kafka.common.TopicPartition(name,
                            p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest())));
            return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(i -> i.offset()).sum();
        }
    }

    /** An instance of the kill/join/leave rounds: the sink rolls every 50 records, so its group commits often. */
    private static ServiceProcess instance(final ChaosCluster cluster, final String appId, final int standby,
                                           final Path workDir, final List<ServiceProcess> started) {
        return instance(cluster, appId, standby, workDir, started,
                Map.of("TICKLAKE_SINK_ROLL_MAX_RECORDS", "50", "KAFKA_MAX_POLL_RECORDS", "50"));
    }

    private static ServiceProcess instance(final ChaosCluster cluster, final String appId, final int standby,
                                           final Path workDir, final List<ServiceProcess> started,
                                           final Map<String, String> env) {
        final ServiceProcess.Spec base = ServiceUnderTest.spec(cluster, appId, appId, workDir, env);
        RestoreLog.install(workDir);
        final List<String> args = new ArrayList<>(base.args());
        args.add("--set");
        args.add("streams.num.standby.replicas=" + standby);
        final ServiceProcess p = new ServiceProcess(new ServiceProcess.Spec(base.mainClass(), args, base.env(),
                base.jvmArgs(), base.httpPort(), workDir));
        started.add(p);
        return p;
    }

    /** Waits until every member is ready and both groups are stable with one member per instance, each owning partitions. */
    private static void awaitShared(final GroupProbe groups, final String appId, final List<ServiceProcess> members) {
        await(members.size() + " instances ready and sharing the work").atMost(SETTLE_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> members.stream().allMatch(m -> m.status("/health/ready") == 200)
                        && groups.describe(appId).sharedBy(members.size(), ChaosCluster.PARTITIONS)
                        && groups.describe(appId + "-sink").sharedBy(members.size(), SINK_PARTITIONS));
    }

    /** The longest pause of each group during [t0, t1] and, for comparison, in as long a window before t0. */
    private static void pauses(final Map<String, Long> f, final String event, final ProgressSampler sampler,
                               final long t0, final long t1) {
        final long before = t0 - (t1 - t0);
        f.put(event + "StreamsPauseMs", sampler.longestPauseMs(ProgressSampler.Group.STREAMS, t0, t1));
        f.put(event + "SinkPauseMs", sampler.longestPauseMs(ProgressSampler.Group.SINK, t0, t1));
        f.put(event + "StreamsPauseBeforeMs", sampler.longestPauseMs(ProgressSampler.Group.STREAMS, before, t0));
        f.put(event + "SinkPauseBeforeMs", sampler.longestPauseMs(ProgressSampler.Group.SINK, before, t0));
    }

    /** {@code ticklake_sink_lag_records} of {@code p}: records behind the ends of its sink partitions. */
    private static double sinkLag(final ServiceProcess p) {
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("^ticklake_sink_lag_records (\\S+)$",
                java.util.regex.Pattern.MULTILINE).matcher(p.get("/metrics"));
        return m.find() ? Double.parseDouble(m.group(1)) : Double.MAX_VALUE;
    }

    private static boolean atLeast(final Map<Integer, Long> committed, final Map<Integer, Long> target) {
        return target.entrySet().stream().allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    private static long sum(final Map<Integer, Long> byPartition) {
        return byPartition.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long ms(final long nanos) {
        return nanos / 1_000_000;
    }

    private static void deleteTree(final Path dir) {
        try {
            io.ticklake.data.FileTrees.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Median and range of a few measurements: {@code median 1234 (min 1000, max 1500, n 3)}. */
    record Stats(long median, long min, long max, int n) {
        static Stats of(final List<Long> values) {
            final List<Long> sorted = values.stream().sorted().toList();
            final int n = sorted.size();
            final long median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            return new Stats(median, sorted.get(0), sorted.get(n - 1), n);
        }

        @Override
        public String toString() {
            return "median " + median + " (min " + min + ", max " + max + ", n " + n + ")";
        }
    }
}
