package io.ticklake.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticklake.data.DailyBar;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.replay.ReplayConfig;
import io.ticklake.data.replay.ReplayProducer;
import io.ticklake.data.replay.ReplaySummary;
import io.ticklake.data.testing.TestMarket;
import io.ticklake.embedded.EmbeddedKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} as a real process (its own JVM, as deployed) against an embedded broker and a local lake:
 * ready over HTTP, Streams and sink metrics served, ticks land, and SIGTERM stops it cleanly with exit 0.
 */
class RunServiceTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void killLeftovers() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void servesHealthAndMetricsLandsTicksAndStopsCleanlyOnSigterm() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            final int port = freePort();
            final Path lake = dir.resolve("lake");
            final Path log = dir.resolve("service.log");
            process = start(kafka.bootstrapServers(), lake, port, log);

            await("ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        assertThat(process.isAlive()).as("service alive; log:%n%s", tail(log)).isTrue();
                        return status(port, "/health/ready") == 200;
                    });
            assertThat(status(port, "/health/live")).isEqualTo(200);
            assertThat(body(port, "/health")).contains("\"ready\":true").contains("\"streams\":\"RUNNING\"")
                    .contains("\"sink\":\"RUNNING\"");

            final List<DailyBar> bars = TestMarket.bars(List.of("NYA", "N225"), LocalDate.of(2021, 5, 27),
                    LocalDate.of(2021, 5, 27), TestMarket.SEED);
            final ReplaySummary replay;
            try (ReplayProducer producer = ReplayProducer.kafka(ReplayConfig.defaults().withPartitions(6),
                    ReferenceData.builtIn(), Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                replay = producer.replay(bars.iterator(), p -> { });
            }
            await("ticks in the lake").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> lakeTicks(lake) == replay.ticks());

            final String metrics = body(port, "/metrics");
            assertThat(metrics).contains("# TYPE ticklake_sink_records_written_total counter")
                    .containsPattern("(?m)^kafka_streams_stream_thread_metrics_process_total\\{.*\\} [1-9]")
                    .containsPattern("(?m)^ticklake_sink_files_uploaded_total [1-9]");
            assertThat(metrics.lines().filter(l -> !l.startsWith("#")))
                    .allMatch(l -> l.matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*\\})? \\S+"), "valid sample lines");

            process.destroy();   // SIGTERM
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("stopped in time").isTrue();
            assertThat(process.exitValue()).as("exit code; log:%n%s", tail(log)).isZero();
            assertThat(Files.readString(log)).contains("stopped cleanly").doesNotContain(" ERROR ");
            assertThat(lakeTicks(lake)).isEqualTo(replay.ticks());
        }
    }

    private Process start(final String bootstrap, final Path lake, final int port, final Path log) throws IOException {
        final List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), "io.ticklake.app.Main", "run",
                "--bootstrap-servers", bootstrap, "--lake", lake.toString(), "--state-dir", dir.resolve("state").toString(),
                "--http-port", String.valueOf(port), "--application-id", "run-test"));
        final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        // env, not flags: the environment layer of the configuration
        pb.environment().put("TICKLAKE_SINK_ROLL_MAX_AGE_MS", "500");
        pb.environment().put("KAFKA_MAX_POLL_RECORDS", "1000");
        return pb.start();
    }

    private static long lakeTicks(final Path lake) throws SQLException, IOException {
        // the partition directories appear before the first file is renamed into them
        if (!Files.isDirectory(lake.resolve("ticks"))) {
            return 0;
        }
        try (var files = Files.walk(lake.resolve("ticks"))) {
            if (files.noneMatch(f -> f.toString().endsWith(".parquet"))) {
                return 0;
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(DISTINCT (kafka_partition, kafka_offset)) FROM read_parquet('"
                     + lake.resolve("ticks").toAbsolutePath() + "/**/*.parquet')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int status(final int port, final String path) {
        try {
            return HTTP.send(request(port, path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String body(final int port, final String path) throws IOException, InterruptedException {
        return HTTP.send(request(port, path), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }

    private static HttpRequest request(final int port, final String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
                .build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String tail(final Path log) {
        try {
            final List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
