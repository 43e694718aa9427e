package io.ticklake.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service under test as a separate JVM: {@code java -cp <test classpath> <main> <args>}, its
 * stdout and stderr appended to one log file, health checked over HTTP. Every start is a new
 * process; {@link #close()} kills whatever is still running, so no JVM outlives a test.
 *
 * <p>The classpath goes through a JDK argument file ({@code java @file}): the test classpath is
 * long and the file shows exactly what was run.
 */
final class ServiceProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceProcess.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Spec spec;
    private final List<Long> startupMillis = new ArrayList<>();
    private Process process;
    private int starts;

    /**
     * What to run.
     *
     * @param mainClass the main class ({@code io.ticklake.app.Main})
     * @param args      program arguments ({@code run --bootstrap-servers …})
     * @param env       extra environment ({@code TICKLAKE_*}, {@code KAFKA_*}, AWS credentials)
     * @param jvmArgs   JVM flags ({@code -Xmx384m})
     * @param httpPort  the port of its health endpoints
     * @param workDir   where the argument file and the log go
     */
    record Spec(String mainClass, List<String> args, Map<String, String> env, List<String> jvmArgs,
                int httpPort, Path workDir) {
        Spec {
            Objects.requireNonNull(mainClass, "mainClass");
            args = List.copyOf(args);
            env = Map.copyOf(env);
            jvmArgs = List.copyOf(jvmArgs);
            Objects.requireNonNull(workDir, "workDir");
        }
    }

    ServiceProcess(final Spec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** Starts a new process (the previous one must have ended). */
    synchronized ServiceProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("service is still running: pid " + process.pid());
        }
        try {
            Files.createDirectories(spec.workDir());
            final Path argFile = spec.workDir().resolve("java.args");
            final List<String> lines = new ArrayList<>(spec.jvmArgs());
            lines.add("-cp");
            lines.add(System.getProperty("java.class.path"));
            Files.write(argFile, lines.stream().map(ServiceProcess::quote).toList(), StandardCharsets.UTF_8);
            final List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("@" + argFile);
            command.add(spec.mainClass());
            command.addAll(spec.args());
            final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            builder.environment().putAll(spec.env());
            starts++;
            Files.writeString(logFile(), "=== start " + starts + " ===\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
            LOG.info("service start {} pid {} (log {})", starts, process.pid(), logFile());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the service", e);
        }
    }

    /** Waits until {@code /health/ready} answers 200; fails early if the process dies. Returns the wait. */
    Duration awaitReady(final Duration timeout) {
        final long t0 = System.nanoTime();
        await("service ready on port " + spec.httpPort()).atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("service exited with " + process.exitValue()
                                + " before it was ready; log tail:\n" + logTail(40));
                    }
                    return status("/health/ready") == 200;
                });
        final Duration took = Duration.ofNanos(System.nanoTime() - t0);
        startupMillis.add(took.toMillis());
        return took;
    }

    /** Starts and waits until ready. */
    Duration startAndAwaitReady(final Duration timeout) {
        start();
        return awaitReady(timeout);
    }

    /** SIGKILL (Process.destroyForcibly on Linux); waits for the process to be gone. */
    int kill9() {
        final Process p = requireProcess();
        p.destroyForcibly();
        final int code = waitFor(p, Duration.ofSeconds(30));
        assertThat(code).as("exit code after SIGKILL").isEqualTo(128 + 9);
        LOG.info("service pid {} killed with SIGKILL", p.pid());
        return code;
    }

    /** SIGTERM (Process.destroy on Linux); returns the exit code once it has exited by itself. */
    int sigterm(final Duration timeout) {
        final Process p = requireProcess();
        p.destroy();
        final int code = waitFor(p, timeout);
        LOG.info("service pid {} exited with {} after SIGTERM", p.pid(), code);
        return code;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The HTTP status of {@code path}, or -1 when nothing answers. */
    int status(final String path) {
        try {
            return HTTP.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The body of {@code path} (e.g. {@code /metrics}); fails when the service does not answer 200. */
    String get(final String path) {
        try {
            final HttpResponse<String> response = HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The body of {@code path} whatever its status ({@code /health} answers 503 when not ready), or "" when nothing answers. */
    String body(final String path) {
        try {
            return HTTP.send(request(path), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    long pid() {
        return requireProcess().pid();
    }

    /** Times from start to ready, one per {@link #awaitReady}. */
    List<Long> startupMillis() {
        return List.copyOf(startupMillis);
    }

    Path logFile() {
        return spec.workDir().resolve("service.log");
    }

    /** The last {@code lines} lines of the log (for failure messages). */
    String logTail(final int lines) {
        try {
            final List<String> all = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Kills the process if it still runs (never leaves a JVM behind). */
    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(30));
        }
    }

    private HttpRequest request(final String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + spec.httpPort() + path))
                .timeout(Duration.ofSeconds(5)).GET().build();
    }

    private Process requireProcess() {
        if (process == null) {
            throw new IllegalStateException("service was never started");
        }
        return process;
    }

    private static int waitFor(final Process p, final Duration timeout) {
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("service pid " + p.pid() + " did not exit within " + timeout);
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted while waiting for pid " + p.pid(), e);
        }
    }

    /** Quotes one argument-file token (the JDK's @file syntax: double quotes, backslash escapes). */
    private static String quote(final String arg) {
        return '"' + arg.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
