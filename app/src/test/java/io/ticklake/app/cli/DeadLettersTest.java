package io.ticklake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticklake.service.config.AppConfig;
import io.ticklake.service.LocalPipeline;
import io.ticklake.service.TickLakeService;
import io.ticklake.embedded.EmbeddedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile records through the real topology on an embedded broker: counted on {@code /metrics} and
 * {@code /health}, and readable with {@code ticklake dlq}.
 */
class DeadLettersTest {
    private static final long T0 = Instant.parse("2021-05-28T13:30:00Z").toEpochMilli();
    private static final int HUGE = 300_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void deadLettersAndLateTicksAreCountedServedAndReadable() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            final AppConfig config = AppConfig.of(LocalPipeline.settings(kafka.bootstrapServers(), dir.resolve("lake"),
                    dir.resolve("state"), "dlq-test", 0, Map.of()));
            try (TickLakeService service = new TickLakeService(config, Clock.systemUTC(), List.of()).start()) {
                produceHostileRecords(kafka.bootstrapServers());
                final int port = service.httpPort();
                await("counted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> get(port, "/metrics").contains("ticklake_late_ticks_total 1"));   // the last record
                final String metrics = get(port, "/metrics");
                assertThat(metrics).contains("# TYPE ticklake_dlq_records_total counter")
                        .contains("ticklake_dlq_records_total{reason=\"not-json\"} 4")
                        .contains("ticklake_dlq_records_total{reason=\"bad-timestamp\"} 1")
                        .contains("ticklake_dlq_records_total{reason=\"null-key\"} 0")
                        .contains("# TYPE ticklake_late_records_total counter")
                        .contains("ticklake_late_records_total{window=\"1m\"} 1")
                        .contains("ticklake_late_records_total{window=\"1d\"} 0");
                final JsonNode counters = JSON.readTree(get(port, "/health")).path("counters");
                assertThat(counters.path("dead_letters").path("total").asLong()).isEqualTo(5);
                assertThat(counters.path("dead_letters").path("not-json").asLong()).isEqualTo(4);
                assertThat(counters.path("late").path("1m").asLong()).isEqualTo(1);
            }

            final Run text = dlq("--bootstrap-servers", kafka.bootstrapServers());
            assertThat(text.exit).as(text.err).isZero();
            final List<String> lines = text.out.lines().toList();
            assertThat(lines).hasSize(5).allSatisfy(l -> {
                assertThat(l).contains("from ticks-raw/");
                assertThat(l.chars()).allMatch(c -> c >= 0x20 && c != 0x7f);
                assertThat(l.length()).isLessThan(2_000);
            });
            assertThat(lines.get(0)).contains("not-json").contains("key=\"NYA\"").contains("value=\"{oops\"");
            assertThat(lines.get(1)).contains("\\xff\\xfe\\x00\\x01").contains("(4 bytes, not UTF-8)");
            assertThat(lines.get(2)).contains("(" + (HUGE + 15) + " bytes, cut)");
            assertThat(lines.get(3)).contains("\\u0007").contains("\\n").contains("\\u001b");
            assertThat(lines.get(4)).contains("bad-timestamp");

            final Run json = dlq("--bootstrap-servers", kafka.bootstrapServers(), "--format", "json", "--limit", "4");
            assertThat(json.exit).as(json.err).isZero();
            final List<JsonNode> records = new ArrayList<>();
            for (final String l : json.out.lines().toList()) {
                records.add(JSON.readTree(l));
            }
            assertThat(records).hasSize(4);
            assertThat(records.get(0).path("reason").asText()).startsWith("not-json");
            assertThat(records.get(0).path("source").path("topic").asText()).isEqualTo("ticks-raw");
            assertThat(records.get(0).path("source").path("offset").asLong()).isEqualTo(0);
            assertThat(records.get(0).path("value").asText()).isEqualTo("{oops");
            assertThat(records.get(1).path("value_base64").asText()).isEqualTo("//4AAQ==");
            assertThat(records.get(2).path("value_bytes").asLong()).isEqualTo(HUGE + 15);
            assertThat(records.get(2).path("value_truncated").asBoolean()).isTrue();
            assertThat(records.get(3).path("value").asText()).contains("\u0007\n\u001b");

            followPrintsARecordThatArrivesLater(kafka.bootstrapServers());
        }
    }

    /** {@code --follow} prints the five there, waits, and prints the sixth when it comes. */
    private static void followPrintsARecordThatArrivesLater(final String bootstrap) throws Exception {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int[] exit = {-1};
        final Thread follower = new Thread(() -> exit[0] = TickLakeCommand.commandLine(new PrintWriter(out, true),
                new PrintWriter(err, true)).execute("dlq", "--bootstrap-servers", bootstrap, "--follow", "--limit", "6"));
        follower.start();
        await("the five there").atMost(Duration.ofSeconds(30)).until(() -> out.toString().lines().count() == 5);
        assertThat(follower.isAlive()).as("still following").isTrue();
        final org.apache.kafka.common.header.internals.RecordHeaders headers =
                new org.apache.kafka.common.header.internals.RecordHeaders();
        headers.add(io.ticklake.topology.DlqHeaders.REASON, "null-key".getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<byte[], byte[]>("ticks-dlq", 0, (byte[]) null, "later".getBytes(StandardCharsets.UTF_8), headers)).get();
        }
        follower.join(30_000);
        assertThat(follower.isAlive()).isFalse();
        assertThat(exit[0]).as(err.toString()).isZero();
        assertThat(out.toString().lines().toList()).hasSize(6).last().asString()
                .contains("null-key").contains("| from ?/?@?").contains("value=\"later\"");
    }

    @Test
    void badArgumentsAreOneLineAndExit2() {
        for (final String[] args : List.of(new String[] {"--limit", "0"}, new String[] {"--format", "xml"},
                new String[] {"--bootstrap-servers", ""})) {
            final Run r = dlq(args);
            assertThat(r.exit).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err.lines().findFirst()).hasValueSatisfying(l -> assertThat(l).startsWith("ticklake dlq: "));
            assertThat(r.err).doesNotContain("\tat ");
        }
    }

    @Test
    void anUnreachableBrokerFailsFastWithOneLine() throws Exception {
        final int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        final long t0 = System.nanoTime();
        final Run r = dlq("--bootstrap-servers", "127.0.0.1:" + port);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        assertThat(r.exit).isEqualTo(ExitCodes.RUNTIME);
        assertThat(r.err.strip()).doesNotContain("\n").startsWith("ticklake dlq: error: ").contains("127.0.0.1:" + port);
    }

    private static void produceHostileRecords(final String bootstrap) throws Exception {
        final String future = "{\"index\":\"NYA\",\"ts\":" + (System.currentTimeMillis() + 86_400_000L * 30)
                + ",\"price\":1,\"volume\":1}";
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "max.request.size", 2_000_000), new ByteArraySerializer(), new ByteArraySerializer())) {
            send(p, "{oops".getBytes(StandardCharsets.UTF_8));
            send(p, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
            send(p, ("{\"index\":\"NYA\"," + "x".repeat(HUGE)).getBytes(StandardCharsets.UTF_8));
            send(p, "{\"index\u0007\n\u001b\":".getBytes(StandardCharsets.UTF_8));
            send(p, future.getBytes(StandardCharsets.UTF_8));
            send(p, tick(T0));
            send(p, tick(T0 + 120_000));
            send(p, tick(T0 + 30_000));                // late for 1m, not for 1d
            p.flush();
        }
    }

    private static byte[] tick(final long ts) {
        return ("{\"index\":\"NYA\",\"ts\":" + ts + ",\"price\":100,\"volume\":1}").getBytes(StandardCharsets.UTF_8);
    }

    private static void send(final KafkaProducer<byte[], byte[]> p, final byte[] value) throws Exception {
        // one key: one partition, so the DLQ keeps this order
        p.send(new ProducerRecord<>("ticks-raw", "NYA".getBytes(StandardCharsets.UTF_8), value)).get();
    }

    private static String get(final int port, final String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run dlq(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final String[] all = new String[args.length + 1];
        all[0] = "dlq";
        System.arraycopy(args, 0, all, 1, args.length);
        final int exit = TickLakeCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(all);
        return new Run(exit, out.toString(), err.toString());
    }
}
