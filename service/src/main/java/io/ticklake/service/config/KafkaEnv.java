package io.ticklake.service.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kafka client settings from the environment: {@code KAFKA_MAX_POLL_RECORDS=500} becomes
 * {@code max.poll.records=500}. The variables Kafka's own scripts use for the JVM
 * ({@code KAFKA_HEAP_OPTS}, {@code KAFKA_OPTS}, …) are not client settings and are skipped.
 */
public final class KafkaEnv {
    private static final String PREFIX = "KAFKA_";
    private static final Set<String> SCRIPT_VARIABLES = Set.of("KAFKA_HEAP_OPTS", "KAFKA_OPTS",
            "KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_LOG4J_OPTS", "KAFKA_GC_LOG_OPTS", "KAFKA_JMX_OPTS", "KAFKA_DEBUG",
            "KAFKA_HOME", "KAFKA_LOG_DIR", "KAFKA_CLUSTER_ID", "KAFKA_VERSION");

    private KafkaEnv() {
    }

    /** Client settings named by {@code KAFKA_*} variables of {@code env}, sorted by key. */
    public static Map<String, String> clientSettings(final Map<String, String> env) {
        final Map<String, String> out = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length() && !SCRIPT_VARIABLES.contains(name)) {
                out.put(name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return out;
    }
}
