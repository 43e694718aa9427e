package io.ticklake.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticklake.embedded.EmbeddedKafka;
import io.ticklake.sink.BatchCommitHook;
import io.ticklake.sink.LakeSink;
import io.ticklake.sink.SinkConfig;
import io.ticklake.sink.lake.LakeTable;
import io.ticklake.sink.lake.PartitionLayout;
import io.ticklake.sink.store.LocalObjectStore;
import io.ticklake.sink.testing.MotoServer;
import io.ticklake.sink.testing.TickFeed;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;

/**
 * Registering a batch's new partitions is part of its commit: against a real broker and a real moto
 * Glue, no offset is committed while Glue cannot register the batch's partitions, and once it can,
 * every partition directory of the lake is registered and the offsets are committed.
 */
class CatalogCommitTest {

    @TempDir
    static Path tmp;
    static EmbeddedKafka kafka;
    static MotoServer moto;
    static GlueClient glue;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(tmp.resolve("kafka"));
        moto = MotoServer.shared();
        glue = GlueClient.builder().endpointOverride(moto.endpoint()).region(moto.region())
                .credentialsProvider(moto.credentials()).build();
    }

    @AfterAll
    static void stop() {
        if (glue != null) {
            glue.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"INDEX_DATE, 6", "INDEX_YEAR, 2", "INDEX, 2"})
    void offsetsAreCommittedOnlyAfterTheBatchsPartitionsAreRegistered(final PartitionLayout layout,
                                                                      final int partitions) throws Exception {
        moto.reset();
        final String topic = "ticks-cc-" + layout.name().toLowerCase(java.util.Locale.ROOT);
        final String group = "cc-" + layout.name();
        kafka.createTopics(1, topic);
        final GlueCatalog catalog = new GlueCatalog(glue, "ticklake", GlueOptions.DEFAULTS);
        catalog.ensureDatabase(); // but no table yet: Glue refuses every partition
        try (TickFeed feed = new TickFeed(kafka.bootstrapServers());
             LocalObjectStore store = LocalObjectStore.at(tmp.resolve("lake-" + topic));
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            for (int i = 0; i < 30; i++) {
                feed.send(topic, TickFeed.tick(i % 2 == 0 ? "NYA" : "N225", LocalDate.of(2021, 5, 27 + i % 3), i));
            }
            feed.flush();
            final SinkConfig config = SinkConfig.from(Map.of("sink.tables", topic + "=ticks", "sink.roll.max.records", "10",
                    "sink.roll.max.age.ms", "300", "sink.poll.timeout.ms", "100", "sink.retry.backoff.initial.ms", "100",
                    "sink.retry.backoff.max.ms", "1000", "sink.partitioning", "ticks=" + layout.id()));
            final LakeTable table = config.tables().forTopic(topic).orElseThrow();
            final LakeSink sink = new LakeSink(config, Map.of("bootstrap.servers", kafka.bootstrapServers(),
                    "group.id", group), store, hook(catalog), Clock.systemUTC()).start();
            try {
                await("files uploaded and a registration attempt made").atMost(Duration.ofSeconds(60))
                        .until(() -> !store.list("ticks/").isEmpty()
                                && (sink.metrics().snapshot().errors() >= 2 || sink.metrics().snapshot().commits() > 0));
                assertThat(sink.metrics().snapshot().commits()).as("commits while Glue cannot register").isZero();
                assertThat(committed(admin, group, topic)).as("committed offset while Glue cannot register").isNull();

                catalog.ensureTable(GlueLakeSync.spec(table, store)); // Glue recovers
                await("all committed").atMost(Duration.ofSeconds(60))
                        .until(() -> committed(admin, group, topic) != null && committed(admin, group, topic).offset() == 30);
                assertThat(catalog.findTable("ticks").partitionKeys()).extracting(Column::name)
                        .isEqualTo(layout.columns());
                assertThat(registered(catalog)).isEqualTo(dirs(store, table));
                assertThat(dirs(store, table)).hasSize(partitions);
                for (final List<String> values : registered(catalog)) {
                    final String dir = new io.ticklake.sink.lake.PartitionPath("ticks", layout, values.get(0),
                            values.size() > 1 ? values.get(1) : null).dir();
                    assertThat(catalog.partitionLocation("ticks", values)).isEqualTo(store.uri(dir + "/"));
                }
            } finally {
                sink.close();
            }
        }
    }

    private static BatchCommitHook hook(final GlueCatalog catalog) {
        return new CatalogCommitHook(catalog);
    }

    private static OffsetAndMetadata committed(final Admin admin, final String group, final String topic)
            throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                .get(new TopicPartition(topic, 0));
    }

    private static Set<List<String>> registered(final GlueCatalog catalog) {
        return Set.copyOf(catalog.partitions("ticks"));
    }

    /** The partition values of every partition directory holding a file. */
    private static Set<List<String>> dirs(final LocalObjectStore store, final LakeTable table) throws Exception {
        return new GlueLakeSync(new GlueCatalog(glue, "ticklake", GlueOptions.DEFAULTS), store,
                io.ticklake.sink.lake.LakeTables.parse(table.topic() + "=ticks")).partitionsOf("ticks", table.layout())
                .stream().map(p -> p.values()).collect(Collectors.toSet());
    }
}
