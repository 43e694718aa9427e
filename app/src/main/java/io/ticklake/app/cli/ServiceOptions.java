package io.ticklake.app.cli;

import io.ticklake.service.config.ConfigKeys;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Flags of the long-lived service ({@code run}), each setting one config key. */
public final class ServiceOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "properties file of config keys (see README, Configuration); flags and TICKLAKE_* env win")
    Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...", description = "Kafka bootstrap servers")
    String bootstrapServers;

    @Option(names = "--lake", paramLabel = "s3://BUCKET/PREFIX|DIR", description = "the lake root")
    String lake;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state directory")
    String stateDir;

    @Option(names = "--http-port", paramLabel = "N", description = "admin HTTP port (health, metrics); 0 = any free port")
    Integer httpPort;

    @Option(names = "--application-id", paramLabel = "ID",
            description = "Streams application id (default ticklake); the sink's group is <id>-sink")
    String applicationId;

    @Option(names = "--processing-guarantee", paramLabel = "exactly_once_v2|at_least_once",
            description = "Kafka Streams processing guarantee (default exactly_once_v2)")
    String processingGuarantee;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "S3 endpoint override (S3-compatible servers)")
    String s3Endpoint;

    @Option(names = "--s3-region", paramLabel = "REGION", description = "S3 region")
    String s3Region;

    @Option(names = "--s3-path-style", description = "path-style S3 addressing")
    Boolean s3PathStyle;

    @Option(names = "--glue-database", paramLabel = "NAME",
            description = "register tables and partitions in this Glue database (lake on s3:// only)")
    String glueDatabase;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE", description = "set any config key (repeatable)")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The config keys set by these flags. */
    public Map<String, String> flags() {
        final Map<String, String> f = new LinkedHashMap<>(settings);
        put(f, ConfigKeys.BOOTSTRAP_SERVERS, bootstrapServers);
        put(f, ConfigKeys.SINK_LAKE, lake);
        put(f, ConfigKeys.STATE_DIR, stateDir);
        put(f, ConfigKeys.HTTP_PORT, httpPort);
        put(f, ConfigKeys.APPLICATION_ID, applicationId);
        put(f, ConfigKeys.PROCESSING_GUARANTEE, processingGuarantee);
        put(f, "sink.s3.endpoint", s3Endpoint);
        put(f, "sink.s3.region", s3Region);
        put(f, "sink.s3.path.style", s3PathStyle);
        put(f, ConfigKeys.GLUE_DATABASE, glueDatabase);
        return f;
    }

    public Path configFile() {
        return configFile;
    }

    private static void put(final Map<String, String> f, final String key, final Object value) {
        if (value != null) {
            f.put(key, value.toString());
        }
    }
}
