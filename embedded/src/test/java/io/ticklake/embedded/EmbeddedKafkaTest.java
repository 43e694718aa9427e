package io.ticklake.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs one shared broker for the plain produce/consume tests; the restart test runs its own. */
class EmbeddedKafkaTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    private static String uniqueTopic(final String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    @Test
    void bootstrapServersIsLoopbackWithItsPort() {
        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
    }

    @Test
    void createTopicsIsIdempotentAndUsesTheRequestedPartitionCount() throws Exception {
        final String first = uniqueTopic("a");
        final String second = uniqueTopic("b");
        kafka.createTopics(3, first, second);
        kafka.createTopics(3, first);

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            final Map<String, TopicDescription> topics =
                admin.describeTopics(List.of(first, second)).allTopicNames().get();
            assertThat(topics.get(first).partitions()).hasSize(3);
            assertThat(topics.get(second).partitions()).hasSize(3);
        }
    }

    @Test
    void topicsAreNotAutoCreated() throws Exception {
        final String missing = uniqueTopic("missing");
        final Properties props = producerProps(null);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1500");
        // A producer's metadata request asks the broker to auto-create the topic; the broker must refuse.
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            assertThatThrownBy(() -> producer.partitionsFor(missing))
                .isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).doesNotContain(missing);
        }
    }

    @Test
    void rejectsNonPositivePartitionCount() {
        assertThatThrownBy(() -> kafka.createTopics(0, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idempotentProducerRecordsAreConsumedBackExactlyAndInOrder() {
        final String topic = uniqueTopic("plain");
        kafka.createTopics(2, topic);
        final List<String> sent = IntStream.range(0, 200).mapToObj(i -> "value-" + i).toList();

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(null))) {
            sent.forEach(value -> producer.send(new ProducerRecord<>(topic, "key-" + value.length(), value)));
            producer.flush();
        }

        final List<ConsumerRecord<String, String>> received = consumeAtLeast(topic, sent.size(), "read_uncommitted");
        assertThat(received).hasSize(sent.size());
        // Same key -> same partition -> send order is kept per key.
        final Map<String, List<String>> byKey = received.stream().collect(Collectors.groupingBy(
            ConsumerRecord::key, Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
        final Map<String, List<String>> expected = sent.stream().collect(Collectors.groupingBy(
            value -> "key-" + value.length(), Collectors.toList()));
        assertThat(byKey).isEqualTo(expected);
    }

    @Test
    void committedTransactionIsVisibleToReadCommittedAndAbortedOneIsNot() {
        final String topic = uniqueTopic("tx");
        kafka.createTopics(1, topic);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps("tx-" + topic))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "k", "committed-2"));
            producer.commitTransaction();
        }

        final List<String> values = consumeAtLeast(topic, 2, "read_committed").stream()
            .map(ConsumerRecord::value).toList();
        assertThat(values).containsExactly("committed-1", "committed-2");
    }

    @Test
    void transactionalConsumeTransformProduceCommitsOffsetsWithTheOutput() {
        final String input = uniqueTopic("eos-in");
        final String output = uniqueTopic("eos-out");
        kafka.createTopics(1, input, output);
        produce(kafka.bootstrapServers(), input, List.of("a", "b", "c"));

        final Properties consumerProps = consumerProps("read_committed");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        final String group = consumerProps.getProperty(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps);
             KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps("eos-" + input))) {
            producer.initTransactions();
            consumer.subscribe(Set.of(input));
            final List<ConsumerRecord<String, String>> batch = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(batch::add);
                return batch.size() >= 3;
            });
            producer.beginTransaction();
            batch.forEach(r -> producer.send(new ProducerRecord<>(output, r.key(), r.value().toUpperCase(java.util.Locale.ROOT))));
            final ConsumerRecord<String, String> last = batch.get(batch.size() - 1);
            producer.sendOffsetsToTransaction(
                Map.of(new org.apache.kafka.common.TopicPartition(input, last.partition()),
                    new org.apache.kafka.clients.consumer.OffsetAndMetadata(last.offset() + 1)),
                consumer.groupMetadata());
            producer.commitTransaction();
        }

        assertThat(consume(kafka.bootstrapServers(), output, 3, "read_committed").stream()
            .map(ConsumerRecord::value).toList()).containsExactly("A", "B", "C");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new org.apache.kafka.common.TopicPartition(input, 0)).offset()).isEqualTo(3L));
        }
    }

    @Test
    void startingOnAPortInUseFailsWithoutLeavingABrokerBehind(@TempDir final Path dir) {
        assertThatThrownBy(() -> EmbeddedKafka.start(dir, kafka.port()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("port " + kafka.port()).hasMessageContaining("already in use");
        // The shared broker still serves.
        kafka.createTopics(1, uniqueTopic("still-alive"));
    }

    @Test
    void restartOnTheSameDirectoryAndPortKeepsTopicsAndRecords(@TempDir final Path dir) {
        final String topic = "restart";
        final int port;
        try (EmbeddedKafka first = EmbeddedKafka.start(dir)) {
            port = first.port();
            first.createTopics(2, topic);
            produce(first.bootstrapServers(), topic, List.of("before-1", "before-2"));
        }
        assertThat(dir).isDirectory();

        try (EmbeddedKafka second = EmbeddedKafka.start(dir, port)) {
            assertThat(second.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            second.createTopics(2, topic);
            produce(second.bootstrapServers(), topic, List.of("after-1"));
            final List<String> values = consume(second.bootstrapServers(), topic, 3, "read_committed").stream()
                .map(ConsumerRecord::value).toList();
            assertThat(values).containsExactlyInAnyOrder("before-1", "before-2", "after-1");
        }
    }

    @Test
    void temporaryDirectoryIsDeletedOnClose() {
        final Path dir;
        try (EmbeddedKafka temporary = EmbeddedKafka.start()) {
            dir = temporary.dataDir();
            assertThat(dir).isDirectory();
        }
        assertThat(Files.exists(dir)).isFalse();
    }

    private static void produce(final String bootstrap, final String topic, final List<String> values) {
        final Properties props = producerProps(null);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            values.forEach(value -> producer.send(new ProducerRecord<>(topic, value, value)));
            producer.flush();
        }
    }

    private static Properties producerProps(final String transactionalId) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka == null ? "" : kafka.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return props;
    }

    private static Properties consumerProps(final String isolation) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }

    private static List<ConsumerRecord<String, String>> consumeAtLeast(final String topic, final int count,
                                                                       final String isolation) {
        return consume(kafka.bootstrapServers(), topic, count, isolation);
    }

    /** Polls until {@code count} records arrived, then once more to catch any unexpected extra ones. */
    private static List<ConsumerRecord<String, String>> consume(final String bootstrap, final String topic,
                                                                final int count, final String isolation) {
        final Properties props = consumerProps(isolation);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        final List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(Set.of(topic));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.size() >= count;
            });
            consumer.poll(Duration.ofMillis(500)).forEach(received::add);
        }
        return received;
    }
}
