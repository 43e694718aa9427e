package io.ticklake.poll;

import static io.ticklake.poll.FixtureServer.Reply.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.Tick;
import io.ticklake.poll.FixtureServer.Reply;
import io.ticklake.poll.source.AlphaVantageApi;
import io.ticklake.poll.source.FinnhubApi;
import io.ticklake.poll.source.JsonPathApi;
import io.ticklake.poll.source.JsonPathSpec;
import io.ticklake.poll.source.QuoteApi;
import io.ticklake.poll.source.TimeFormat;
import io.ticklake.poll.source.VolumeMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each adapter against recorded responses in its API's documented format, and every fault a real API has. */
class PollerTest {
    private static final String KEY = "SECRET-KEY-42";
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** 2026-12-03T15:00Z: after every fixture quote of that day. */
    private static final Instant NOW = Instant.parse("2026-12-03T15:00:00Z");

    @TempDir
    Path dir;

    private final FixtureServer server = new FixtureServer();
    private final MutableClock clock = new MutableClock(NOW);
    private final CollectingSink sink = new CollectingSink();
    private final PollStats stats = new PollStats();
    private Duration requestTimeout = Duration.ofSeconds(5);
    private DoubleSupplier random = () -> 0.5;

    @AfterEach
    void stop() {
        server.close();
    }

    private Poller poller(final QuoteApi api, final String symbols, final StateFile state) {
        return new Poller(api, PollSymbol.parseList(symbols), new HttpFetcher(Duration.ofSeconds(2), requestTimeout),
                new SymbolTracker(state == null ? Map.of() : state.load()), sink, state, stats,
                new Backoff(INTERVAL, MAX_BACKOFF, random), INTERVAL, clock, new Redactor(KEY));
    }

    private FinnhubApi finnhub() {
        return new FinnhubApi(server.baseUrl() + "/api/v1", KEY);
    }

    private AlphaVantageApi alphaVantage() {
        return new AlphaVantageApi(server.baseUrl(), KEY);
    }

    @Test
    void finnhubQuotesBecomeTicksAtTheQuoteTimeWithTheKeyInAHeaderOnly() throws Exception {
        server.script("AAPL", fixture("finnhub/aapl-1.json"), fixture("finnhub/aapl-2.json"))
                .script("MSFT", fixture("finnhub/msft-1.json"), fixture("finnhub/msft-2.json"));
        final Poller poller = poller(finnhub(), "AAPL,MSFT", null);

        assertThat(poller.pollOnce()).isEqualTo(INTERVAL);
        assertThat(poller.pollOnce()).isEqualTo(INTERVAL);

        assertThat(sink.acknowledged()).containsExactly(
                new Tick("AAPL", 1_796_308_200_000L, 261.74, 0), new Tick("MSFT", 1_796_308_201_000L, 489.12, 0),
                new Tick("AAPL", 1_796_308_205_000L, 261.9, 0), new Tick("MSFT", 1_796_308_206_000L, 489.3, 0));
        assertThat(server.requests()).hasSize(4).allSatisfy(r -> {
            assertThat(r.uri().getPath()).isEqualTo("/api/v1/quote");
            assertThat(r.uri().toString()).doesNotContain(KEY);
            assertThat(r.headers().get("X-finnhub-token")).containsExactly(KEY);
        });
        assertThat(stats.snapshot().ticksSent()).isEqualTo(4);
    }

    @Test
    void alphaVantageCumulativeDayVolumeBecomesPerTickVolumeAndADayOnlyQuoteIsStampedWithThePollTime() throws Exception {
        server.script("IBM", fixture("alphavantage/ibm-1.json"), fixture("alphavantage/ibm-2.json"),
                fixture("alphavantage/ibm-2.json"), fixture("alphavantage/ibm-next-day.json"));
        final Poller poller = poller(alphaVantage(), "IBM", null);

        poller.pollOnce();
        clock.advance(INTERVAL);
        poller.pollOnce();
        clock.advance(INTERVAL);
        poller.pollOnce(); // the same quote again: nothing new
        clock.advance(Duration.ofDays(1));
        poller.pollOnce();

        final long now = NOW.toEpochMilli();
        assertThat(sink.acknowledged()).containsExactly(
                new Tick("IBM", now, 306.41, 1000),
                new Tick("IBM", now + 5_000, 306.9, 500),
                new Tick("IBM", now + 10_000 + 86_400_000, 307.2, 300));
        assertThat(stats.snapshot().stale()).isEqualTo(1);
        assertThat(server.requests()).allSatisfy(r -> assertThat(r.uri().getRawQuery())
                .isEqualTo("function=GLOBAL_QUOTE&symbol=IBM&apikey=" + KEY));
    }

