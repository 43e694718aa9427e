package io.ticklake.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.ticklake.app.cli.TickLakeCommand;
import io.ticklake.service.config.AppConfig;
import io.ticklake.service.LocalPipeline;
import io.ticklake.service.TickLakeService;
import io.ticklake.embedded.EmbeddedKafka;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code poll} feeding the real pipeline in-process: a Finnhub-format API on 127.0.0.1 → poll → ticks-raw →
 * topology → sink → the lake, read back with DuckDB: every distinct quote exactly once, stale repeats and a
 * restarted poller adding nothing.
 */
class PollEndToEndTest {
    @TempDir
    Path dir;

    /** Per symbol the replies still to give; the last one repeats (a stale quote). */
    private final Map<String, Deque<String>> scripts = new ConcurrentHashMap<>();

    @Test
    void everyDistinctPolledQuoteIsInTheLakeOnce() throws Exception {
        final long t0 = System.currentTimeMillis() / 1000 - 600; // ten minutes ago: neither late nor in the future
        script("NYA", quote(16555.66, t0), quote(16555.66, t0), quote(16557.1, t0 + 5), quote(16556.2, t0 + 10));
        script("HSI", quote(28450.0, t0 + 1), quote(28452.5, t0 + 6));
        final HttpServer api = finnhub();
        final Path lake = dir.resolve("lake");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            final AppConfig config = AppConfig.of(LocalPipeline.settings(kafka.bootstrapServers(), lake,
                    dir.resolve("state"), "poll-e2e", 0, Map.of("sink.roll.max.age.ms", "500")));
            try (TickLakeService service = new TickLakeService(config, Clock.systemUTC(), List.of()).start()) {
                await("service ready").atMost(Duration.ofSeconds(120)).until(() -> service.health().ready());
                final String[] poll = {"poll", "--bootstrap-servers", kafka.bootstrapServers(), "--source", "finnhub",
                    "--symbols", "NYA,HSI", "--api-key-file", Files.writeString(dir.resolve("key"), "k\n").toString(),
                    "--base-url", "http://127.0.0.1:" + api.getAddress().getPort(), "--interval", "100ms",
                    "--state-file", dir.resolve("poll.state.json").toString(), "--no-status"};
                assertThat(run(poll, "--max-polls", "5")).isZero();
                assertThat(run(poll, "--max-polls", "2")).as("a restart answered the same last quotes").isZero();

                assertThat(rawRecords(kafka.bootstrapServers(), 5)).as("ticks-raw holds each distinct quote once").isEqualTo(5);
                await("ticks in the lake").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                        .until(() -> lakeRows(lake).size() >= 5);
                assertThat(lakeRows(lake)).containsExactlyInAnyOrder(
                        row("NYA", t0, 16555.66), row("NYA", t0 + 5, 16557.1), row("NYA", t0 + 10, 16556.2),
                        row("HSI", t0 + 1, 28450.0), row("HSI", t0 + 6, 28452.5));
            }
        } finally {
            api.stop(0);
        }
    }

    private int run(final String[] base, final String... more) {
        final List<String> args = new ArrayList<>(List.of(base));
        args.addAll(List.of(more));
        final StringWriter err = new StringWriter();
        final int code = TickLakeCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
        assertThat(code).as("poll stderr: %s", err).isZero();
        return code;
    }

    private static String quote(final double price, final long t) {
        return String.format(Locale.ROOT, "{\"c\":%s,\"d\":0.1,\"dp\":0.001,\"h\":%s,\"l\":%s,\"o\":%s,\"pc\":%s,\"t\":%d}",
                price, price, price, price, price, t);
    }

    private void script(final String symbol, final String... bodies) {
        scripts.put(symbol, new ArrayDeque<>(List.of(bodies)));
    }

    private HttpServer finnhub() throws IOException {
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/quote", ex -> {
            final String symbol = ex.getRequestURI().getQuery().replaceFirst(".*symbol=([^&]*).*", "$1");
            final Deque<String> q = scripts.get(symbol);
            final String body;
            synchronized (q) {
                body = q.size() > 1 ? q.poll() : q.peek();
            }
            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(bytes);
            }
        });
        server.start();
        return server;
    }

    /** Records in ticks-raw once at least {@code expected} arrived, plus one more poll (nothing beyond). */
    private static int rawRecords(final String bootstrap, final int expected) {
        final java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", bootstrap);
        final int[] n = {0};
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> tps = consumer.partitionsFor("ticks-raw").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
                n[0] += consumer.poll(Duration.ofMillis(200)).count();
                return n[0] >= expected;
            });
            n[0] += consumer.poll(Duration.ofMillis(500)).count();
        }
        return n[0];
    }

    private static String row(final String index, final long seconds, final double price) {
        return index + " " + seconds * 1000 + " " + price + " 0";
    }

    /** Every row of the lake's ticks table, and that no (partition, offset) is there twice. */
    private static List<String> lakeRows(final Path lake) throws SQLException, IOException {
        final Path ticks = lake.resolve("ticks");
        if (!Files.isDirectory(ticks)) {
            return List.of();
        }
        try (var files = Files.walk(ticks)) {
            if (files.noneMatch(f -> f.toString().endsWith(".parquet"))) {
                return List.of();
            }
        }
        final List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"index\", epoch_ms(ts), price, volume, "
                     + "count(*) OVER (PARTITION BY kafka_partition, kafka_offset) AS copies FROM read_parquet('"
                     + ticks.toAbsolutePath() + "/**/*.parquet', hive_partitioning = true)")) {
            while (rs.next()) {
                assertThat(rs.getLong(5)).as("lineage copies").isEqualTo(1);
                rows.add(rs.getString(1) + " " + rs.getLong(2) + " " + rs.getDouble(3) + " " + rs.getLong(4));
            }
        }
        return rows;
    }
}
