package io.ticklake.service.http.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ticklake.data.OhlcBar;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.testing.TestMarket;
import io.ticklake.query.sql.LocalLake;
import io.ticklake.service.http.AdminServer;
import io.ticklake.service.http.Health;
import io.ticklake.sink.testing.MinuteBarLake;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The candle API on a real lake (the sink's Parquet layout, DuckDB through the query module) served by
 * the admin server: {@code /api/bars} returns exactly the lake's bars of a range, {@code /api/indices}
 * its indices, bad parameters are 400 with a one-line JSON message, the page and its chart library are
 * served from the classpath.
 */
class CandleApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Health STARTING = new Health(true, false, Map.of("streams", "REBALANCING"),
            Map.of("dead_letters", Map.of("total", 3L)));
    @TempDir
    static Path lake;
    private static List<OhlcBar> bars;
    private static DuckDbBarsReader reader;
    private static AdminServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void lakeAndServer() {
        bars = MinuteBarLake.minuteBars(TestMarket.oneWeek(), Duration.ofMinutes(1), 7L);
        MinuteBarLake.write(lake, bars);
        reader = new DuckDbBarsReader(() -> LocalLake.open(lake), Map.of("1m", "ohlc_1m", "1d", "ohlc_1d"), "ohlc_1m",
                Clock.systemUTC());
        server = AdminServer.start("127.0.0.1", 0, () -> STARTING, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                CandleSite.routes(reader, LiveBars.NONE, List.of("1m", "1d"), ReferenceData.builtIn(), () -> STARTING));
    }

    @AfterAll
    static void stop() {
        server.close();
        reader.close();
    }

    @Test
    void barsOfOneTradingDayAreTheLakesBars() throws Exception {
        final OhlcBar some = bars.get(bars.size() / 2);
        final List<OhlcBar> expected = bars.stream()
                .filter(b -> b.index().equals(some.index()) && b.tradingDate().equals(some.tradingDate())).toList();
        final JsonNode body = ok("/api/bars?index=" + some.index() + "&window=1m&from=" + some.tradingDate()
                + "&to=" + some.tradingDate());
        assertThat(body.get("bars")).hasSize(expected.size());
        final List<Long> times = new ArrayList<>();
        body.get("bars").forEach(b -> times.add(b.get("time").asLong()));
        assertThat(times).containsExactlyElementsOf(expected.stream().map(OhlcBar::windowStart).sorted().toList());
        final JsonNode first = body.get("bars").get(0);
        final OhlcBar firstBar = expected.stream().min(java.util.Comparator.comparingLong(OhlcBar::windowStart)).orElseThrow();
        assertThat(first.get("open").asDouble()).isEqualTo(firstBar.open());
        assertThat(first.get("close").asDouble()).isEqualTo(firstBar.close());
        assertThat(first.get("volume").asLong()).isEqualTo(firstBar.volume());
        assertThat(first.get("tick_count").asLong()).isEqualTo(firstBar.tickCount());
    }

    @Test
    void instantBoundsAreInclusiveFromAndExclusiveTo() throws Exception {
        final OhlcBar some = bars.get(bars.size() / 3);
        final long from = some.windowStart();
        final long to = from + Duration.ofMinutes(30).toMillis();
        final long expected = bars.stream().filter(b -> b.index().equals(some.index()))
                .filter(b -> b.windowStart() >= from && b.windowStart() < to).count();
        final JsonNode body = ok("/api/bars?index=" + some.index() + "&window=1m&from=" + Instant.ofEpochMilli(from)
                + "&to=" + Instant.ofEpochMilli(to));
        assertThat(body.get("bars")).hasSize((int) expected);
        assertThat(expected).isPositive();
    }

    @Test
    void aWindowWithoutTableYetAndAnUnknownIndexAreEmpty() throws Exception {
        assertThat(ok("/api/bars?index=NYA&window=1d").get("bars")).isEmpty();
        assertThat(ok("/api/bars?index=NOPE&window=1m").get("bars")).isEmpty();
    }

    @Test
    void indicesListTheLakesIndicesWithDatesAndZones() throws Exception {
        final JsonNode body = ok("/api/indices");
        assertThat(body.get("windows").toString()).isEqualTo("[\"1m\",\"1d\"]");
        final List<String> names = new ArrayList<>();
        body.get("indices").forEach(i -> names.add(i.get("index").asText()));
        assertThat(names).containsExactlyElementsOf(new TreeSet<>(bars.stream().map(OhlcBar::index).toList()));
        final JsonNode nya = body.get("indices").get(names.indexOf("NYA"));
        assertThat(nya.get("zone").asText()).isEqualTo("America/New_York");
        final TreeSet<String> dates = new TreeSet<>(bars.stream().filter(b -> b.index().equals("NYA"))
                .map(OhlcBar::tradingDate).toList());
        assertThat(nya.get("first_date").asText()).isEqualTo(dates.first());
        assertThat(nya.get("last_date").asText()).isEqualTo(dates.last());
        assertThat(body.get("missing")).as("nothing missing").isEmpty();
    }

    @Test
    void theInternalApiServesThisInstancesLiveBars() throws Exception {
        assertThat(ok("/api/internal/indices").toString()).isEqualTo("{\"indices\":[],\"missing\":[]}");
        assertThat(ok("/api/internal/live?index=NYA&window=1m").toString())
                .isEqualTo("{\"open\":null,\"latest_final\":null,\"missing\":null}");
        assertThat(get("/api/internal/other").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/bars?window=1m", "/api/bars?index=NYA&window=5m",
            "/api/bars?index=NYA%27%20OR%201%3D1--&window=1m", "/api/bars?index=NYA&window=1m&from=2021-13-01",
            "/api/bars?index=NYA&window=1m&from=2021-05-28&to=2021-05-01", "/api/bars?index=NYA&window=1m&x=1",
            "/api/indices?index=NYA", "/api/stream?index=NYA&window=7m", "/api/stream?window=1m",
            "/api/internal/live?index=NYA&window=7m", "/api/internal/live?index=a%2Fb&window=1m",
            "/api/internal/live?window=1m", "/api/internal/indices?index=NYA"})
    void badParametersAre400WithAOneLineJsonMessage(final String path) throws Exception {
        final HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.body()).doesNotContain("\n");
        assertThat(JSON.readTree(r.body()).get("error").asText()).isNotBlank();
    }

    @Test
    void thePageAndItsChartLibraryComeFromTheJar() throws Exception {
        final HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/assets/echarts.min.js", "/assets/candles.js").doesNotContain("https://");
        final HttpResponse<String> lib = get("/assets/echarts.min.js");
        assertThat(lib.statusCode()).isEqualTo(200);
        assertThat(lib.body()).contains("echarts").hasSizeGreaterThan(100_000);
        assertThat(get("/assets/candles.js").statusCode()).isEqualTo(200);
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        assertThat(get("/health").statusCode()).isEqualTo(503);
    }

    @Test
    void statusIsTheHealthJsonAlways200() throws Exception {
        final JsonNode status = ok("/api/status");
        assertThat(status.get("ready").asBoolean()).isFalse();
        assertThat(status.at("/components/streams").asText()).isEqualTo("REBALANCING");
        assertThat(status.at("/counters/dead_letters/total").asLong()).isEqualTo(3);
    }

    private JsonNode ok(final String path) throws Exception {
        final HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> get(final String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