    @Test
    void aDayOnlyQuoteSeenAfterItsDayIsStampedInsideItsDay() throws Exception {
        clock.advance(Duration.ofDays(2)); // 2026-12-05: the quote is from 2026-12-03 (a weekend, say)
        server.script("IBM", fixture("alphavantage/ibm-1.json"));
        poller(alphaVantage(), "IBM", null).pollOnce();

        final Tick tick = sink.acknowledged().get(0);
        assertThat(Instant.ofEpochMilli(tick.ts()).atZone(ZoneOffset.UTC).toLocalDate()).hasToString("2026-12-03");
    }

    @Test
    void yahooChartMetaGivesPriceTimeAndCumulativeVolume() throws Exception {
        server.script("^GSPC", fixture("yahoo/gspc.json"), fixture("yahoo/gspc-2.json"));
        final Poller poller = poller(new JsonPathApi(JsonPathSpec.yahoo(server.baseUrl()), ""), "^GSPC=GSPC", null);

        poller.pollOnce();
        poller.pollOnce();

        assertThat(sink.acknowledged()).containsExactly(new Tick("GSPC", 1_796_308_200_000L, 6851.97, 1_250_000_000L),
                new Tick("GSPC", 1_796_308_260_000L, 6853.4, 1_500_000L));
        assertThat(server.requests().get(0).uri().getRawPath()).isEqualTo("/v8/finance/chart/%5EGSPC");
    }

    @Test
    void yahooNotFoundIsAnUnknownSymbol() throws Exception {
        server.script("NOPE", new Reply(404, Map.of(), FixtureServer.read("yahoo/not-found.json"), false));
        final Duration next = poller(new JsonPathApi(JsonPathSpec.yahoo(server.baseUrl()), ""), "NOPE", null).pollOnce();

        assertThat(next).isEqualTo(INTERVAL);
        assertThat(stats.snapshot().rejects()).containsEntry("unknown_symbol", 1L);
    }

    @Test
    void genericAdapterReadsConfiguredPathsWithTheKeyInAHeader() throws Exception {
        server.script("NYA", fixture("generic/quote-nya.json"));
        final JsonPathSpec spec = new JsonPathSpec("generic", server.baseUrl() + "/v2/last/{symbol}", Map.of("X-Api-Key", "{apikey}"),
                null, "/data/{symbol}/last/price", "/data/{symbol}/last/time", TimeFormat.ISO, "/data/{symbol}/last/size",
                VolumeMode.PER_TICK);
        poller(new JsonPathApi(spec, KEY), "NYA", null).pollOnce();

        assertThat(sink.acknowledged()).containsExactly(new Tick("NYA", Instant.parse("2026-12-03T14:30:00Z").toEpochMilli(),
                16555.66, 1200));
        assertThat(server.requests().get(0).headers().get("X-api-key")).containsExactly(KEY);
    }

    @Test
    void http429WithRetryAfterSecondsStopsThePollAndWaitsThatLong() throws Exception {
        server.script("AAPL", Reply.status(429, Map.of("Retry-After", "120"), "{\"error\":\"API limit reached.\"}"),
                        fixture("finnhub/aapl-1.json"))
                .script("MSFT", fixture("finnhub/msft-1.json"));
        final Poller poller = poller(finnhub(), "AAPL,MSFT", null);

        assertThat(poller.pollOnce()).isEqualTo(Duration.ofSeconds(120));
        assertThat(server.requestsFor("MSFT")).as("the rest of the poll is skipped").isZero();
        assertThat(stats.snapshot().errors()).containsEntry("rate_limited", 1L);
        assertThat(stats.snapshot().state()).isEqualTo(PollStats.State.BACKING_OFF);

        assertThat(poller.pollOnce()).isEqualTo(INTERVAL);
        assertThat(sink.acknowledged()).hasSize(2);
        assertThat(stats.snapshot().state()).isEqualTo(PollStats.State.POLLING);
    }

    @Test
    void http429WithRetryAfterHttpDateWaitsUntilThatDate() throws Exception {
        final String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atZone(ZoneOffset.UTC));
        server.script("AAPL", Reply.status(429, Map.of("Retry-After", date), ""));

