package io.ticklake.service;

import io.ticklake.service.config.AppConfig;
import io.ticklake.service.config.ConfigKeys;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of the service run in-process against an embedded broker and a local lake, shared by
 * {@code demo} and the benchmarks so that both measure the same pipeline.
 */
public final class LocalPipeline {
    /** Partitions of every topic, as the demo creates them. */
    public static final int PARTITIONS = 3;
    /** Age roll of the demo: the last batches of a replay land after this much quiet (service default 60 s). */
    public static final String ROLL_MAX_AGE_MS = "1000";
    /**
     * Stands for the embedded broker's address, known only once it runs, when the settings are checked
     * before anything starts ({@link #check}); never connected to.
     */
    static final String PLACEHOLDER_BOOTSTRAP = "127.0.0.1:9092";

    private LocalPipeline() {
    }

    /**
     * The configuration {@link #settings} will give, built with a placeholder broker address and state
     * directory (nothing is created or connected to): every key and value is checked before the caller
     * clears a lake or starts a broker. Throws the {@link io.ticklake.service.config.ConfigException} the
     * real configuration would throw.
     */
    public static AppConfig check(final Path lake, final String applicationId, final int httpPort,
                                  final Map<String, String> overrides) {
        final Path placeholderState = Path.of(System.getProperty("java.io.tmpdir"), "ticklake-unused-state");
        return AppConfig.of(settings(PLACEHOLDER_BOOTSTRAP, lake, placeholderState, applicationId, httpPort, overrides));
    }

    /**
     * The settings; {@code overrides} (e.g. {@code -D} options) win over every default.
     *
     * @param applicationId Streams application id (also names the sink's group)
     * @param httpPort      admin HTTP port, 0 = a free one
     */
    public static Map<String, String> settings(final String bootstrap, final Path lake, final Path stateDir,
                                               final String applicationId, final int httpPort,
                                               final Map<String, String> overrides) {
        final Map<String, String> s = new LinkedHashMap<>();
        s.put(ConfigKeys.BOOTSTRAP_SERVERS, bootstrap);
        s.put(ConfigKeys.SINK_LAKE, lake.toAbsolutePath().normalize().toString());
        s.put(ConfigKeys.STATE_DIR, stateDir.toString());
        s.put(ConfigKeys.APPLICATION_ID, applicationId);
        s.put(ConfigKeys.HTTP_HOST, "127.0.0.1");
        s.put(ConfigKeys.HTTP_PORT, String.valueOf(httpPort));
        s.put(ConfigKeys.TOPICS_PARTITIONS, String.valueOf(PARTITIONS));
        s.put("sink.roll.max.age.ms", ROLL_MAX_AGE_MS);
        s.putAll(overrides);
        return s;
    }
}
