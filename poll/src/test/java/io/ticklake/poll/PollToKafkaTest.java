package io.ticklake.poll;

import static io.ticklake.poll.FixtureServer.Reply.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ticklake.data.Tick;
import io.ticklake.data.json.TickCodec;
import io.ticklake.data.replay.KafkaTickSink;
import io.ticklake.embedded.EmbeddedKafka;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Polled ticks through a real broker: exactly the distinct quotes in ticks-raw, none twice after a restart. */
class PollToKafkaTest {
    private static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private PollConfig config(final FixtureServer server, final String topic) {
        return PollConfig.of(Map.of("bootstrap.servers", kafka.bootstrapServers(), "poll.source", "finnhub",
                "poll.symbols", "AAPL,MSFT", "poll.base.url", server.baseUrl(), "poll.topic", topic,
                "poll.topic.partitions", "3", "poll.state.file", dir.resolve("poll.state.json").toString()));
    }

    @Test
    void everyDistinctQuoteLandsOnceInTheTopicAcrossARestart() throws Exception {
        final String topic = "ticks-raw-poll";
        final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T15:00:00Z"));
        try (FixtureServer server = new FixtureServer()) {
            server.script("AAPL", fixture("finnhub/aapl-1.json"), fixture("finnhub/aapl-1.json"), fixture("finnhub/aapl-2.json"))
                    .script("MSFT", fixture("finnhub/msft-1.json"));
            runPolls(config(server, topic), clock, 4); // AAPL 1, 1 (stale), 2, 2; MSFT 1, 1, 1, 1

            // restart: the API still answers the last quotes, then AAPL moves on once more
            server.script("AAPL", fixture("finnhub/aapl-2.json"), fixture("finnhub/aapl-3.json"))
                    .script("MSFT", fixture("finnhub/msft-2.json"));
            runPolls(config(server, topic), clock, 3);
        }

        final List<ConsumerRecord<String, byte[]>> records = consume(topic, 3, 5);
        final List<Tick> ticks = records.stream().map(r -> TickCodec.decode(r.value())).toList();
        assertThat(ticks).containsExactlyInAnyOrder(
                new Tick("AAPL", 1_796_308_200_000L, 261.74, 0), new Tick("AAPL", 1_796_308_205_000L, 261.9, 0),
                new Tick("AAPL", 1_796_308_210_000L, 262.05, 0), new Tick("MSFT", 1_796_308_201_000L, 489.12, 0),
                new Tick("MSFT", 1_796_308_206_000L, 489.3, 0));
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(TickCodec.decode(r.value()).index()));
    }

    private static void runPolls(final PollConfig config, final MutableClock clock, final int polls) throws Exception {
        final PollSetup.Prepared prepared = PollSetup.prepare(config, Map.of("FINNHUB_API_KEY", "test-key"));
        try (KafkaTickSink sink = PollSetup.connect(config)) {
            final Poller poller = prepared.poller(sink, new PollStats(), clock);
            for (int i = 0; i < polls; i++) {
                assertThat(poller.pollOnce()).isEqualTo(config.interval());
                clock.advance(config.interval());
            }
        }
    }

    @Test
    void anUnreachableBrokerIsOneLineAfterTheKafkaTimeout() throws Exception {
        final int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        final PollConfig config = PollConfig.of(Map.of("bootstrap.servers", "127.0.0.1:" + port, "poll.source", "yahoo",
                "poll.symbols", "AAPL", "poll.kafka.timeout", "2s"));
        assertThatThrownBy(() -> PollSetup.connect(config)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot reach Kafka at 127.0.0.1:" + port + " (no answer in 2 s)");
    }

    private static List<ConsumerRecord<String, byte[]>> consume(final String topic, final int partitions, final int expected) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        final List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                tps.add(new TopicPartition(topic, p));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
                return all.size() >= expected;
            });
            consumer.poll(Duration.ofMillis(500)).forEach(all::add); // nothing beyond
        }
        assertThat(all).hasSize(expected);
        return all;
    }
}
