package io.ticklake.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticklake.data.DailyBar;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.replay.ReplayConfig;
import io.ticklake.data.replay.ReplayProducer;
import io.ticklake.data.testing.TestMarket;
import io.ticklake.embedded.EmbeddedKafka;
import io.ticklake.service.config.AppConfig;
import io.ticklake.service.http.PrometheusScrape;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metric names on {@code /metrics} are a contract (docs/OPERATIONS.md §6): a running service that
 * replayed a day and wrote it into the lake serves exactly the families of {@code metric-families.txt}
 * (name, type, and each label-name set seen in the family), captured from the service before
 * {@code /metrics} moved to Micrometer's Prometheus registry, and the scrape is valid Prometheus text.
 * {@code -Dticklake.metrics.capture=<file>} writes the families served now to that file instead.
 */
class MetricFamiliesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aRunningServiceServesTheFamiliesUsersScrape() throws Exception {
        final Map<String, String> expected = expectedFamilies();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            final AppConfig config = AppConfig.of(LocalPipeline.settings(kafka.bootstrapServers(), dir.resolve("lake"),
                    dir.resolve("state"), "metrics-test", 0, Map.of()));
            final ReplayMetrics replay = new ReplayMetrics();
            try (TickLakeService service = new TickLakeService(config, Clock.systemUTC(), List.of(replay)).start()) {
                final List<DailyBar> bars = TestMarket.bars(List.of("NYA", "N225"), LocalDate.of(2021, 5, 27),
                        LocalDate.of(2021, 5, 27), TestMarket.SEED);
                final long ticks;
                try (ReplayProducer producer = ReplayProducer.kafka(ReplayConfig.defaults(), ReferenceData.builtIn(),
                        Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                    ticks = producer.replay(bars.iterator(), replay).ticks();
                }
                await("ticks in the lake").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                        .until(() -> service.sink().metrics().snapshot().recordsWritten() >= ticks);
                final int port = service.httpPort();
                final String capture = System.getProperty("ticklake.metrics.capture");
                if (capture != null) {
                    Files.writeString(Path.of(capture), render(PrometheusScrape.parse(scrape(port).body()).families()));
                    return;
                }
                // some Kafka sensors appear with their first use (a fetch, a commit): wait for the set to settle
                await("the captured families").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(PrometheusScrape.parse(scrape(port).body()).families().keySet())
                                .containsAll(expected.keySet()));
                final HttpResponse<String> response = scrape(port);
                assertThat(response.headers().firstValue("Content-Type"))
                        .hasValue("text/plain; version=0.0.4; charset=utf-8");
                final PrometheusScrape parsed = PrometheusScrape.parse(response.body());
                assertThat(parsed.families()).isEqualTo(expected);
                // the ticks and their bars
                assertThat(parsed.value("ticklake_sink_records_written_total", Map.of())).isGreaterThan(ticks);
                assertThat(parsed.value("ticklake_replay_ticks_sent_total", Map.of())).isEqualTo(ticks);
            }
        }
    }

    private static HttpResponse<String> scrape(final int port) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** {@code name type labelsets} per line, sorted, as {@link #render} writes them. */
    private static Map<String, String> expectedFamilies() throws IOException {
        try (InputStream in = Objects.requireNonNull(MetricFamiliesTest.class.getResourceAsStream("/metric-families.txt"),
                "metric-families.txt")) {
            final SortedMap<String, String> out = new TreeMap<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .forEach(l -> {
                        final String[] parts = l.split(" ", 2);
                        out.put(parts[0], parts[1]);
                    });
            return out;
        }
    }

    private static String render(final Map<String, String> families) {
        final StringBuilder b = new StringBuilder("# metric families served by /metrics: name, type, label-name sets (| between sets)\n");
        families.forEach((name, shape) -> b.append(name).append(' ').append(shape).append('\n'));
        return b.toString();
    }
}
