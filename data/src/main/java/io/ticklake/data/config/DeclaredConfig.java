package io.ticklake.data.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Reads the keys a Kafka {@link ConfigDef} declares from string settings, the one way every ticklake
 * module reads its configuration: Kafka's types (one number syntax: plain integers, as Kafka's own
 * settings), its defaults and validators, a blank value counting as absent, and every error one
 * line naming the key ({@link IllegalArgumentException} carrying Kafka's message).
 */
public final class DeclaredConfig {
    private final Map<String, Object> values;

    private DeclaredConfig(final Map<String, Object> values) {
        this.values = values;
    }

    /**
     * The keys {@code def} declares, read from {@code props} (other keys are ignored: callers pass a
     * whole configuration and each module reads its own).
     *
     * @throws IllegalArgumentException one line naming the key, when a value is invalid
     */
    public static DeclaredConfig parse(final ConfigDef def, final Map<String, String> props) {
        final Map<String, String> mine = new HashMap<>();
        props.forEach((k, v) -> {
            if (def.names().contains(k) && v != null && !v.isBlank()) {
                mine.put(k, v.strip());
            }
        });
        try {
            return new DeclaredConfig(def.parse(mine));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** One value of {@code type} that no {@link ConfigDef} lists (pattern keys such as a window's grace). */
    public static Object parseValue(final String key, final String value, final ConfigDef.Type type) {
        try {
            return ConfigDef.parseType(key, value.strip(), type);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * A value turned into a domain object by {@code parse}; its error is worded as Kafka's own
     * ({@code Invalid value V for configuration K: why}), one line naming the key.
     */
    public <T> T as(final String key, final Function<String, T> parse) {
        final String v = string(key);
        try {
            return parse.apply(v);
        } catch (IllegalArgumentException e) {
            final String m = e.getMessage();
            throw new IllegalArgumentException(m != null && m.startsWith(key) ? m
                    : "Invalid value " + v + " for configuration " + key + ": " + m, e);
        }
    }

    public String string(final String key) {
        return (String) values.get(key);
    }

    public long longValue(final String key) {
        return (Long) values.get(key);
    }

    public int intValue(final String key) {
        return (Integer) values.get(key);
    }

    public boolean bool(final String key) {
        return (Boolean) values.get(key);
    }

    @SuppressWarnings("unchecked")
    public List<String> list(final String key) {
        return (List<String>) values.get(key);
    }

    /** The default of {@code key} as text for a reference table, or null when it has none. */
    public static String defaultText(final ConfigDef.ConfigKey key) {
        final Object d = key.defaultValue;
        if (d == null || d == ConfigDef.NO_DEFAULT_VALUE) {
            return null;
        }
        return d instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(d);
    }
}