        assertThat(poller(finnhub(), "AAPL", null).pollOnce()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void serverErrorsBackOffExponentiallyWithJitterUpToTheMaximumThenRecover() throws Exception {
        final Reply unavailable = Reply.status(503, Map.of(), "<html>Service Unavailable</html>");
        server.script("AAPL", unavailable, unavailable, unavailable, unavailable, unavailable, unavailable, unavailable,
                fixture("finnhub/aapl-1.json"));
        random = () -> 0.999_999;
        final Poller poller = poller(finnhub(), "AAPL", null);

        final List<Long> waits = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            waits.add(poller.pollOnce().toSeconds());
        }
        // interval 5 s doubled each failure (10, 20, 40, 80, 160, 320 → capped at 300), jitter near its top
        assertThat(waits).containsExactly(9L, 19L, 39L, 79L, 159L, 299L, 299L);
        assertThat(poller.pollOnce()).isEqualTo(INTERVAL);
        assertThat(stats.snapshot().errors()).containsEntry("http_5xx", 7L);
        assertThat(sink.acknowledged()).hasSize(1);
    }

    @Test
    void jitterSpreadsTheWaitOverTheUpperHalfButNeverBelowTheInterval() {
        assertThat(new Backoff(INTERVAL, MAX_BACKOFF, () -> 0.0).after(3, java.util.Optional.empty()))
                .isEqualTo(Duration.ofSeconds(20));
        assertThat(new Backoff(INTERVAL, MAX_BACKOFF, () -> 0.0).after(1, java.util.Optional.empty()))
                .isEqualTo(INTERVAL);
        assertThat(new Backoff(INTERVAL, MAX_BACKOFF, () -> 0.0).after(1, java.util.Optional.of(Duration.ofMinutes(10))))
                .as("Retry-After beyond the maximum is still honoured").isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aTimeoutIsAnErrorToBackOffFromNotACrash() throws Exception {
        requestTimeout = Duration.ofMillis(300);
        server.script("AAPL", Reply.hanging(), fixture("finnhub/aapl-1.json"));
        final Poller poller = poller(finnhub(), "AAPL", null);

        assertThat(poller.pollOnce()).isGreaterThan(INTERVAL);
        assertThat(stats.snapshot().errors()).containsEntry("timeout", 1L);
        assertThat(poller.pollOnce()).isEqualTo(INTERVAL);
        assertThat(sink.acknowledged()).hasSize(1);
    }

    @Test
    void anUnreachableApiIsAnErrorToBackOffFrom() throws Exception {
        final String base = server.baseUrl();
        server.close();
        final Duration next = poller(new FinnhubApi(base, KEY), "AAPL", null).pollOnce();

        assertThat(next).isGreaterThan(INTERVAL);
        assertThat(stats.snapshot().errors()).containsEntry("io_error", 1L);
    }

    @Test
    void aStaleQuoteRepeatedWhileTheMarketIsClosedIsSentOnce() throws Exception {
        server.script("AAPL", fixture("finnhub/aapl-1.json")); // repeated on every poll
        final Poller poller = poller(finnhub(), "AAPL", null);

        for (int i = 0; i < 5; i++) {
            assertThat(poller.pollOnce()).isEqualTo(INTERVAL);
            clock.advance(INTERVAL);
        }

        assertThat(sink.acknowledged()).hasSize(1);
        assertThat(stats.snapshot().stale()).isEqualTo(4);
        assertThat(stats.snapshot().polls()).isEqualTo(5);
    }

    @Test
    void aTimestampGoingBackwardsIsDroppedAndCounted() throws Exception {
        server.script("AAPL", fixture("finnhub/aapl-2.json"), fixture("finnhub/aapl-backwards.json"),
                fixture("finnhub/aapl-3.json"));
        final Poller poller = poller(finnhub(), "AAPL", null);
        poller.pollOnce();
        poller.pollOnce();
        poller.pollOnce();

        assertThat(sink.acknowledged()).extracting(Tick::ts).containsExactly(1_796_308_205_000L, 1_796_308_210_000L);
        assertThat(stats.snapshot().rejects()).containsEntry("time_backwards", 1L);
    }

    @Test
    void anUnknownSymbolIsReportedOnceAndTheOthersGoOn() throws Exception {
        server.script("XXXX", fixture("finnhub/unknown.json"))
                .script("AAPL", fixture("finnhub/aapl-1.json"), fixture("finnhub/aapl-2.json"), fixture("finnhub/aapl-3.json"));
        try (LogCapture log = new LogCapture()) {
            final Poller poller = poller(finnhub(), "XXXX,AAPL", null);
            for (int i = 0; i < 3; i++) {
                assertThat(poller.pollOnce()).isEqualTo(INTERVAL);
            }

            assertThat(log.warnings()).filteredOn(l -> l.contains("unknown symbol XXXX")).hasSize(1);
        }
        assertThat(sink.acknowledged()).extracting(Tick::index).containsExactly("AAPL", "AAPL", "AAPL");
        assertThat(stats.snapshot().rejects()).containsEntry("unknown_symbol", 3L);
    }

    @Test
    void alphaVantageEmptyGlobalQuoteIsAnUnknownSymbol() throws Exception {
        server.script("NOPE", fixture("alphavantage/empty.json"));
        poller(alphaVantage(), "NOPE", null).pollOnce();

        assertThat(stats.snapshot().rejects()).containsEntry("unknown_symbol", 1L);
        assertThat(sink.acknowledged()).isEmpty();
    }

    @Test
    void malformedJsonAndApiErrorsAreRejectedWhileTheOtherSymbolsGoOn() throws Exception {
        server.script("BAD", Reply.body("<html><body>Bad gateway</body></html>"))
                .script("TRUNC", Reply.body("{\"c\":261.74,\"t\":17963"))
                .script("ERR", fixture("finnhub/error-key.json"))
                .script("IBM", fixture("alphavantage/error-message.json"))
                .script("AAPL", fixture("finnhub/aapl-1.json"));
        poller(finnhub(), "BAD,TRUNC,ERR,AAPL", null).pollOnce();
        poller(alphaVantage(), "IBM", null).pollOnce();

        assertThat(stats.snapshot().rejects()).containsEntry("malformed", 2L).containsEntry("api_error", 2L);
        assertThat(sink.acknowledged()).extracting(Tick::index).containsExactly("AAPL");
    }

    @Test
    void alphaVantageNoteOrInformationIsARateLimitDespiteHttp200() throws Exception {
        server.script("IBM", fixture("alphavantage/note.json"), fixture("alphavantage/information.json"),
                fixture("alphavantage/ibm-1.json"));
        final Poller poller = poller(alphaVantage(), "IBM", null);

        assertThat(poller.pollOnce()).isGreaterThan(INTERVAL);
        assertThat(poller.pollOnce()).isGreaterThan(INTERVAL);
        assertThat(poller.pollOnce()).isEqualTo(INTERVAL);
        assertThat(stats.snapshot().errors()).containsEntry("rate_limited", 2L);
        assertThat(sink.acknowledged()).hasSize(1);
    }

    @Test
    void aBadKeyBacksOffAndSaysSoWithoutTheKey() throws Exception {
        server.script("IBM", Reply.status(401, Map.of(), "{\"error\":\"Invalid API key " + KEY + "\"}"))
                .script("AAPL", Reply.status(503, Map.of(), "down"));
        try (LogCapture log = new LogCapture()) {
            assertThat(poller(alphaVantage(), "IBM", null).pollOnce()).isGreaterThan(INTERVAL);
            assertThat(poller(alphaVantage(), "AAPL", null).pollOnce()).isGreaterThan(INTERVAL);

            assertThat(log.warnings()).hasSize(2).allSatisfy(l -> assertThat(l).doesNotContain(KEY)
                    .contains("/query?function=***&symbol=***&apikey=***"));
            assertThat(log.warnings().get(0)).contains("HTTP 401").contains("check the API key");
        }
        assertThat(stats.snapshot().errors()).containsEntry("http_4xx", 1L).containsEntry("http_5xx", 1L);
    }

    @Test
    void aRestartedPollerResendsNothingItAlreadySent() throws Exception {
        final StateFile state = new StateFile(dir.resolve("state.json"));
        server.script("AAPL", fixture("finnhub/aapl-1.json"), fixture("finnhub/aapl-2.json"))
                .script("IBM", fixture("alphavantage/ibm-1.json"));
        poller(finnhub(), "AAPL", state).pollOnce();
        poller(alphaVantage(), "IBM", state).pollOnce();
        assertThat(sink.acknowledged()).hasSize(2);

        // a new process: fresh tracker from the state file; the APIs answer the same quotes again, then one new one
        clock.advance(Duration.ofMinutes(1));
        final Poller finnhubAgain = poller(finnhub(), "AAPL", state);
        finnhubAgain.pollOnce();
        final Poller alphaAgain = poller(alphaVantage(), "IBM", state);
        alphaAgain.pollOnce();

        assertThat(sink.acknowledged()).extracting(Tick::ts)
                .containsExactly(1_796_308_200_000L, NOW.toEpochMilli(), 1_796_308_205_000L);
        assertThat(stats.snapshot().stale()).isEqualTo(1);
    }
}
