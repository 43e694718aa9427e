package io.ticklake.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * An in-process, single-node Kafka 4 cluster in KRaft combined mode (broker and controller in one
 * node) on 127.0.0.1, for the {@code demo} command and for integration tests.
 *
 * <p>Contract: {@link #start} returns only once the broker answers clients; every replication
 * factor and min ISR is 1 (so transactions and {@code exactly_once_v2} work); topics are never
 * auto-created. Data lives under the data directory: starting again on the same directory (and
 * the same port, see {@link #start(Path, int)}) after {@link #close()} keeps every topic, record,
 * committed offset and transaction state. A broker started with {@link #start()} owns a temporary
 * directory and deletes it on close.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *     kafka.createTopics(4, "ticks-raw", "ticks-enriched");
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final BrokerSettings settings;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final KafkaRaftServer server;
    private final Admin admin;
    private boolean closed;

    private EmbeddedKafka(final BrokerSettings settings, final Path dataDir, final boolean ownsDataDir,
                          final KafkaRaftServer server, final Admin admin) {
        this.settings = settings;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.server = server;
        this.admin = admin;
    }

    /** Starts a broker on a free port in a fresh temporary directory, deleted by {@link #close()}. */
    public static EmbeddedKafka start() {
        try {
            return start(Files.createTempDirectory("ticklake-kafka-"), FreePorts.pick(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the embedded broker", e);
        }
    }

    /**
     * Starts a broker on a free port in a fresh temporary directory, deleted by {@link #close()},
     * with {@code brokerOverrides} set over the defaults (e.g. {@code message.max.bytes} to accept
     * records larger than 1 MB).
     */
    public static EmbeddedKafka start(final Map<String, String> brokerOverrides) {
        try {
            return start(Files.createTempDirectory("ticklake-kafka-"), FreePorts.pick(), true, brokerOverrides);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the embedded broker", e);
        }
    }

    /**
     * Starts a broker on a free port, keeping its data in {@code dataDir} (created if missing,
     * reused if it already holds a broker's data). The directory is not deleted on close.
     */
    public static EmbeddedKafka start(final Path dataDir) {
        return start(dataDir, FreePorts.pick(), false);
    }

    /**
     * Starts a broker whose client listener is {@code 127.0.0.1:port}, keeping its data in
     * {@code dataDir}. Used to restart a closed broker on the same directory and port, so that
     * running clients reconnect to it. The directory is not deleted on close.
     */
    public static EmbeddedKafka start(final Path dataDir, final int port) {
        return start(dataDir, port, false);
    }

    private static EmbeddedKafka start(final Path dataDir, final int port, final boolean ownsDataDir) {
        return start(dataDir, port, ownsDataDir, Map.of());
    }

    private static EmbeddedKafka start(final Path dataDir, final int port, final boolean ownsDataDir,
                                       final Map<String, String> brokerOverrides) {
        final long startNanos = System.nanoTime();
        final Path absoluteDir = dataDir.toAbsolutePath().normalize();
        KafkaRaftServer server = null;
        Admin admin = null;
        if (!FreePorts.isFree(port)) {
            // Checked up front: Kafka reports a failed bind with several pages of stack traces.
            throw new IllegalStateException("cannot start the embedded Kafka broker: port " + port
                + " on " + BrokerSettings.HOST + " is already in use");
        }
        try {
            final BrokerSettings settings = settingsFor(absoluteDir, port, brokerOverrides);
            StorageFormatter.formatIfNeeded(settings);
            ControllerPortFile.write(absoluteDir, settings.controllerPort());
            server = new KafkaRaftServer(new KafkaConfig(settings.toProperties(), false), Time.SYSTEM);
            server.startup();
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()));
            awaitReady(admin);
            LOG.info("Embedded Kafka ready on {} (data in {}) after {} ms", settings.bootstrapServers(), absoluteDir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
            return new EmbeddedKafka(settings, absoluteDir, ownsDataDir, server, admin);
        } catch (IOException e) {
            stopQuietly(server, admin);
            deleteIfOwned(absoluteDir, ownsDataDir);
            throw new UncheckedIOException("cannot start the embedded Kafka broker in " + absoluteDir, e);
        } catch (RuntimeException e) {
            stopQuietly(server, admin);
            deleteIfOwned(absoluteDir, ownsDataDir);
            throw e;
        }
    }

    /**
     * The controller port is remembered in the data directory and reused on restart when free:
     * the single voter then keeps its address, which the metadata log may have recorded.
     */
    private static BrokerSettings settingsFor(final Path dataDir, final int port,
                                              final Map<String, String> overrides) throws IOException {
        final int controllerPort = ControllerPortFile.read(dataDir)
            .filter(stored -> stored != port && FreePorts.isFree(stored))
            .orElseGet(() -> FreePorts.pickOtherThan(port));
        return new BrokerSettings(NODE_ID, port, controllerPort, dataDir.resolve("kraft"), overrides);
    }

    private static void awaitReady(final Admin admin) {
        Polling.until("the embedded broker to answer clients", READY_TIMEOUT,
            () -> !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty());
    }

    /** Client bootstrap address, {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    /** The client listener's port (pass it to {@link #start(Path, int)} to restart here). */
    public int port() {
        return settings.brokerPort();
    }

    /** The directory holding this broker's data. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Creates each topic with {@code partitions} partitions and replication factor 1, and waits
     * until every partition has a leader. Topics that already exist are left as they are (their
     * partition count is not changed).
     */
    public void createTopics(final int partitions, final String... names) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
        }
        final List<String> topics = List.copyOf(Arrays.asList(names));
        final List<NewTopic> newTopics = new ArrayList<>();
        for (final String name : topics) {
            newTopics.add(new NewTopic(name, partitions, (short) 1));
        }
        admin.createTopics(newTopics).values().forEach(EmbeddedKafka::awaitCreatedOrExisting);
        Polling.until("leaders of topics " + topics, TOPIC_TIMEOUT, () -> allHaveLeaders(topics));
    }

    private static void awaitCreatedOrExisting(final String topic,
                                               final org.apache.kafka.common.KafkaFuture<Void> created) {
        try {
            created.get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topic " + topic, e);
        }
    }

    private boolean allHaveLeaders(final List<String> topics) throws Exception {
        final Map<String, TopicDescription> descriptions =
            admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
        return descriptions.values().stream()
            .flatMap(description -> description.partitions().stream())
            .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
    }

    /**
     * Shuts the broker down cleanly (waiting for it to stop) and deletes the data directory if
     * this instance created it. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly(server, admin);
        deleteIfOwned(dataDir, ownsDataDir);
    }

    private static void stopQuietly(final KafkaRaftServer server, final Admin admin) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException e) {
                LOG.warn("Embedded Kafka did not shut down cleanly: {}", e.toString());
            }
        }
    }

    private static void deleteIfOwned(final Path dir, final boolean owned) {
        if (owned) {
            Directories.deleteRecursively(dir);
        }
    }
}
