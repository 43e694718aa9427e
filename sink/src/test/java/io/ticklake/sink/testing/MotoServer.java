package io.ticklake.sink.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
import java.util.Locale;

import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A real {@code moto_server} (AWS API emulator) as a child process on 127.0.0.1 and a free port, for
 * Glue and Athena tests. Uses {@code moto_server} from the PATH, else {@code python3 -m moto.server}.
 * Moto answers Glue for real; its Athena runs nothing and returns canned results
 * ({@link #queueAthenaResults(String)}).
 */
public final class MotoServer implements AutoCloseable {
    /** Moto's default account id. */
    public static final String ACCOUNT_ID = "123456789012";
    private static final Logger LOG = LoggerFactory.getLogger(MotoServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private final Process process;
    private final int port;
    private final Path log;
    private static MotoServer shared;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile boolean keepOpen;

    private MotoServer(final Process process, final int port, final Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * One server for the whole test JVM, started on first use and stopped at JVM exit; {@link #close()}
     * leaves it running. Callers {@link #reset()} it before use (it keeps state between test classes).
     */
    public static synchronized MotoServer shared() {
        if (shared == null || !shared.process.isAlive()) {
            final MotoServer server = start();
            server.keepOpen = true;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "moto-server-stop"));
            shared = server;
        }
        return shared;
    }

    /** Starts moto on a free port and waits until it answers. */
    public static MotoServer start() {
        final int port = freePort();
        final Path log;
        try {
            log = Files.createTempFile("moto-" + port + "-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final List<String> command = new ArrayList<>(command());
        command.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
        final ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        final Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start moto: " + command, e);
        }
        final MotoServer server = new MotoServer(process, port, log);
        try {
            Awaitility.await("moto_server on port " + port).atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("moto_server exited: " + server.logTail());
                        }
                        return server.answers();
                    });
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.info("moto_server started on {}", server.endpoint());
        return server;
    }

    /** The endpoint URL, e.g. {@code http://127.0.0.1:5123}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The region tests use. */
    public Region region() {
        return Region.US_EAST_1;
    }

    /** Static dummy credentials (moto accepts any). */
    public AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    /** Forgets every resource (all services). */
    public void reset() {
        post("/moto-api/reset", "");
    }

    /**
     * Queues canned Athena results: each started query takes the next one. {@code resultsJson} is the
     * JSON array of {@code {"rows": [...], "column_info": [...]}} objects moto expects.
     */
    public void queueAthenaResults(final String resultsJson) {
        post("/moto-api/static/athena/query-results",
                "{\"account_id\":\"" + ACCOUNT_ID + "\",\"region\":\"" + region().id()
                        + "\",\"results\":" + resultsJson + "}");
    }

    /**
     * Makes Athena query executions advance only when polled {@code times} times per state
     * ({@code QUEUED → RUNNING → SUCCEEDED}); {@code 0} restores immediate progress.
     */
    public void athenaProgressAfterPolls(final int times) {
        final String body = times <= 0
                ? "{\"model_name\":\"athena::execution\",\"transition\":{\"progression\":\"immediate\"}}"
                : "{\"model_name\":\"athena::execution\",\"transition\":{\"progression\":\"manual\",\"times\":"
                        + times + "}}";
        post("/moto-api/state-manager/set-transition", body);
    }

    /** Stops this server, unless it is the {@link #shared()} one (stopped at JVM exit). */
    @Override
    public void close() {
        if (!keepOpen) {
            stop();
        }
    }

    private void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            LOG.debug("cannot delete {}", log, e);
        }
    }

    private boolean answers() {
        try {
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/data.json"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void post(final String path, final String body) {
        try {
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint().resolve(path))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("moto " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String logTail() {
        try {
            final String text = Files.readString(log);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static List<String> command() {
        final String path = System.getenv().getOrDefault("PATH", "");
        for (final String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "moto_server"))) {
                return List.of(Path.of(dir, "moto_server").toString());
            }
        }
        return List.of("python3", "-m", "moto.server");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "MotoServer[" + endpoint().toString().toLowerCase(Locale.ROOT) + "]";
    }
}
