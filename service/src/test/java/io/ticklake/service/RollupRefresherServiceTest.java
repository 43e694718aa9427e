package io.ticklake.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticklake.data.Tick;
import io.ticklake.data.json.TickCodec;
import io.ticklake.embedded.EmbeddedKafka;
import io.ticklake.query.sql.DuckDbEngine;
import io.ticklake.query.sql.LocalLake;
import io.ticklake.service.config.AppConfig;
import io.ticklake.service.config.ConfigKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A serving service keeps the rollups of its local lake current: the 1-minute bars of a new day land,
 * and within the refresh interval its rollup rows appear, the daily return reading the previous day's
 * close (itself refreshed when that day's last bar landed), without a rebuild.
 */
class RollupRefresherServiceTest {
    private static final Duration INTERVAL = Duration.ofMillis(300);
    @TempDir
    Path dir;

    @Test
    void barsOfANewDayReachTheRollupsWithinTheRefreshInterval() throws Exception {
        final Path lake = dir.resolve("lake");
        Files.createDirectories(lake);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            final AppConfig config = AppConfig.of(LocalPipeline.settings(kafka.bootstrapServers(), lake,
                    dir.resolve("state"), "ticklake-rollups", 0,
                    Map.of(ConfigKeys.ROLLUP_REFRESH_INTERVAL_MS, String.valueOf(INTERVAL.toMillis()))));
            try (TickLakeService service = new TickLakeService(config, Clock.systemUTC(), List.of()).start();
                 KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
                assertThat(service.rollups()).isPresent();
                // day 1: the 14:30 bar closes once the 14:31:40 tick passes its grace (30 s)
                send(producer, "2021-05-27T14:30:00Z", 100.0);
                send(producer, "2021-05-27T14:30:30Z", 101.0);
                send(producer, "2021-05-27T14:31:40Z", 102.0);
                await("day 1 rolled up").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                        .until(() -> closeOf(lake, "rollup_ohlc_1d", "2021-05-27").equals(Optional.of(101.0)));

                // day 2 closes day 1's 14:31 bar (close 102) and its own 14:30 bar (close 110)
                send(producer, "2021-05-28T14:30:00Z", 110.0);
                send(producer, "2021-05-28T14:31:40Z", 111.0);
                final AtomicLong landed = new AtomicLong();
                await("day 2's return").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                        .until(() -> {
                            if (landed.get() == 0 && Files.isDirectory(lake.resolve("ohlc_1m/index=NYA/date=2021-05-28"))) {
                                landed.set(System.nanoTime());
                            }
                            return returnOf(lake, "2021-05-28").isPresent();
                        });
                final Duration landedToRollup = Duration.ofNanos(System.nanoTime() - landed.get());

                assertThat(returnOf(lake, "2021-05-28")).contains(List.of(102.0, 110.0));
                assertThat(closeOf(lake, "rollup_ohlc_1d", "2021-05-27")).contains(102.0);
                assertThat(closeOf(lake, "rollup_volatility", "2021-05-28")).isPresent();
                assertThat(landed.get()).as("day 2's bars were seen landing before its rollups").isPositive();
                // the tick fires within one interval of the batch's commit; the rest is the refresh itself
                assertThat(landedToRollup).isLessThan(INTERVAL.plusSeconds(10));
                assertThat(service.rollups().orElseThrow().awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
                final RollupRefreshMetrics.Snapshot m = service.rollups().orElseThrow().metrics().snapshot();
                assertThat(m.indexDays()).isGreaterThanOrEqualTo(2);
                assertThat(m.errors()).isZero();
            }
        }
    }

    /** The close of NYA on {@code date} in {@code table} (for the volatility: its log return). */
    private static Optional<Double> closeOf(final Path lake, final String table, final String date) {
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            if (!engine.tables().contains(table) || engine.emptyTables().contains(table)) {
                return Optional.empty();
            }
            final String column = table.equals("rollup_volatility") ? "log_return" : "close";
            final var rows = engine.query("SELECT " + column + " FROM " + table + " WHERE \"index\" = 'NYA' AND \"date\" = DATE '"
                    + date + "'").rows();
            return rows.isEmpty() ? Optional.empty() : Optional.of(((Number) rows.get(0).get(0)).doubleValue());
        }
    }

    /** prev_close and close of NYA's return on {@code date}. */
    private static Optional<List<Double>> returnOf(final Path lake, final String date) {
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            if (!engine.tables().contains("rollup_daily_returns")) {
                return Optional.empty();
            }
            final var rows = engine.query("SELECT prev_close, close FROM rollup_daily_returns WHERE \"index\" = 'NYA' "
                    + "AND \"date\" = DATE '" + date + "' AND prev_close IS NOT NULL").rows();
            return rows.isEmpty() ? Optional.empty() : Optional.of(List.of(((Number) rows.get(0).get(0)).doubleValue(),
                    ((Number) rows.get(0).get(1)).doubleValue()));
        }
    }

    private static void send(final KafkaProducer<byte[], byte[]> producer, final String ts, final double price)
            throws Exception {
        producer.send(new ProducerRecord<>("ticks-raw", "NYA".getBytes(StandardCharsets.UTF_8),
                TickCodec.encode(new Tick("NYA", Instant.parse(ts).toEpochMilli(), price, 10)))).get();
    }

    private static KafkaProducer<byte[], byte[]> producer(final EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }
}
