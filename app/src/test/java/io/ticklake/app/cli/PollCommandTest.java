package io.ticklake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.ticklake.data.Tick;
import io.ticklake.data.json.TickCodec;
import io.ticklake.embedded.EmbeddedKafka;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
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
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ticklake poll}: exit codes, the config file, a run into a real broker with /health and /metrics. */
class PollCommandTest {
    /** Yahoo's chart endpoint, its documented shape (chart.result[0].meta). */
    private static final String YAHOO = "{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\",\"symbol\":\"^GSPC\","
            + "\"regularMarketTime\":1796308200,\"regularMarketPrice\":6851.97,\"regularMarketVolume\":1250000000},"
            + "\"timestamp\":[1796308200],\"indicators\":{\"quote\":[{\"close\":[6851.97],\"volume\":[0]}]}}],\"error\":null}}";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        return TickLakeCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void badArgumentsAreOneLineAndExit2() {
        assertThat(run("poll", "--bootstrap-servers", "127.0.0.1:1", "--source", "yahoo", "--symbols", "AAPL",
                "--interval", "soon")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("ticklake poll: poll.interval: not a duration (500ms, 5s, 2m, 1h or PT5S): soon");

        err.getBuffer().setLength(0);
        assertThat(run("poll", "--bootstrap-servers", "127.0.0.1:1", "--source", "finnhub", "--symbols", "AAPL",
                "--api-key-env", "TICKLAKE_TEST_NO_SUCH_VARIABLE")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("ticklake poll: finnhub needs an API key: set the environment variable "
                + "TICKLAKE_TEST_NO_SUCH_VARIABLE or use --api-key-file");

        err.getBuffer().setLength(0);
        assertThat(run("poll", "--bootstrap-servers", "127.0.0.1:1", "--source", "yahoo", "--symbols", "AAPL",
                "-D", "poll.intervall=5s")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("ticklake poll: unknown config key poll.intervall");
    }

    @Test
    void anUnreachableBrokerIsOneLineAndExit1() throws Exception {
        final int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        final Path config = Files.writeString(dir.resolve("poll.properties"), "bootstrap.servers=127.0.0.1:" + port + "\n"
                + "poll.source=yahoo\npoll.symbols=^GSPC=GSPC\npoll.kafka.timeout=2s\npoll.state.file="
                + dir.resolve("state.json").toString().replace("\\", "/") + "\n", StandardCharsets.UTF_8);

        assertThat(run("poll", "--config", config.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("ticklake poll: error: cannot reach Kafka at 127.0.0.1:" + port + " (no answer in 2 s)");
    }

    @Test
    void pollsIntoTheBrokerAndServesHealthAndMetrics() throws Exception {
        final HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        api.createContext("/", ex -> {
            final byte[] body = YAHOO.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        api.start();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            final CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> run("poll",
                    "--bootstrap-servers", kafka.bootstrapServers(), "--source", "yahoo", "--symbols", "^GSPC=GSPC",
                    "--base-url", "http://127.0.0.1:" + api.getAddress().getPort(), "--interval", "5s", "--max-polls", "2",
                    "--http-port", "0", "--state-file", dir.resolve("state.json").toString(), "-D", "http.host=127.0.0.1"));

            final Pattern portLine = Pattern.compile("\\(port (\\d+)\\)");
            await().atMost(Duration.ofSeconds(60)).until(() -> portLine.matcher(out.toString()).find());
            final Matcher m = portLine.matcher(out.toString());
            assertThat(m.find()).isTrue();
            final String base = "http://127.0.0.1:" + m.group(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/metrics").contains(
                    "ticklake_poll_ticks_sent_total{source=\"yahoo\"} 1"));
            // the families (and types) the poller served before /metrics moved to Micrometer; the two gauges once known
            await().atMost(Duration.ofSeconds(30)).until(() -> types(get(base + "/metrics")).size() == 6);
            assertThat(types(get(base + "/metrics"))).containsExactlyInAnyOrder(
                    "ticklake_poll_polls_total counter", "ticklake_poll_requests_total counter",
                    "ticklake_poll_ticks_sent_total counter", "ticklake_poll_stale_total counter",
                    "ticklake_poll_last_success_timestamp_seconds gauge", "ticklake_poll_event_time_ms gauge");
            assertThat(get(base + "/metrics").lines().filter(l -> !l.startsWith("#")))
                    .allMatch(l -> l.matches("ticklake_poll_[a-z_]+\\{source=\"yahoo\"} \\S+"), "every sample has its source");
            assertThat(get(base + "/health")).contains("\"poller\":\"POLLING\"").contains("\"ready\":true");

            assertThat(code.get()).isZero();
            assertThat(out.toString()).contains("ticklake poll: stopped; polls 2 · requests 2 · ticks sent 1 · stale 1");
            assertThat(err.toString()).contains("poll: polls 1 · requests 1 · ticks sent 1");
            assertThat(consume(kafka.bootstrapServers(), 1)).containsExactly(
                    new Tick("GSPC", 1_796_308_200_000L, 6851.97, 1_250_000_000L));
        } finally {
            api.stop(0);
        }
    }

    /** {@code name type} of each {@code # TYPE} line. */
    private static List<String> types(final String metrics) {
        return metrics.lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.substring("# TYPE ".length())).toList();
    }

    private static String get(final String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static List<Tick> consume(final String bootstrap, final int expected) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        final List<Tick> ticks = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> tps = consumer.partitionsFor("ticks-raw").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
                for (final ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    assertThat(r.key()).isEqualTo("GSPC");
                    ticks.add(TickCodec.decode(r.value()));
                }
                return ticks.size() >= expected;
            });
            consumer.poll(Duration.ofMillis(500)).forEach(r -> ticks.add(TickCodec.decode(r.value())));
        }
        return ticks;
    }
}
