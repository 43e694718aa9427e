package io.ticklake.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticklake.data.EnrichedTick;
import io.ticklake.data.OhlcBar;
import io.ticklake.embedded.EmbeddedKafka;
import io.ticklake.sink.lake.PartitionLayout;
import io.ticklake.sink.lake.PartitionListener;
import io.ticklake.sink.lake.PartitionPath;
import io.ticklake.sink.store.LocalObjectStore;
import io.ticklake.sink.store.ObjectStore;
import io.ticklake.sink.store.S3ObjectStore;
import io.ticklake.sink.store.S3Settings;
import io.ticklake.sink.testing.LakeReader;
import io.ticklake.sink.testing.LakeReader.LakeRow;
import io.ticklake.sink.testing.S3ProxyServer;
import io.ticklake.sink.testing.S3Stores;
import io.ticklake.sink.testing.TickFeed;
import io.ticklake.sink.testing.TickFeed.Sent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The sink against a real broker, the local store and a real S3 API server. */
class LakeSinkTest {
    static final LocalDate D1 = LocalDate.of(2021, 5, 27);
    static final LocalDate D2 = LocalDate.of(2021, 5, 28);
    static final List<String> HOSTILE = List.of("NYA", "N225", "../x", "a/b", "%", "=", "x".repeat(300), "日経平均",
            ".", "..", "^GSPC");

    @TempDir
    static Path tmp;
    static EmbeddedKafka kafka;
    static S3ProxyServer s3;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(tmp.resolve("kafka"));
        s3 = S3ProxyServer.start(tmp.resolve("s3"));
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    static SinkConfig config(final Map<String, String> overrides) {
        final Map<String, String> m = new HashMap<>(Map.of("sink.roll.max.age.ms", "300",
                "sink.poll.timeout.ms", "100", "sink.retry.backoff.initial.ms", "100",
                "sink.retry.backoff.max.ms", "1000"));
        m.putAll(overrides);
        return SinkConfig.from(m);
    }

    static LakeSink sink(final SinkConfig config, final ObjectStore store, final String group,
                         final PartitionListener listener, final Clock clock) {
        return new LakeSink(config, Map.of("bootstrap.servers", kafka.bootstrapServers(), "group.id", group),
                store, listener, clock).start();
    }

