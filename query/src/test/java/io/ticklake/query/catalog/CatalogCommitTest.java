package io.ticklake.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticklake.embedded.EmbeddedKafka;
import io.ticklake.sink.BatchCommitHook;
import io.ticklake.sink.LakeSink;
import io.ticklake.sink.SinkConfig;
import io.ticklake.sink.lake.LakeTable;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * Registering a batch's new partitions is part of its commit: against a real broker and a real moto
 * Glue, no offset is committed while Glue cannot register the batch's partitions, and once it can,
 * every partition directory of the lake is registered and the offsets are committed.
 */
class CatalogCommitTest {
    private static final String TOPIC = "ticks-cc";
    private static final String GROUP = "cc";

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

    @Test
    void offsetsAreCommittedOnlyAfterTheBatchsPartitionsAreRegistered() throws Exception {
        moto.reset();
        kafka.createTopics(1, TOPIC);
        final GlueCatalog catalog = new GlueCatalog(glue, "ticklake", GlueOptions.DEFAULTS);
        catalog.ensureDatabase(); // but no table yet: Glue refuses every partition
        try (TickFeed feed = new TickFeed(kafka.bootstrapServers());
             LocalObjectStore store = LocalObjectStore.at(tmp.resolve("lake"));
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            for (int i = 0; i < 30; i++) {
                feed.send(TOPIC, TickFeed.tick(i % 2 == 0 ? "NYA" : "N225", LocalDate.of(2021, 5, 27 + i % 3), i));
            }
            feed.flush();
            final SinkConfig config = SinkConfig.from(Map.of("sink.tables", TOPIC + "=ticks", "sink.roll.max.records", "10",
                    "sink.roll.max.age.ms", "300", "sink.poll.timeout.ms", "100", "sink.retry.backoff.initial.ms", "100",
                    "sink.retry.backoff.max.ms", "1000"));
            final LakeTable table = config.tables().forTopic(TOPIC).orElseThrow();
            final LakeSink sink = new LakeSink(config, Map.of("bootstrap.servers", kafka.bootstrapServers(),
                    "group.id", GROUP), store, hook(catalog), Clock.systemUTC()).start();
            try {
                await("files uploaded and a registration attempt made").atMost(Duration.ofSeconds(60))
                        .until(() -> !store.list("ticks/").isEmpty()
                                && (sink.metrics().snapshot().errors() >= 2 || sink.metrics().snapshot().commits() > 0));
                assertThat(sink.metrics().snapshot().commits()).as("commits while Glue cannot register").isZero();
                assertThat(committed(admin)).as("committed offset while Glue cannot register").isNull();

                catalog.ensureTable(GlueLakeSync.spec(table, store)); // Glue recovers
                await("all committed").atMost(Duration.ofSeconds(60))
                        .until(() -> committed(admin) != null && committed(admin).offset() == 30);
                assertThat(registered(catalog)).isEqualTo(dirs(store));
                assertThat(dirs(store)).hasSize(6);
            } finally {
                sink.close();
            }
        }
    }

    private static BatchCommitHook hook(final GlueCatalog catalog) {
        return new CatalogCommitHook(catalog);
    }

    private static OffsetAndMetadata committed(final Admin admin) throws Exception {
        return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                .get(new TopicPartition(TOPIC, 0));
    }

    private static Set<List<String>> registered(final GlueCatalog catalog) {
        return Set.copyOf(catalog.partitions("ticks"));
    }

    /** The {@code [index, date]} of every partition directory holding a file. */
    private static Set<List<String>> dirs(final LocalObjectStore store) throws Exception {
        return new GlueLakeSync(new GlueCatalog(glue, "ticklake", GlueOptions.DEFAULTS), store,
                io.ticklake.sink.lake.LakeTables.parse(TOPIC + "=ticks")).partitionsOf("ticks").stream()
                .map(p -> p.values()).collect(Collectors.toSet());
    }
}
