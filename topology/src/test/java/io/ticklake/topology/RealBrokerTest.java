package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticklake.data.DailyBar;
import io.ticklake.data.EnrichedTick;
import io.ticklake.data.OhlcBar;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.json.Json;
import io.ticklake.data.replay.ReplayConfig;
import io.ticklake.data.replay.ReplayProducer;
import io.ticklake.data.replay.ReplaySummary;
import io.ticklake.data.testing.TestMarket;
import io.ticklake.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology on a real in-process KRaft broker with {@code exactly_once_v2}: a replay of 1965
 * (negative epoch) ticks in two halves, with the local state wiped in between so the second
 * instance restores every store from its changelog — enrichment continues, open bars survive, and
 * the 1d bars equal the source rows, each once, stamped with the wall clock.
 */
class RealBrokerTest {
    private static final List<String> OUTPUTS = List.of("ticks-enriched", "ohlc-1m", "ohlc-1d", "ticks-late",
            "ticks-dlq");
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(3, "ticks-raw");
        kafka.createTopics(3, OUTPUTS.toArray(String[]::new));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void replayAcrossARestartFromChangelogsGivesEachDailyBarOnce(@TempDir final Path stateDir) throws Exception {
        final long start = System.currentTimeMillis();
        final List<DailyBar> rows = TestMarket.bars(TestMarket.THREE_ZONES, LocalDate.of(1965, 1, 4),
                LocalDate.of(1965, 1, 8), TestMarket.SEED);
        final List<DailyBar> first = rows.stream().filter(r -> r.date().getDayOfMonth() <= 6).toList();
        final List<DailyBar> second = rows.stream().filter(r -> r.date().getDayOfMonth() > 6).toList();
        final ReplayConfig replay = ReplayConfig.defaults().withPartitions(3).withTickInterval(Duration.ofMinutes(30))
                .withWatermarkEvery(50, Duration.ofHours(1).toMillis());

        final long firstTicks;
        try (KafkaStreams streams = start(stateDir)) {
            // no final lead: the last day's windows stay open across the restart
            firstTicks = replay(replay.withFinalWatermarkLead(Duration.ZERO), first).ticks();
            awaitRecords("ticks-enriched", firstTicks);
            // leave the group: the next member need not wait for this one's session to time out
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
            streams.cleanUp();   // wipe local state: the next instance restores from the changelogs
        }
        final long secondTicks;
        try (KafkaStreams streams = start(stateDir)) {
            secondTicks = replay(replay, second).ticks();
            awaitRecords("ohlc-1d", rows.size());
            streams.close(Duration.ofSeconds(30));
        }

        final List<ConsumerRecord<String, byte[]>> enriched = awaitRecords("ticks-enriched", firstTicks + secondTicks);
        final long nyaTicks = enriched.stream().filter(r -> r.key().equals("NYA")).count();
        assertThat(enriched.stream().map(r -> Json.read(r.value(), EnrichedTick.class))
                .filter(e -> e.index().equals("NYA")).mapToLong(EnrichedTick::seq).max().orElseThrow())
                .as("seq continues after the restore").isEqualTo(nyaTicks);

        final List<ConsumerRecord<String, byte[]>> daily = awaitRecords("ohlc-1d", rows.size());
        final long end = System.currentTimeMillis();
        assertThat(daily).allSatisfy(r -> assertThat(r.timestamp()).isBetween(start, end));
        final List<OhlcBar> bars = daily.stream().map(r -> Json.read(r.value(), OhlcBar.class)).toList();
        for (final DailyBar row : rows) {
            assertThat(bars).filteredOn(b -> b.index().equals(row.index()) && b.tradingDate().equals(row.date().toString()))
                    .as("the bar of %s %s", row.index(), row.date()).singleElement().satisfies(b -> {
                        assertThat(b.windowStart()).isNegative();
                        assertThat(List.of(b.open(), b.high(), b.low(), b.close()))
                                .containsExactly(row.open(), row.high(), row.low(), row.close());
                        assertThat(b.volume()).isEqualTo(row.volume());
                    });
        }
        assertThat(awaitRecords("ohlc-1m", firstTicks + secondTicks)).hasSize((int) (firstTicks + secondTicks));
        assertThat(awaitRecords("ticks-late", 0)).isEmpty();
        assertThat(awaitRecords("ticks-dlq", 0)).isEmpty();
    }

    private static KafkaStreams start(final Path stateDir) {
        final Properties props = TopologyConfig.streamsDefaults();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ticklake-it");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        final StreamsBuilder builder = TickTopology.build(new StreamsBuilder(), TopologyConfig.defaults());
        final KafkaStreams streams = new KafkaStreams(builder.build(props), props);
        streams.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        return streams;
    }

    private static ReplaySummary replay(final ReplayConfig config, final List<DailyBar> rows)
            throws InterruptedException {
        try (ReplayProducer producer = ReplayProducer.kafka(config, ReferenceData.builtIn(),
                Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            return producer.replay(rows.iterator(), p -> { });
        }
    }

    /** Every committed record of {@code topic} once at least {@code expected} are there (and a bit more time for extras). */
    private static List<ConsumerRecord<String, byte[]>> awaitRecords(final String topic, final long expected) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        final List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            final var tps = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
                return all.size() >= expected;
            });
            consumer.poll(Duration.ofMillis(300)).forEach(all::add);
        }
        assertThat(all).as(topic).hasSize((int) expected);
        return all;
    }
}