    @Test
    void writesReadableHivePartitionedParquetExactlyOnce() throws Exception {
        kafka.createTopics(3, "ticks-t1");
        kafka.createTopics(2, "ohlc-t1");
        final Map<PartitionPath, String> announced = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();
        final Map<String, Sent> sent;
        try (TickFeed feed = new TickFeed(kafka.bootstrapServers());
             LocalObjectStore store = LocalObjectStore.at(tmp.resolve("lake1"))) {
            for (int i = 0; i < 40; i++) {
                for (String index : HOSTILE) {
                    feed.send("ticks-t1", TickFeed.tick(index, i < 20 ? D1 : D2, i));
                }
                feed.send("ohlc-t1", TickFeed.bar(HOSTILE.get(i % HOSTILE.size()), D2, i));
            }
            feed.sendInvalid("ticks-t1", 0, "{not json");
            feed.sendInvalid("ticks-t1", 1, "{\"index\":\"NYA\",\"trading_date\":\"yesterday\"}");
            feed.sendInvalid("ohlc-t1", 0, "[]");
            feed.sendWatermark("ticks-t1", 2, 1_622_160_000_000L);
            feed.sendWatermark("ohlc-t1", 1, 1_622_160_000_000L);
            sent = feed.flush();
            final LakeSink sink = sink(config(Map.of("sink.tables", "ticks-t1=ticks,ohlc-t1=ohlc_1m",
                    "sink.roll.max.records", "150")), store, "g1", (path, location) -> {
                        calls.incrementAndGet();
                        announced.put(path, location);
                    }, Clock.systemUTC());
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> sink.metrics().snapshot().recordsWritten() == sent.size());
            } finally {
                sink.close();
            }
            final SinkMetrics.Snapshot m = sink.metrics().snapshot();
            assertThat(m.recordsInvalid()).isEqualTo(3);
            assertThat(m.recordsControl()).isEqualTo(2);
            assertThat(m.errors()).isZero();
            assertThat(m.bufferedBytes()).isZero();
            assertThat(m.openFiles()).isZero();
            assertThat(m.rolls().get(RollPolicy.Reason.RECORDS)).isPositive();
            final List<LakeRow> ticks = assertExactlyOnce(store, "ticks", "ticks-t1", sent);
            final List<LakeRow> bars = assertExactlyOnce(store, "ohlc_1m", "ohlc-t1", sent);
            assertThat(ticks).hasSize(40 * HOSTILE.size());
            assertThat(bars).hasSize(40);
            // every partition path was announced, with its location, before its batch was committed
            final Set<String> dirs = Stream.concat(ticks.stream(), bars.stream())
                    .map(r -> r.key().substring(0, r.key().lastIndexOf('/'))).collect(Collectors.toSet());
            assertThat(announced.keySet().stream().map(PartitionPath::dir)).containsExactlyInAnyOrderElementsOf(dirs);
            assertThat(calls.get()).isEqualTo(dirs.size());
            announced.forEach((p, loc) -> assertThat(loc).isEqualTo(store.uri(p.dir() + "/")).endsWith("/"));
            // nothing but Parquet under the lake, and nothing outside the tables
            try (Stream<Path> all = Files.walk(tmp.resolve("lake1"))) {
                final List<Path> files = all.filter(Files::isRegularFile).toList();
                assertThat(files).allSatisfy(f -> {
                    assertThat(f.toString()).endsWith(".parquet");
                    final Path rel = tmp.resolve("lake1").relativize(f);
                    assertThat(rel.getName(0).toString()).isIn("ticks", "ohlc_1m");
                    assertThat(rel.getNameCount()).isEqualTo(4);
                });
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = PartitionLayout.class, names = {"INDEX_YEAR", "INDEX"})
    void aCoarseLayoutLandsFilesUnderItsColumnsAndKeepsTheDateAsAColumn(final PartitionLayout layout)
            throws Exception {
        final String topic = "ohlc-coarse-" + layout.name().toLowerCase(java.util.Locale.ROOT);
        kafka.createTopics(2, topic);
        final List<LocalDate> days = List.of(LocalDate.of(2020, 12, 30), LocalDate.of(2020, 12, 31), D1, D2);
        final Path dir = tmp.resolve("lake-" + topic);
        final Map<PartitionPath, String> announced = new ConcurrentHashMap<>();
        try (TickFeed feed = new TickFeed(kafka.bootstrapServers()); LocalObjectStore store = LocalObjectStore.at(dir)) {
            for (int i = 0; i < 24; i++) {
                feed.send(topic, TickFeed.bar(HOSTILE.get(i % 3), days.get(i % days.size()), i));
            }
            final Map<String, Sent> sent = feed.flush();
            final LakeSink sink = sink(config(Map.of("sink.tables", topic + "=ohlc_1d", "sink.partitioning",
                    "ohlc_1d=" + layout.id())), store, "g-" + topic, announced::put, Clock.systemUTC());
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> sink.metrics().snapshot().recordsWritten() == 24);
            } finally {
                sink.close();
            }
            final List<LakeRow> rows = assertExactlyOnce(store, "ohlc_1d", topic, sent, layout);
            assertThat(rows).hasSize(24).allSatisfy(r -> assertThat(r.record().get("date")).isNotNull());
            final Set<String> dirs = rows.stream().map(r -> r.key().substring(0, r.key().lastIndexOf('/')))
                    .collect(Collectors.toSet());
            final Set<String> expected = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                final String index = "ohlc_1d/index=" + PartitionPath.escape(HOSTILE.get(i));
                if (layout == PartitionLayout.INDEX) {
                    expected.add(index);
                } else {
                    expected.add(index + "/year=2020");
                    expected.add(index + "/year=2021");
                }
            }
            assertThat(dirs).isEqualTo(expected);
            assertThat(announced.keySet().stream().map(PartitionPath::dir)).containsExactlyInAnyOrderElementsOf(dirs);
        }
    }

    @Test
    void s3OutageLosesNothingAndHealsByItself() throws Exception {
        kafka.createTopics(2, "ticks-t2");
        final S3Settings fast = S3Settings.defaults().withRetries(2, Duration.ofMillis(10), Duration.ofMillis(50));
        try (TickFeed feed = new TickFeed(kafka.bootstrapServers());
             S3ObjectStore store = S3Stores.open(s3, "lake-outage", "warehouse", fast)) {
            final LakeSink sink = sink(config(Map.of("sink.tables", "ticks-t2=ticks", "sink.roll.max.records", "200",
                    "sink.stall.after.ms", "1500")), store, "g2", PartitionListener.NONE, Clock.systemUTC());
            try {
                for (int i = 0; i < 500; i++) {
                    feed.send("ticks-t2", TickFeed.tick(HOSTILE.get(i % 4), D1, i));
                }
                feed.flush();
                await().atMost(Duration.ofSeconds(60)).until(() -> sink.metrics().snapshot().recordsWritten() >= 200);
                s3.stop();
                try {
                    for (int i = 500; i < 1500; i++) {
                        feed.send("ticks-t2", TickFeed.tick(HOSTILE.get(i % 4), D2, i));
                    }
                    feed.flush();
                    await().atMost(Duration.ofSeconds(60)).until(() -> {
                        final SinkMetrics.Snapshot m = sink.metrics().snapshot();
                        return m.errors() >= 2 && m.pausedPartitions() > 0;
                    });
                    // it cannot write, and says so (health turns it into "not ready")
                    await().atMost(Duration.ofSeconds(30)).until(() -> sink.state() == LakeSink.State.STALLED);
                } finally {
                    s3.start();
                }
                final Map<String, Sent> sent = feed.flush();
                await().atMost(Duration.ofSeconds(60)).until(() -> sink.metrics().snapshot().recordsWritten() == 1500);
                assertThat(sink.state()).isEqualTo(LakeSink.State.RUNNING);
                assertThat(sink.metrics().snapshot().pausedPartitions()).isZero();
                assertThat(sink.metrics().snapshot().retries()).isPositive();
                assertExactlyOnce(store, "ticks", "ticks-t2", sent);
            } finally {
                sink.close();
            }
        }
    }

    /** A store that dies (like a killed process) right after its n-th upload is durable. */
    static final class CrashingStore extends io.ticklake.sink.store.ForwardingObjectStore {
        static final class Crash extends Error {
            Crash() {
                super("simulated crash after an upload");
            }
        }

        final AtomicInteger left;

        CrashingStore(final ObjectStore delegate, final int uploadsBeforeCrash) {
            super(delegate);
            this.left = new AtomicInteger(uploadsBeforeCrash);
        }


        @Override
        public void put(final String key, final byte[] content) throws IOException {
            delegate.put(key, content);
            if (left.decrementAndGet() == 0) {
                throw new Crash();
            }
        }




        @Override
        public void close() {
        }
    }

    @Test
    void crashBetweenUploadAndCommitLeavesNoDuplicateAndNoGap() throws Exception {
        kafka.createTopics(2, "ticks-t3");
        try (TickFeed feed = new TickFeed(kafka.bootstrapServers());
             LocalObjectStore store = LocalObjectStore.at(tmp.resolve("lake3"))) {
            for (int i = 0; i < 1200; i++) {
                feed.send("ticks-t3", TickFeed.tick(HOSTILE.get(i % 5), i % 3 == 0 ? D1 : D2, i));
            }
            final Map<String, Sent> sent = feed.flush();
            final SinkConfig tables = config(Map.of("sink.tables", "ticks-t3=ticks", "sink.roll.max.records", "100"));
            // crash after the 13th file: some batches are committed, one is uploaded (partly) but not committed
            final LakeSink first = sink(tables, new CrashingStore(store, 13), "g3", PartitionListener.NONE,
                    Clock.systemUTC());
            await().atMost(Duration.ofSeconds(60)).until(() -> first.state() == LakeSink.State.FAILED);
            first.close();
            final long committedByFirst = first.metrics().snapshot().recordsWritten();
            assertThat(committedByFirst).isLessThan(1200);
            assertThat(store.list("ticks/")).hasSizeGreaterThanOrEqualTo(13);
            // the new instance rolls differently: the names it rebuilds still overwrite the orphans
            final LakeSink second = sink(config(Map.of("sink.tables", "ticks-t3=ticks", "sink.roll.max.records", "77")),
                    store, "g3", PartitionListener.NONE, Clock.systemUTC());
            try {
                await().atMost(Duration.ofSeconds(60)).until(
                        () -> committedByFirst + second.metrics().snapshot().recordsWritten() == 1200);
            } finally {
                second.close();
            }
            assertExactlyOnce(store, "ticks", "ticks-t3", sent);
        }
    }

    @Test
    void memoryStaysBoundedWithThousandsOfPartitionPaths() throws Exception {
        kafka.createTopics(1, "ticks-t4");
        final ManualClock clock = new ManualClock(1_000_000);
        final int indices = 1000;
        final int perPath = 6;
        try (TickFeed feed = new TickFeed(kafka.bootstrapServers());
             LocalObjectStore store = LocalObjectStore.at(tmp.resolve("lake4"))) {
            for (LocalDate d : List.of(D1, D2)) {
                for (int x = 0; x < indices; x++) {
                    for (int i = 0; i < perPath; i++) {
                        feed.send("ticks-t4", TickFeed.tick("IDX" + x, d, i));
                    }
                }
            }
            final Map<String, Sent> sent = feed.flush();
            final int paths = 2 * indices;
            final LakeSink sink = sink(config(Map.of("sink.tables", "ticks-t4=ticks", "sink.max.open.files", "200",
                    "sink.buffer.max.bytes", String.valueOf(1 << 20), "sink.parquet.compression", "snappy", "sink.roll.max.age.ms", "60000")),
                    store, "g4", PartitionListener.NONE, clock);
            try {
                // only early rolls happen until the clock moves; then the age roll writes the tail
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    final SinkMetrics.Snapshot m = sink.metrics().snapshot();
                    return m.lag() == 0 && m.recordsWritten() > 0 && m.commits() > 0
                            && m.recordsWritten() + m.bufferedRows() == sent.size();
                });
                clock.advance(Duration.ofSeconds(61));
                await().atMost(Duration.ofSeconds(30)).until(() -> sink.metrics().snapshot().recordsWritten() == sent.size());
            } finally {
                sink.close();
            }
            final SinkMetrics.Snapshot m = sink.metrics().snapshot();
            assertThat(m.maxOpenFiles()).isLessThanOrEqualTo(200);
            assertThat(m.maxBufferedBytes()).isLessThanOrEqualTo(1 << 20);
            assertThat(m.rolls().get(RollPolicy.Reason.OPEN_FILES) + m.rolls().get(RollPolicy.Reason.MEMORY))
                    .isPositive();
            final long rolls = m.rolls().values().stream().mapToLong(Long::longValue).sum();
            final int objects = store.list("ticks/").size();
            // each path's ticks are contiguous: a roll splits at most one path, so files ≈ paths
            assertThat(objects).isBetween(paths, paths + (int) rolls);
            assertExactlyOnce(store, "ticks", "ticks-t4", sent);
        }
    }

    @Test
    void aRebalanceBetweenTwoSinksLosesAndDuplicatesNothing() throws Exception {
        kafka.createTopics(4, "ticks-t5");
        try (TickFeed feed = new TickFeed(kafka.bootstrapServers());
             LocalObjectStore store = LocalObjectStore.at(tmp.resolve("lake5"))) {
            final SinkConfig cfg = config(Map.of("sink.tables", "ticks-t5=ticks", "sink.roll.max.records", "40"));
            final AtomicInteger next = new AtomicInteger();
            final LakeSink first = sink(cfg, store, "g5", PartitionListener.NONE, Clock.systemUTC());
            final LakeSink second;
            try {
                feedUntil(feed, next, () -> first.metrics().snapshot().recordsWritten() > 0);
                // a second member joins mid-stream: the partitions are split, open batches revoked; ticks
                // keep coming until it has committed some of its own
                second = sink(cfg, store, "g5", PartitionListener.NONE, Clock.systemUTC());
                feedUntil(feed, next, () -> second.metrics().snapshot().recordsWritten() > 0);
                feedSome(feed, next);
            } finally {
                // the first member leaves while ticks are still arriving: the second takes every partition
                first.close();
            }
            feedSome(feed, next);
            final Map<String, Sent> sent = feed.flush();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> first.metrics().snapshot().recordsWritten()
                        + second.metrics().snapshot().recordsWritten() >= sent.size());
            } finally {
                second.close();
            }
            assertThat(first.metrics().snapshot().recordsWritten() + second.metrics().snapshot().recordsWritten())
                    .as("records committed by the two members").isEqualTo(sent.size());
            assertExactlyOnce(store, "ticks", "ticks-t5", sent);
        }
    }

    /** Sends ticks, 100 at a time, until {@code done}: a member only writes what arrives after it owns partitions. */
    private static void feedUntil(final TickFeed feed, final AtomicInteger next, final Callable<Boolean> done) {
        await().atMost(Duration.ofSeconds(60)).pollInSameThread().pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    feedSome(feed, next);
                    return done.call();
                });
    }

    private static void feedSome(final TickFeed feed, final AtomicInteger next) {
        final int from = next.getAndAdd(100);
        sendTicks(feed, "ticks-t5", from, from + 100);
    }

    private static void sendTicks(final TickFeed feed, final String topic, final int from, final int to) {
        for (int i = from; i < to; i++) {
            feed.send(topic, TickFeed.tick(HOSTILE.get(i % 4), i % 2 == 0 ? D1 : D2, i));
        }
        feed.flush();
    }

    /** Every row of {@code topic} sent is in {@code table} exactly once, at its lineage, in the right file. */
    static List<LakeRow> assertExactlyOnce(final ObjectStore store, final String table, final String topic,
                                           final Map<String, Sent> sent) throws IOException {
        return assertExactlyOnce(store, table, topic, sent, PartitionLayout.INDEX_DATE);
    }

    /** As above, for a table partitioned as {@code layout}. */
    static List<LakeRow> assertExactlyOnce(final ObjectStore store, final String table, final String topic,
                                           final Map<String, Sent> sent, final PartitionLayout layout)
            throws IOException {
        final List<LakeRow> rows = LakeReader.read(store, table);
        final Map<String, Sent> expected = sent.entrySet().stream().filter(e -> e.getValue().tp().topic().equals(topic))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        final Set<String> seen = new HashSet<>();
        final List<String> duplicates = new ArrayList<>();
        final Map<String, Long> minOffsetByFile = new HashMap<>();
        for (LakeRow r : rows) {
            final String pos = TickFeed.position(topic, r.kafkaPartition(), r.kafkaOffset());
            if (!seen.add(pos)) {
                duplicates.add(pos);
            }
            minOffsetByFile.merge(r.key(), r.kafkaOffset(), Math::min);
            final Sent s = expected.get(pos);
            assertThat(s).as("row at %s was sent", pos).isNotNull();
            assertRowEquals(r, s.value());
            final String name = r.key().substring(r.key().lastIndexOf('/') + 1);
            assertThat(name).startsWith(topic + "+" + r.kafkaPartition() + "+");
            assertThat(r.key()).startsWith(PartitionPath.of(table, layout, r.index(), r.date()).dir() + "/")
                    .hasSize(PartitionPath.of(table, layout, r.index(), r.date()).dir().length() + 1 + name.length());
        }
        assertThat(duplicates).as("duplicates").isEmpty();
        assertThat(seen).as("no gap").isEqualTo(expected.keySet());
        minOffsetByFile.forEach((key, min) -> assertThat(key).endsWith("+" + String.format("%020d", min) + ".parquet"));
        return rows;
    }

    static void assertRowEquals(final LakeRow r, final Object value) {
        if (value instanceof EnrichedTick t) {
            assertThat(r.index()).isEqualTo(t.index().length() > 50 ? r.index() : t.index());
            assertThat(PartitionPath.escape(t.index())).isEqualTo(r.key().split("/")[1].substring("index=".length()));
            assertThat(r.date()).isEqualTo(t.tradingDate());
            assertThat(r.getLong("ts")).isEqualTo(t.ts());
            assertThat(r.getDouble("price")).isEqualTo(t.price());
            assertThat(r.getLong("volume")).isEqualTo(t.volume());
            assertThat(r.getString("exchange")).isEqualTo(t.exchange());
            assertThat(r.getString("region")).isEqualTo(t.region());
            assertThat(r.getString("currency")).isEqualTo(t.currency());
            assertThat(r.getDouble("price_usd")).isEqualTo(t.priceUsd());
            assertThat(r.getLong("seq")).isEqualTo(t.seq());
            assertThat(r.getDouble("prev_price")).isEqualTo(t.prevPrice());
            assertThat(r.getDouble("change")).isEqualTo(t.change());
            assertThat(r.getDouble("change_pct")).isEqualTo(t.changePct());
            assertThat(r.getDouble("day_open")).isEqualTo(t.dayOpen());
            assertThat(r.getDouble("day_high")).isEqualTo(t.dayHigh());
            assertThat(r.getDouble("day_low")).isEqualTo(t.dayLow());
            assertThat(r.getLong("day_volume")).isEqualTo(t.dayVolume());
            assertThat(r.getDouble("vwap")).isEqualTo(t.vwap());
        } else {
            final OhlcBar b = (OhlcBar) value;
            assertThat(r.index()).isEqualTo(b.index().length() > 50 ? r.index() : b.index());
            assertThat(r.date()).isEqualTo(b.tradingDate());
            assertThat(r.getLong("window_start")).isEqualTo(b.windowStart());
            assertThat(r.getLong("window_end")).isEqualTo(b.windowEnd());
            assertThat(r.getDouble("open")).isEqualTo(b.open());
            assertThat(r.getDouble("high")).isEqualTo(b.high());
            assertThat(r.getDouble("low")).isEqualTo(b.low());
            assertThat(r.getDouble("close")).isEqualTo(b.close());
            assertThat(r.getLong("volume")).isEqualTo(b.volume());
            assertThat(r.getDouble("vwap")).isEqualTo(b.vwap());
            assertThat(r.getLong("tick_count")).isEqualTo(b.tickCount());
            assertThat(r.getLong("first_tick_ts")).isEqualTo(b.firstTickTs());
            assertThat(r.getLong("last_tick_ts")).isEqualTo(b.lastTickTs());
        }
    }
}
