package io.ticklake.app.service;

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
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topics ticklake needs when they are missing; existing topics are left as they are. */
public final class TopicAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
    private static final long TIMEOUT_SECONDS = 60;

    private TopicAdmin() {
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
