package io.ticklake.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PollConfigTest {
    @TempDir
    Path dir;

    private static Map<String, String> base() {
        final Map<String, String> m = new HashMap<>();
        m.put("bootstrap.servers", "localhost:9092");
        m.put("poll.source", "finnhub");
        m.put("poll.symbols", "AAPL,^GSPC=GSPC");
        return m;
    }

    private static PollConfig with(final String key, final String value) {
        final Map<String, String> m = base();
        m.put(key, value);
        return PollConfig.of(m);
    }

    @Test
    void defaultsAndSymbolMapping() {
        final PollConfig c = PollConfig.of(base());
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.topic()).isEqualTo("ticks-raw");
        assertThat(c.symbols()).containsExactly(new PollSymbol("AAPL", "AAPL"), new PollSymbol("^GSPC", "GSPC"));
        assertThat(c.apiKeyEnv()).isEqualTo("FINNHUB_API_KEY");
        assertThat(c.httpPort()).isNull();
        assertThat(with("kafka.linger.ms", "50").kafkaClientProps()).containsEntry("linger.ms", "50");
    }

    @Test
    void everyBadValueIsOneLineNamingTheKey() {
        assertThatThrownBy(() -> with("poll.intervl", "5s")).hasMessage("unknown config key poll.intervl");
        assertThatThrownBy(() -> with("poll.interval", "soon")).hasMessageStartingWith("poll.interval: not a duration");
        assertThatThrownBy(() -> with("poll.interval", "10ms")).hasMessageStartingWith("poll.interval must be at least 100ms");
        assertThatThrownBy(() -> with("poll.source", "bloomberg")).hasMessageContaining("poll.source");
        assertThatThrownBy(() -> with("poll.symbols", "AAPL,AAPL")).hasMessage("poll.symbols: duplicate symbol AAPL");
        assertThatThrownBy(() -> with("poll.symbols", "A B")).hasMessageStartingWith("poll.symbols: invalid index symbol 'A B'");
        assertThatThrownBy(() -> with("kafka.lingr.ms", "5")).hasMessageStartingWith("unknown config key kafka.lingr.ms");
        assertThatThrownBy(() -> with("http.port", "x")).hasMessageContaining("http.port");
        final Map<String, String> noServers = base();
        noServers.remove("bootstrap.servers");
        assertThatThrownBy(() -> PollConfig.of(noServers)).hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> with("poll.source", "generic")).hasMessage("poll.generic.url is required with poll.source=generic");
    }

    @Test
    void theGenericSourceNeedsItsPaths() {
        final Map<String, String> m = base();
        m.put("poll.source", "generic");
        m.put("poll.generic.url", "https://api.example.com/q/{symbol}");
        assertThatThrownBy(() -> PollConfig.of(m)).hasMessage("poll.generic.price.path is required with poll.source=generic");
        m.put("poll.generic.price.path", "/price");
        m.put("poll.generic.time.path", "time");
        assertThatThrownBy(() -> PollConfig.of(m)).hasMessage("poll.generic: time path must be a JSON Pointer starting with /: time");
        m.put("poll.generic.time.path", "/time");
        assertThat(PollConfig.of(m).genericSpec().pricePath()).isEqualTo("/price");
        assertThat(PollConfig.of(m).needsKey()).isFalse();
    }

    @Test
    void theKeyComesFromAFileOrTheEnvironmentAndIsRequiredWhereTheApiNeedsOne() throws Exception {
        final PollConfig finnhub = PollConfig.of(base());
        assertThat(PollSetup.apiKey(finnhub, Map.of("FINNHUB_API_KEY", " k1 "))).isEqualTo("k1");
        assertThatThrownBy(() -> PollSetup.apiKey(finnhub, Map.of()))
                .hasMessage("finnhub needs an API key: set the environment variable FINNHUB_API_KEY or use --api-key-file");
        final Path file = Files.writeString(dir.resolve("key"), "k2\n", StandardCharsets.UTF_8);
        assertThat(PollSetup.apiKey(with("poll.api.key.file", file.toString()), Map.of("FINNHUB_API_KEY", "k1"))).isEqualTo("k2");
        assertThat(PollSetup.apiKey(with("poll.source", "yahoo"), Map.of())).isEmpty();
    }

    @Test
    void aCorruptStateFileIsAnErrorNotAFreshStart() throws Exception {
        final Path state = Files.writeString(dir.resolve("state.json"), "{\"version\":1,\"symbols\":{\"AAPL\":", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new StateFile(state).load()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read state file " + state);
        Files.writeString(state, "{\"something\":\"else\"}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new StateFile(state).load()).hasMessageContaining("is not a ticklake poll state");
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        final java.time.Instant now = java.time.Instant.parse("2026-12-03T15:00:00Z");
        assertThat(RetryAfter.parse("30", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Thu, 03 Dec 2026 15:01:00 GMT", now)).contains(Duration.ofMinutes(1));
        assertThat(RetryAfter.parse("Thu, 03 Dec 2026 14:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("later", now)).isEmpty();
    }

    @Test
    void redactionHidesQueryValuesAndTheKey() {
        final Redactor r = new Redactor("k/y+1");
        assertThat(r.uri(java.net.URI.create("https://www.alphavantage.co/query?function=GLOBAL_QUOTE&symbol=IBM&apikey=k%2Fy%2B1")))
                .isEqualTo("https://www.alphavantage.co/query?function=***&symbol=***&apikey=***");
        assertThat(r.text("failed for k/y+1 and k%2Fy%2B1")).isEqualTo("failed for *** and ***");
    }

    @Test
    void theKeyTableListsEveryKey() {
        final String table = PollConfig.markdownTable();
        PollConfig.DEF.names().forEach(k -> assertThat(table).contains("| `" + k + "` |"));
    }
}
