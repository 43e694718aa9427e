package io.ticklake.service.config;

import java.util.List;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Checks the values of {@code kafka.*} and {@code streams.*} keys with Kafka's own definitions (type
 * and validator of each client setting), so that {@code -D kafka.linger.ms=soon} is a configuration
 * error before anything starts rather than a client failure once the broker and the lake are in use.
 */
final class ClientSettings {
    private static final List<ConfigDef> DEFINITIONS = List.of(ProducerConfig.configDef(), ConsumerConfig.configDef(),
            AdminClientConfig.configDef(), StreamsConfig.configDef());

    private ClientSettings() {
    }

    /** Fails with one line naming {@code key} when its value is not valid for a client that defines it. */
    static void check(final String key, final String value) {
        final String name = clientName(key);
        if (name == null || value == null) {
            return;
        }
        for (final ConfigDef def : DEFINITIONS) {
            final ConfigDef.ConfigKey k = def.configKeys().get(name);
            if (k == null) {
                continue;
            }
            try {
                final Object parsed = ConfigDef.parseType(name, value.strip(), k.type);
                if (k.validator != null) {
                    k.validator.ensureValid(name, parsed);
                }
            } catch (org.apache.kafka.common.config.ConfigException e) {
                throw new ConfigException(key + ": " + e.getMessage(), e);
            }
        }
    }

    private static String clientName(final String key) {
        if (key.startsWith(ConfigKeys.KAFKA_PREFIX)) {
            return key.substring(ConfigKeys.KAFKA_PREFIX.length());
        }
        if (key.startsWith(ConfigKeys.STREAMS_PREFIX) && !key.equals(ConfigKeys.PROCESSING_GUARANTEE)
                && !key.equals(ConfigKeys.STREAMS_THREADS)) {
            return key.substring(ConfigKeys.STREAMS_PREFIX.length());
        }
        return null;
    }
}
