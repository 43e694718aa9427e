package io.ticklake.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import java.time.Duration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** The cluster harness: both servers restart on the same port with their data, the mirror reads S3, topics reset. */
@Tag("chaos")
@ExtendWith(SharedCluster.class)
class ChaosClusterTest {
    private static final String KEY = "ticks/index=%2E%2E/date=2021-05-27/ticks-enriched+1+00000000000000000007.parquet";

    @TempDir
    Path dir;

    @Test
    void serversRestartWithTheirDataAndTheMirrorReadsTheLake(final ChaosCluster cluster) throws Exception {
        final Path file = dir.resolve("one.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("COPY (SELECT make_timestamp(1622122200000000) AS ts, 1.5 AS price, 2::BIGINT AS volume,"
                    + " 1 AS kafka_partition, 7::BIGINT AS kafka_offset) TO '" + file + "' (FORMAT parquet)");
        }
        cluster.s3().putObject(PutObjectRequest.builder().bucket(ChaosCluster.BUCKET).key("p/" + KEY).build(),
                RequestBody.fromBytes(Files.readAllBytes(file)));

        cluster.stopS3();
        cluster.startS3();
        final LakeMirror mirror = new LakeMirror(cluster.s3(), ChaosCluster.BUCKET, "p", dir.resolve("mirror"));
        final LakeSnapshot lake = mirror.snapshot();
        assertThat(lake.keys()).containsExactly(KEY);
        assertThat(lake.ticks()).containsExactly(new LakeSnapshot.LakeTick("..", 1_622_122_200_000L, 1.5, 2, 1, 7));

        cluster.stopKafka();
        cluster.startKafka();
        try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            final Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(topics).containsAll(ChaosCluster.TOPICS);
        }
        try (KafkaProbe probe = new KafkaProbe(cluster.bootstrapServers());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(java.util.Map.of("bootstrap.servers",
                     cluster.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("ticks-raw", new byte[] {1})).get(30, TimeUnit.SECONDS);
            assertThat(probe.readAll("ticks-raw", Duration.ofSeconds(30))).hasSize(1);
            cluster.resetTopics();
            assertThat(probe.readAll("ticks-raw", Duration.ofSeconds(30))).isEmpty();
        }
    }
}
