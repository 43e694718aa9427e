package io.ticklake.bench.trino;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Trino (coordinator and worker in one JVM) on 127.0.0.1 with one catalog, {@code hive}:
 * the Hive connector with a file metastore and the local file system (rooted at {@code /}, so a
 * {@code local:///abs/path} location is that absolute path). Its etc/, data, metastore and log live in
 * {@code workDir}; only the Hive plugin is loaded (a plugin directory with that one link), so it starts
 * in seconds. {@link #close()} stops it (SIGTERM, then SIGKILL after 30 s).
 */
public final class TrinoServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrinoServer.class);
    private final Process process;
    private final int port;
    private final Path log;
    /** Stops the server when this JVM is stopped (Ctrl-C, SIGTERM) before {@link #close()} ran. */
    private final Thread onExit = new Thread(this::stop, "trino-stop");

    private TrinoServer(final Process process, final int port, final Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /**
     * Writes the configuration into {@code workDir} and starts {@code home/bin/launcher run} with
     * {@code javaHome}'s Java (Trino 476 needs Java 24 or later); returns once it answers queries.
     */
    public static TrinoServer start(final Path home, final Path javaHome, final Path workDir, final String heap,
                                    final Duration startTimeout) throws IOException {
        final Path launcher = home.resolve("bin/launcher");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalArgumentException("not a Trino server directory (no bin/launcher): " + home);
        }
        if (!Files.isExecutable(javaHome.resolve("bin/java"))) {
            throw new IllegalArgumentException("no bin/java in " + javaHome);
        }
        final int port = freePort();
        final Path etc = writeConfig(home, workDir, port, heap);
        final Path log = workDir.resolve("trino.log");
        final ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "run", "--etc-dir=" + etc,
                "--data-dir=" + workDir.resolve("data"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("PATH", javaHome.resolve("bin") + ":" + System.getenv().getOrDefault("PATH", ""));
        LOG.info("starting Trino from {} on 127.0.0.1:{} (log {})", home, port, log);
        final TrinoServer server = new TrinoServer(pb.start(), port, log);
        try {
            server.awaitStarted(startTimeout);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The coordinator's URI. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The server's console output (launcher and server log). */
    public Path log() {
        return log;
    }

    private void awaitStarted(final Duration timeout) {
        final TrinoClient probe = new TrinoClient(uri(), "system", null);
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!probe.started()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Trino exited with " + process.exitValue() + " while starting; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Trino did not start within " + timeout + "; see " + log);
            }
            try {
                process.waitFor(500, TimeUnit.MILLISECONDS); // polls /v1/info twice a second; returns early on exit
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Trino was starting", e);
            }
        }
    }

    static Path writeConfig(final Path home, final Path workDir, final int port, final String heap) throws IOException {
        final Path etc = Files.createDirectories(workDir.resolve("etc"));
        final Path plugins = Files.createDirectories(workDir.resolve("plugin"));
        final Path hive = plugins.resolve("hive");
        if (!Files.exists(hive, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(hive, home.resolve("plugin/hive").toAbsolutePath());
        }
        final Path metastore = Files.createDirectories(workDir.resolve("metastore"));
        write(etc.resolve("node.properties"), List.of(
                "node.environment=ticklake_check",
                "node.id=" + UUID.randomUUID(),
                "node.data-dir=" + workDir.resolve("data").toAbsolutePath(),
                "node.internal-address=127.0.0.1"));
        write(etc.resolve("jvm.config"), List.of(
                "-server", "-Xmx" + heap, "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
                "-XX:-OmitStackTraceInFastThrow", "-XX:ReservedCodeCacheSize=256M",
                "-XX:+EnableDynamicAgentLoading", "-Djdk.attach.allowAttachSelf=true",
                "-Dfile.encoding=UTF-8", "-Duser.timezone=UTC"));
        write(etc.resolve("config.properties"), List.of(
                "coordinator=true",
                "node-scheduler.include-coordinator=true",
                "http-server.http.port=" + port,
                "discovery.uri=http://127.0.0.1:" + port,
                "plugin.dir=" + plugins.toAbsolutePath(),
                "query.max-memory=1GB",
                "query.max-memory-per-node=1GB",
                "task.concurrency=2"));
        write(etc.resolve("log.properties"), List.of("io.trino=INFO"));
        final Path catalog = Files.createDirectories(etc.resolve("catalog"));
        write(catalog.resolve("hive.properties"), List.of(
                "connector.name=hive",
                "hive.metastore=file",
                "hive.metastore.catalog.dir=local://" + metastore.toAbsolutePath(),
                "fs.native-local.enabled=true",
                "local.location=/",
                // the rollups' CTAS writes one partition per index and date in one statement
                "hive.max-partitions-per-writers=100000",
                "hive.compression-codec=ZSTD"));
        return etc;
    }

    private static void write(final Path file, final List<String> lines) throws IOException {
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Stops the server: SIGTERM (Trino shuts down), SIGKILL if it is still running after 30 s. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            return; // the JVM is shutting down: the hook stops the server
        }
        stop();
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        LOG.info("Trino stopped (exit {})", process.isAlive() ? "still running" : process.exitValue());
    }
}
