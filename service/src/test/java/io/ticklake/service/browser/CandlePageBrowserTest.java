package io.ticklake.service.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticklake.data.OhlcBar;
import io.ticklake.data.Tick;
import io.ticklake.data.json.TickCodec;
import io.ticklake.data.testing.TestMarket;
import io.ticklake.embedded.EmbeddedKafka;
import io.ticklake.query.sql.DuckDbEngine;
import io.ticklake.query.sql.LocalLake;
import io.ticklake.service.LocalPipeline;
import io.ticklake.service.TickLakeService;
import io.ticklake.service.config.AppConfig;
import io.ticklake.sink.testing.MinuteBarLake;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The candle page in a real browser (headless Chromium over the DevTools protocol) against the service
 * on an embedded broker and a lake of generated 1-minute bars: the page loads without console errors,
 * the chart holds as many candles as the lake has bars for the chosen index and day, and a tick sent to
 * {@code ticks-raw} moves the still-open candle within 2 s. Fails (never skips) when Chromium cannot be
 * installed. Leaves a screenshot at {@code service/target/candle-page.png} (the README's is a copy).
 */
class CandlePageBrowserTest {
    private static final String INDEX = "NYA";
    private static final Duration LIVE_WITHIN = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void pageShowsTheLakesCandlesAndTheLiveBarMoves() throws Exception {
        final Path lake = dir.resolve("lake");
        final List<OhlcBar> bars = MinuteBarLake.minuteBars(TestMarket.oneWeek(), Duration.ofSeconds(5), 3L);
        MinuteBarLake.write(lake, bars);
        final String day = bars.stream().filter(b -> b.index().equals(INDEX)).map(OhlcBar::tradingDate)
                .max(String::compareTo).orElseThrow();
        final long inLake = barsInLake(lake, day);
        final OhlcBar lastOfDay = bars.stream().filter(b -> b.index().equals(INDEX) && b.tradingDate().equals(day))
                .max(java.util.Comparator.comparingLong(OhlcBar::windowStart)).orElseThrow();

        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            final AppConfig config = AppConfig.of(LocalPipeline.settings(kafka.bootstrapServers(), lake,
                    dir.resolve("state"), "ticklake-page", 0, Map.of()));
            try (TickLakeService service = new TickLakeService(config, Clock.systemUTC(), List.of()).start();
                 KafkaProducer<byte[], byte[]> producer = producer(kafka);
                 Chromium chromium = Chromium.start(Files.createDirectories(dir.resolve("profile")), 1440, 900);
                 Cdp page = Cdp.connect(chromium.devToolsPort())) {
                await("service ready").atMost(Duration.ofSeconds(90)).until(() -> service.health().ready());
                page.send("Runtime.enable", Map.of());
                page.send("Log.enable", Map.of());
                page.send("Page.enable", Map.of());
                page.send("Page.navigate", Map.of("url", "http://127.0.0.1:" + service.httpPort()
                        + "/?index=" + INDEX + "&window=1m&day=" + day));
                await("history loaded").atMost(Duration.ofSeconds(30))
                        .until(() -> page.eval("window.ticklake && window.ticklake.ready").asBoolean(false));
                assertThat(page.eval("window.ticklake.candles()").asLong()).isEqualTo(inLake);

                // the first tick after the day's last bar opens a new candle (Streams may still be warming up)
                final long ts = lastOfDay.windowEnd() + 5_000;
                final double first = lastOfDay.close() * 1.0005;
                send(producer, ts, first);
                await("the open candle appears").atMost(Duration.ofSeconds(30))
                        .until(() -> page.eval("window.ticklake.candles()").asLong() == inLake + 1
                                && page.eval("window.ticklake.last().close").asDouble() == first);
                assertThat(page.eval("window.ticklake.last().live").asBoolean()).isTrue();

                // a second tick in the same window moves it: new close and high, within 2 s
                final double second = first * 1.001;
                final long sent = System.nanoTime();
                send(producer, ts + 10_000, second);
                await("the open candle moves").atMost(LIVE_WITHIN)
                        .until(() -> page.eval("window.ticklake.last().close").asDouble() == second);
                final Duration moved = Duration.ofNanos(System.nanoTime() - sent);
                final JsonNode last = page.eval("window.ticklake.last()");
                assertThat(last.get("high").asDouble()).isEqualTo(second);
                assertThat(last.get("open").asDouble()).isEqualTo(first);
                assertThat(last.get("tick_count").asLong()).isEqualTo(2);
                assertThat(page.eval("window.ticklake.candles()").asLong()).isEqualTo(inLake + 1);
                System.out.printf("candle page: %d candles, open candle moved %d ms after the tick%n", inLake,
                        moved.toMillis());

                await("health shown").atMost(Duration.ofSeconds(10))
                        .until(() -> page.eval("document.getElementById('health').textContent").asText().equals("UP"));
                screenshot(page, Path.of("target", "candle-page.png"));
                // a stream ends after 8 s and the browser reconnects: that must not log errors either
                await("the live stream reconnected").atMost(Duration.ofSeconds(30))
                        .until(() -> page.eval("window.ticklake.streamOpens").asInt() >= 2);
                assertThat(consoleErrors(page)).isEmpty();
                // the check sees errors: one logged now is caught
                page.eval("console.error('probe'), 0");
                await("the probe error is seen").atMost(Duration.ofSeconds(5)).until(() -> consoleErrors(page).size() == 1);
            }
        }
    }

    private static long barsInLake(final Path lake, final String day) {
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            return ((Number) engine.query("SELECT count(*) FROM ohlc_1m WHERE \"index\" = ? AND \"date\" = CAST(? AS DATE)",
                    List.of(INDEX, day)).rows().get(0).get(0)).longValue();
        }
    }

    /** Uncaught exceptions, console.error calls and browser log errors (failed loads, CSP) seen so far. */
    private static List<String> consoleErrors(final Cdp page) {
        return page.events().stream().filter(e -> switch (e.get("method").asText()) {
            case "Runtime.exceptionThrown" -> true;
            case "Runtime.consoleAPICalled" -> e.at("/params/type").asText().equals("error");
            case "Log.entryAdded" -> e.at("/params/entry/level").asText().equals("error");
            default -> false;
        }).map(JsonNode::toString).toList();
    }

    private static void screenshot(final Cdp page, final Path file) throws Exception {
        final JsonNode shot = page.send("Page.captureScreenshot", Map.of("format", "png"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    private static void send(final KafkaProducer<byte[], byte[]> producer, final long ts, final double price)
            throws Exception {
        producer.send(new ProducerRecord<>("ticks-raw", INDEX.getBytes(StandardCharsets.UTF_8),
                TickCodec.encode(new Tick(INDEX, ts, price, 10)))).get();
    }

    private static KafkaProducer<byte[], byte[]> producer(final EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new ByteArraySerializer(), new ByteArraySerializer());
    }
}
