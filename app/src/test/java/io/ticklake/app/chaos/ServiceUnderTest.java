package io.ticklake.app.chaos;

import io.ticklake.sink.testing.S3ProxyServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the chaos suite runs the real service: {@code io.ticklake.app.Main run} per the service
 * contract (COMMON.md), against a {@link ChaosCluster}, with a bounded heap and a GC log (the peak
 * heap is read from it, independently of the service's own metrics).
 */
final class ServiceUnderTest {
    static final String MAIN = "io.ticklake.app.Main";
    static final String HEAP = "-Xmx384m";
    static final long HEAP_BOUND_BYTES = 384L * 1024 * 1024;

    private ServiceUnderTest() {
    }

    /**
     * The process spec.
     *
     * @param applicationId distinct per test (Streams application id; the sink group is {@code <id>-sink})
     * @param prefix        the lake prefix in {@link ChaosCluster#BUCKET}
     * @param extraEnv      e.g. {@code TICKLAKE_SINK_ROLL_MAX_RECORDS}
     */
    static ServiceProcess.Spec spec(final ChaosCluster cluster, final String applicationId, final String prefix,
                                    final Path workDir, final Map<String, String> extraEnv) {
        final int httpPort = Ports.free();
        final List<String> args = List.of("run",
                "--bootstrap-servers", cluster.bootstrapServers(),
                "--lake", "s3://" + ChaosCluster.BUCKET + "/" + prefix,
                "--state-dir", workDir.resolve("state").toString(),
                "--http-port", Integer.toString(httpPort),
                "--application-id", applicationId,
                "--s3-endpoint", cluster.s3Endpoint(),
                "--s3-region", S3ProxyServer.REGION,
                "--s3-path-style");
        final Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
        env.put("AWS_REGION", S3ProxyServer.REGION);
        // a killed member would otherwise hold every rebalance for the 45 s default session timeout
        env.put("KAFKA_SESSION_TIMEOUT_MS", "6000");
        env.put("KAFKA_HEARTBEAT_INTERVAL_MS", "1500");
        // the few daily bars would otherwise wait for the 60 s default age roll before they land
        env.put("TICKLAKE_SINK_ROLL_MAX_AGE_MS", "2000");
        env.putAll(extraEnv);
        final List<String> jvm = List.of(HEAP, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xlog:gc:file=" + workDir.resolve("gc-%p.log"),
                "-Dlogback.configurationFile=" + LogConfig.write(workDir));
        return new ServiceProcess.Spec(MAIN, args, env, jvm, httpPort, workDir);
    }
}
