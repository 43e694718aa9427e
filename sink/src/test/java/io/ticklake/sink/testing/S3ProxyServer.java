package io.ticklake.sink.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real S3 API server for tests: S3Proxy ({@code org.gaul:s3proxy:4.1.0:jar-with-dependencies}) in a
 * child JVM on 127.0.0.1 and a free port, with the filesystem backend under a data directory, so
 * {@link #stop()} then {@link #start()} brings the same objects back on the same port (an outage).
 *
 * <p>The jar is found through the system property {@code s3proxy.jar}, then {@code target/s3proxy/}
 * of the sink module, then the local Maven repository ({@code maven.repo.local} or {@code ~/.m2}).
 * Credentials are {@link #ACCESS_KEY}/{@link #SECRET_KEY}. Use with try-with-resources.
 */
public final class S3ProxyServer implements AutoCloseable {
    /** Access key the server accepts. */
    public static final String ACCESS_KEY = "ticklake";
    /** Secret key the server accepts. */
    public static final String SECRET_KEY = "ticklake-secret";
    /** Region to configure clients with (S3Proxy ignores it). */
    public static final String REGION = "us-east-1";
    private static final String VERSION = "4.1.0";

    private final Path dataDir;
    private final int port;
    private Process process;

    private S3ProxyServer(final Path dataDir, final int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts a server on a free port with its data under {@code dataDir}. */
    public static S3ProxyServer start(final Path dataDir) {
        final S3ProxyServer s = new S3ProxyServer(dataDir.toAbsolutePath(), freePort());
        s.start();
        return s;
    }

    /** (Re)starts the server on the same port and data directory; waits until it answers. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            final Path blobs = Files.createDirectories(dataDir.resolve("blobs"));
            final Path props = dataDir.resolve("s3proxy.properties");
            final Properties p = new Properties();
            p.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
            p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            p.setProperty("s3proxy.identity", ACCESS_KEY);
            p.setProperty("s3proxy.credential", SECRET_KEY);
            p.setProperty("s3proxy.ignore-unknown-headers", "true");
            p.setProperty("jclouds.provider", "filesystem-nio2");
            p.setProperty("jclouds.filesystem.basedir", blobs.toString());
            try (var w = Files.newBufferedWriter(props)) {
                p.store(w, "written by S3ProxyServer");
            }
            final List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xmx256m");
            cmd.add("-XX:+UseSerialGC");
            cmd.add("-XX:TieredStopAtLevel=1");
            cmd.add("-jar");
            cmd.add(jar().toString());
            cmd.add("--properties");
            cmd.add(props.toString());
            process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("s3proxy.log").toFile()))
                    .start();
            final Process started = process;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
            Awaitility.await("S3Proxy on port " + port).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!started.isAlive()) {
                            throw new IllegalStateException("S3Proxy exited with " + started.exitValue()
                                    + ", see " + dataDir.resolve("s3proxy.log"));
                        }
                        return answers();
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server (SIGKILL: an outage, not a clean shutdown); objects stay in the data directory. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Whether the child process runs. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The port, the same across restarts. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        stop();
    }

    private boolean answers() {
        try {
            final HttpURLConnection c = (HttpURLConnection) endpoint().toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            try {
                return c.getResponseCode() > 0;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** The s3proxy jar-with-dependencies, see the class comment. */
    public static Path jar() {
        final String name = "s3proxy-" + VERSION + "-jar-with-dependencies.jar";
        final List<Path> candidates = new ArrayList<>();
        final String explicit = System.getProperty("s3proxy.jar");
        if (explicit != null) {
            candidates.add(Path.of(explicit));
        }
        candidates.add(Path.of("target", "s3proxy", name));
        candidates.add(Path.of("..", "sink", "target", "s3proxy", name));
        final String repo = System.getProperty("maven.repo.local");
        final Path m2 = repo != null ? Path.of(repo)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        candidates.add(m2.resolve(Path.of("org", "gaul", "s3proxy", VERSION, name)));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() ->
                new IllegalStateException("s3proxy jar not found (run mvn -pl sink test-compile, or set -Ds3proxy.jar): "
                        + candidates));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
