package io.ticklake.service.config;

import java.util.Objects;

/**
 * One documented configuration key.
 *
 * @param name        dotted, with units ({@code sink.roll.max.age.ms})
 * @param type         Kafka's type name, lower case ({@code long}, {@code list})
 * @param defaultValue default as text, or null when there is none
 * @param description one sentence for the configuration reference
 */
public record ConfigKey(String name, String type, String defaultValue, String description) {
    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (!name.matches("[a-z0-9]+(\\.[a-z0-9]+)*")) {
            throw new IllegalArgumentException("config key must be dotted lowercase: " + name);
        }
    }

    /** The reference row of a key a {@link org.apache.kafka.common.config.ConfigDef} declares. */
    public static ConfigKey of(final org.apache.kafka.common.config.ConfigDef.ConfigKey k) {
        return new ConfigKey(k.name, k.type.name().toLowerCase(java.util.Locale.ROOT),
                io.ticklake.data.config.DeclaredConfig.defaultText(k), k.documentation);
    }

    /** The environment variable that sets this key: {@code sink.roll.max.records} → {@code TICKLAKE_SINK_ROLL_MAX_RECORDS}. */
    public String envName() {
        return AppConfig.ENV_PREFIX + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }
}
