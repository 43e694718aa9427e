package io.ticklake.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that Kafka answers before anything is started ({@link #probe}), and creates the topics ticklake
 * needs when they are missing; existing topics are left as they are.
 */
public final class TopicAdmin {
    /**
     * Client id of the {@link #probe} admin client. Its connection warnings (one every reconnect backoff
     * while nothing listens) are dropped by {@code KnownKafkaNoiseFilter}: the probe's outcome is its own
     * one-line error.
     */
    public static final String PROBE_CLIENT_ID = "ticklake-broker-probe";
    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
    private static final long TIMEOUT_SECONDS = 60;

    private TopicAdmin() {
    }

    /**
     * Waits up to {@code timeout} for the cluster to answer a metadata request, so that an unreachable
     * or misconfigured broker fails a start quickly, in one line (the clients that follow would retry for
     * a minute or more). Shared by {@code run} (through {@link TickLakeService}) and {@code replay}.
     *
     * @param setting the configuration key of the timeout, named in the error
     * @throws IllegalStateException one line naming the bootstrap servers when Kafka does not answer in
     *                               time or refuses (authentication, bad address)
     */
    public static void probe(final Map<String, Object> clientProps, final Duration timeout, final String setting) {
        final int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        final Map<String, Object> props = new HashMap<>(clientProps);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, PROBE_CLIENT_ID);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        final Object servers = clientProps.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        final String noAnswer = "Kafka at " + servers + " did not answer within " + describe(timeout) + " (" + setting + ")";
        final Admin admin;
        try {
            admin = Admin.create(props);
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot reach Kafka at " + servers + ": " + rootMessage(e), e);
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms)).clusterId()
                    .get(ms + 1000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new IllegalStateException(noAnswer, e.getCause());
            }
            throw new IllegalStateException("cannot reach Kafka at " + servers + ": " + rootMessage(e.getCause()), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(noAnswer, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka at " + servers, e);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private static String describe(final Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static String rootMessage(final Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /**
     * Ensures every topic of {@code topics} exists.
     *
     * @param replication empty: the broker's default replication factor
     * @return the topics that were created
     * @throws IllegalStateException one line when Kafka does not answer or refuses
     */
    public static List<String> ensure(final Map<String, Object> clientProps, final Collection<String> topics,
                                      final int partitions, final Optional<Short> replication) {
        final Map<String, Object> props = new HashMap<>(clientProps);
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "ticklake-admin");
        try (Admin admin = Admin.create(props)) {
            final Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            final List<NewTopic> missing = new ArrayList<>();
            for (final String topic : topics) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, Optional.of(partitions), replication));
                }
            }
            final List<String> created = new ArrayList<>();
            for (final Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> e
                    : admin.createTopics(missing).values().entrySet()) {
                try {
                    e.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    created.add(e.getKey());
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + e.getKey() + ": "
                                + ex.getCause().getMessage(), ex);
                    }
                }
            }
            if (!created.isEmpty()) {
                LOG.info("Created topics {} ({} partitions)", created, partitions);
            }
            return created;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics at " + clientProps.get("bootstrap.servers") + ": "
                    + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + clientProps.get("bootstrap.servers") + " did not answer in "
                    + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
