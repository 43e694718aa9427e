package io.ticklake.service.compact;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.OhlcBar;
import io.ticklake.embedded.EmbeddedKafka;
import io.ticklake.service.config.AppConfig;
import io.ticklake.service.config.CompactionSettings;
import io.ticklake.service.config.ConfigKeys;
import io.ticklake.sink.compact.Compactor;
import io.ticklake.sink.lake.LakeTable;
import io.ticklake.sink.store.LocalObjectStore;
import io.ticklake.sink.testing.CompactionLake;
import io.ticklake.sink.testing.LakeReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-service compaction against a real broker: the sink's committed offsets (set on its group here) decide
 * which files are final; a batch uploaded but not committed is left alone, landed again by the "restarted
 * sink" (the same keys, as docs/ARCHITECTURE.md §6 shows), and nothing is duplicated; partitions stay.
 */
class CompactionJobTest {
    private static final String GROUP = "ticklake-sink";
    @TempDir
    Path dir;

    @Test
    void compactsClosedPartitionsOnlyBelowTheSinksCommittedOffsets() throws Exception {
        final List<OhlcBar> bars = CompactionLake.bars();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); LocalObjectStore store = LocalObjectStore.at(dir)) {
            kafka.createTopics(CompactionLake.PARTITIONS, CompactionLake.TOPIC);
            final int half = bars.size() / 2;
            final long[] committed = CompactionLake.write(store, bars.subList(0, half), 10);
            final Set<String> committedKeys = Set.copyOf(store.list(CompactionLake.TABLE + "/"));
            final long[] end = CompactionLake.write(store, bars.subList(half, bars.size()), 10, committed);
            final Map<String, byte[]> uncommitted = new LinkedHashMap<>();
            for (final String k : store.list(CompactionLake.TABLE + "/")) {
                if (!committedKeys.contains(k)) {
                    uncommitted.put(k, store.get(k).orElseThrow());
                }
            }
            final Map<String, Object> client = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            commit(client, committed);
            final Set<String> dirs = Set.copyOf(Compactor.partitionDirs(store, CompactionLake.TABLE));
            final LocalDate lastDate = bars.stream().map(b -> LocalDate.parse(b.tradingDate())).max(LocalDate::compareTo)
                    .orElseThrow();
            // the clock: the last date ended 1 h ago, the grace is 2 h, so that date is not closed yet
            final Clock clock = Clock.fixed(lastDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                    .plus(Duration.ofHours(1)), ZoneOffset.UTC);
            final CompactionSettings settings = new CompactionSettings(true, Duration.ofHours(1), Duration.ofHours(2),
                    Long.MAX_VALUE);
            final CompactionJob job = new CompactionJob(store, List.of(LakeTable.of(CompactionLake.TOPIC,
                    CompactionLake.TABLE)), settings, () -> CommittedOffsets.guard(client, GROUP, Duration.ofSeconds(20)),
                    clock);
            assertThat(job.closedBefore()).isEqualTo(lastDate);

            final Compactor.Result first = job.runOnce();
            assertThat(first.merged()).isPositive();
            assertThat(first.notFinal()).isPositive();
            for (final Map.Entry<String, byte[]> e : uncommitted.entrySet()) {
                assertThat(store.get(e.getKey())).as("uncommitted %s untouched", e.getKey())
                        .hasValueSatisfying(b -> assertThat(b).isEqualTo(e.getValue()));
                store.put(e.getKey(), e.getValue()); // the restarted sink lands its batch again
            }
            assertExactlyOnce(store, bars);
            commit(client, end);
            job.runOnce();
            assertExactlyOnce(store, bars);
            assertThat(Set.copyOf(Compactor.partitionDirs(store, CompactionLake.TABLE))).isEqualTo(dirs);
            filesPerDir(store).forEach((d, n) -> assertThat(n).as(d).isEqualTo(d.endsWith("date=" + lastDate) ? n : 1));
            assertThat(filesPerDir(store).entrySet().stream().filter(e -> e.getKey().endsWith("date=" + lastDate))
                    .mapToInt(Map.Entry::getValue)).allMatch(n -> n > 1); // the open date stays as the sink wrote it
        }
    }

    @Test
    void theKeysAreOffByDefaultAndParsed() {
        assertThat(AppConfig.of(Map.of()).compaction().enabled()).isFalse();
        final CompactionSettings s = AppConfig.of(Map.of(ConfigKeys.COMPACTION_ENABLED, "true",
                ConfigKeys.COMPACTION_INTERVAL_MS, "60000", ConfigKeys.COMPACTION_GRACE_MS, "0",
                ConfigKeys.COMPACTION_TARGET_BYTES, "1000")).compaction();
        assertThat(s).isEqualTo(new CompactionSettings(true, Duration.ofMinutes(1), Duration.ZERO, 1000));
    }

    private static void commit(final Map<String, Object> client, final long[] offsets) throws Exception {
        final Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
        for (int p = 0; p < offsets.length; p++) {
            m.put(new TopicPartition(CompactionLake.TOPIC, p), new OffsetAndMetadata(offsets[p]));
        }
        try (Admin admin = Admin.create(client)) {
            admin.alterConsumerGroupOffsets(GROUP, m).all().get(20, TimeUnit.SECONDS);
        }
    }

    private static void assertExactlyOnce(final LocalObjectStore store, final List<OhlcBar> bars) {
        final List<LakeReader.LakeRow> rows = LakeReader.read(store, CompactionLake.TABLE);
        assertThat(rows).hasSize(bars.size());
        assertThat(rows.stream().map(r -> r.kafkaPartition() + ":" + r.kafkaOffset()).collect(Collectors.toSet()))
                .hasSize(bars.size());
    }

    private static Map<String, Integer> filesPerDir(final LocalObjectStore store) throws Exception {
        final Map<String, Integer> out = new TreeMap<>();
        for (final String k : store.list(CompactionLake.TABLE + "/")) {
            out.merge(k.substring(0, k.lastIndexOf('/')), 1, Integer::sum);
        }
        return out;
    }
}
