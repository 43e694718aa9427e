package io.ticklake.app.chaos;

import io.ticklake.embedded.EmbeddedKafka;
import io.ticklake.sink.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;

/**
 * The servers a chaos test runs the service against: a single-node KRaft broker (in this JVM,
 * restartable on the same directory and port) and S3Proxy (a child JVM, restartable on the same
 * port and data directory), with the bucket and every shared topic created up front. Closing it
 * stops both, whatever state they are in.
 */
final class ChaosCluster implements AutoCloseable {
    /** The shared topic names (COMMON.md), all created with {@link #PARTITIONS} partitions. */
    static final List<String> TOPICS = List.of("ticks-raw", "ticks-enriched", "ohlc-1m", "ohlc-1d", "ticks-dlq",
            "ticks-late");
    static final int PARTITIONS = 3;
    static final String BUCKET = "chaos-lake";
    private static final Logger LOG = LoggerFactory.getLogger(ChaosCluster.class);

    private final Path dir;
    private final Path kafkaDir;
    private final int kafkaPort;
    private final S3ProxyServer s3;
    private final S3Client client;
    private EmbeddedKafka kafka;

    private ChaosCluster(final Path dir, final EmbeddedKafka kafka, final S3ProxyServer s3) {
        this.dir = dir;
        this.kafka = kafka;
        this.kafkaDir = kafka.dataDir();
        this.kafkaPort = kafka.port();
        this.s3 = s3;
        this.client = S3Client.builder().endpointOverride(s3.endpoint()).region(Region.of(S3ProxyServer.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(30)).build())
                .build();
    }

    /** Starts both servers under {@code dir}, creates the bucket and the topics. */
    static ChaosCluster start(final Path dir) {
        final List<AutoCloseable> started = new ArrayList<>();
        try {
            final EmbeddedKafka kafka = EmbeddedKafka.start(Files.createDirectories(dir.resolve("kafka")));
            started.add(kafka);
            kafka.createTopics(PARTITIONS, TOPICS.toArray(String[]::new));
            final S3ProxyServer s3 = S3ProxyServer.start(Files.createDirectories(dir.resolve("s3")));
            started.add(s3);
            final ChaosCluster cluster = new ChaosCluster(dir, kafka, s3);
            cluster.client.createBucket(CreateBucketRequest.builder().bucket(BUCKET).build());
            LOG.info("chaos cluster: kafka {} s3 {}", kafka.bootstrapServers(), s3.endpoint());
            return cluster;
        } catch (java.io.IOException e) {
            closeAll(started);
            throw new java.io.UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            closeAll(started);
            throw e;
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** The S3 endpoint, the same across restarts. */
    String s3Endpoint() {
        return s3.endpoint().toString();
    }

    S3Client s3() {
        return client;
    }

    Path dir() {
        return dir;
    }

    /** Stops the S3 server abruptly (SIGKILL of its JVM); objects stay. */
    void stopS3() {
        s3.stop();
    }

    /** Starts the S3 server again on the same port with the same objects. */
    void startS3() {
        s3.start();
    }

    /** Shuts the broker down (clients see it disappear). */
    synchronized void stopKafka() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    /** Starts the broker again on the same directory and port. */
    synchronized void startKafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start(kafkaDir, kafkaPort);
        }
    }

    /**
     * Deletes and recreates the shared topics, so a test starts from empty topics on a cluster an
     * earlier test used (its application id, groups and lake prefix are its own). Also brings back a
     * server an earlier test may have left stopped.
     */
    synchronized void resetTopics() {
        startKafka();
        startS3();
        try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", bootstrapServers()))) {
            final java.util.Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            final List<String> delete = TOPICS.stream().filter(existing::contains).toList();
            admin.deleteTopics(delete).all().get(30, TimeUnit.SECONDS);
            org.awaitility.Awaitility.await("topics deleted").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                            .noneMatch(TOPICS::contains));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot delete the topics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // creation can briefly fail while the deletion is still being applied
        org.awaitility.Awaitility.await("topics recreated").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> kafka.createTopics(PARTITIONS, TOPICS.toArray(String[]::new)));
    }

    @Override
    public synchronized void close() {
        final List<AutoCloseable> all = new ArrayList<>();
        all.add(client);
        all.add(s3);
        if (kafka != null) {
            all.add(kafka);
        }
        kafka = null;
        closeAll(all);
    }

    private static void closeAll(final List<AutoCloseable> resources) {
        for (final AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", r, e.toString());
            }
        }
    }
}
