package io.ticklake.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {
    @TempDir
    Path dir;

    private Path file(final String text) throws IOException {
        return Files.writeString(dir.resolve("ticklake.properties"), text);
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws IOException {
        final Path file = file("""
                sink.roll.max.records = 10
                sink.roll.max.bytes = 2000000
                sink.roll.max.age.ms = 3000
                http.port = 9001
                """);
        final Map<String, String> env = Map.of("TICKLAKE_SINK_ROLL_MAX_BYTES", "3000000",
                "TICKLAKE_SINK_ROLL_MAX_AGE_MS", "4000");
        final AppConfig config = AppConfig.load(Map.of("sink.roll.max.age.ms", "5000"), env, file);

        assertThat(config.sink().roll().maxRecords()).isEqualTo(10);          // file
        assertThat(config.sink().roll().maxBytes()).isEqualTo(3_000_000);     // env over file
        assertThat(config.sink().roll().maxAge().toMillis()).isEqualTo(5000); // flag over env
        assertThat(config.httpPort()).isEqualTo(9001);
        assertThat(config.applicationId()).isEqualTo("ticklake");             // default
        assertThat(config.processingGuarantee()).isEqualTo("exactly_once_v2");
        assertThat(config.sinkGroupId()).isEqualTo("ticklake-sink");
    }

    @Test
    void kafkaEnvironmentGoesToEveryClientAndStreamsGetsTheirSettings() {
        final AppConfig config = AppConfig.load(Map.of("bootstrap.servers", "k:9092", "streams.commit.interval.ms", "250"),
                Map.of("KAFKA_MAX_POLL_RECORDS", "500", "KAFKA_HEAP_OPTS", "-Xmx1g", "PATH", "/bin"), null);

        assertThat(config.clientProps()).containsEntry("max.poll.records", "500")
                .containsEntry("bootstrap.servers", "k:9092").doesNotContainKey("heap.opts");
        assertThat(config.streamsProps()).containsEntry("max.poll.records", "500")
                .containsEntry("commit.interval.ms", "250").containsEntry("application.id", "ticklake")
                .containsEntry("processing.guarantee", "exactly_once_v2");
        assertThat(config.sinkConsumerProps()).containsEntry("group.id", "ticklake-sink")
                .containsEntry("isolation.level", "read_committed").containsEntry("max.poll.records", "500");
    }

    @Test
    void theLakeFollowsTheTopologysWindowsAndTopicNames() {
        final AppConfig config = AppConfig.of(Map.of("topology.windows", "1m,5m,1d"));
        assertThat(config.sink().tables().toString()).isEqualTo("ohlc-1d=ohlc_1d,ohlc-1m=ohlc_1m,ohlc-5m=ohlc_5m,"
                + "ticks-enriched=ticks");
        final AppConfig renamed = AppConfig.of(Map.of("topology.topic.ohlc.prefix", "bars-",
                "topology.topic.enriched", "enriched", "topology.windows", "15m"));
        assertThat(renamed.sink().tables().forTopic("bars-15m").orElseThrow().kind().id()).isEqualTo("ohlc");
        assertThat(renamed.sink().tables().forTopic("enriched").orElseThrow().name()).isEqualTo("ticks");
        assertThat(AppConfig.of(Map.of()).sink().tables().topics()).containsExactly("ohlc-1d", "ohlc-1m", "ticks-enriched");
    }

    @Test
    void sinkTablesThatWouldDropOrInventATopicAreAConfigError() {
        assertThatThrownBy(() -> AppConfig.of(Map.of("topology.windows", "1m,5m,1d",
                "sink.tables", "ticks-enriched=ticks,ohlc-1m=ohlc_1m,ohlc-1d=ohlc_1d")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("sink.tables does not map topic ohlc-5m, which the topology writes "
                        + "(topology.windows=1m,5m,1d)");
        assertThatThrownBy(() -> AppConfig.of(Map.of(
                "sink.tables", "ticks-enriched=ticks,ohlc-1m=ohlc_1m,ohlc-1d=ohlc_1d,ohlc-1h=ohlc_1h")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("sink.tables maps topic ohlc-1h, which the topology does not write");
        assertThat(AppConfig.of(Map.of("sink.tables", "ticks-enriched=raw_ticks:ticks,ohlc-1m=bars_1m:ohlc,"
                + "ohlc-1d=bars_1d:ohlc")).sink().tables().byName("bars_1m")).isPresent();
    }

    @Test
    void oneNumberSyntaxForEveryModulesKeys() {
        for (final String key : java.util.List.of("http.port", "topics.partitions", "topology.max.indices",
                "topology.window.1m.grace.ms", "sink.roll.max.records", "sink.s3.max.attempts")) {
            assertThatThrownBy(() -> AppConfig.of(Map.of(key, "1_000"))).as(key)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("Invalid value 1_000 for configuration " + key + ": Not a number of type");
            assertThat(AppConfig.of(Map.of(key, "1000"))).as(key).isNotNull();
        }
    }

    @Test
    void theAdvertisedHostIsTheBindHostUnlessAWildcardOrConfigured() {
        assertThat(AppConfig.of(Map.of("http.host", "127.0.0.1")).httpAdvertisedHost()).isEqualTo("127.0.0.1");
        assertThat(AppConfig.of(Map.of("http.host", "0.0.0.0", "http.advertised.host", "10.1.2.3"))
                .httpAdvertisedHost()).isEqualTo("10.1.2.3");
        final String machine = AppConfig.of(Map.of("http.host", "0.0.0.0")).httpAdvertisedHost();
        assertThat(machine).isNotBlank().isNotEqualTo("0.0.0.0");
        assertThat(AppConfig.of(Map.of("http.host", "::")).httpAdvertisedHost()).isEqualTo(machine);
        assertThat(AppConfig.of(Map.of("http.advertised.host", "[fd00::1]")).httpAdvertisedHost()).isEqualTo("[fd00::1]");
        for (final String bad : new String[] {"a/b", "host:80", "beef:80", "x y", "evil.example@other", "[::1"}) {
            assertThatThrownBy(() -> AppConfig.of(Map.of("http.advertised.host", bad))).as(bad)
                    .isInstanceOf(ConfigException.class).hasMessageContaining("http.advertised.host");
        }
    }

    @Test
    void errorsAreOneLineNamingTheKey() throws IOException {
        assertThatThrownBy(() -> AppConfig.load(Map.of("sink.roll.max.recods", "5"), Map.of(), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sink.roll.max.recods");
        assertThatThrownBy(() -> AppConfig.load(Map.of(), Map.of(), file("http.port = eighty\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.port");
        assertThatThrownBy(() -> AppConfig.load(Map.of("streams.processing.guarantee", "exactly_once"), Map.of(), null))
                .hasMessageContaining("streams.processing.guarantee");
        assertThatThrownBy(() -> AppConfig.load(Map.of("sink.roll.max.records", "-1"), Map.of(), null))
                .hasMessageContaining("sink.roll.max.records");
        assertThatThrownBy(() -> AppConfig.load(Map.of("kafka.no.such.setting", "1"), Map.of(), null))
                .hasMessageContaining("kafka.no.such.setting");
        assertThatThrownBy(() -> AppConfig.load(Map.of(), Map.of(), dir.resolve("missing.properties")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing.properties");
        assertThatThrownBy(() -> AppConfig.of(Map.of()).requireService()).hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> AppConfig.of(Map.of("bootstrap.servers", "k:1")).requireService())
                .hasMessageContaining("sink.lake");
    }

    @Test
    void aMissingConfigFileNamesItsPathOnceAndSaysWhy() {
        final Path missing = dir.resolve("missing.properties");
        assertThatThrownBy(() -> AppConfig.load(Map.of(), Map.of(), missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cannot read config file " + missing + ": no such file");
    }

    @Test
    void kafkaAndStreamsValuesAreCheckedWithKafkasOwnDefinitions() {
        assertThatThrownBy(() -> AppConfig.load(Map.of("kafka.linger.ms", "soon"), Map.of(), null))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("kafka.linger.ms: ")
                .hasMessageContaining("soon");
        assertThatThrownBy(() -> AppConfig.load(Map.of("streams.commit.interval.ms", "-5"), Map.of(), null))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("streams.commit.interval.ms: ");
        assertThatThrownBy(() -> AppConfig.load(Map.of(), Map.of("KAFKA_ACKS", "some"), null))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("kafka.acks: ");
        assertThat(AppConfig.load(Map.of("kafka.linger.ms", "20", "kafka.acks", "all",
                "streams.commit.interval.ms", "100"), Map.of(), null).clientProps()).containsEntry("linger.ms", "20");
    }

    @Test
    void unknownTicklakeEnvironmentIsIgnoredNotFatal() {
        final AppConfig config = AppConfig.load(Map.of(), Map.of("TICKLAKE_NO_SUCH_KEY", "x", "TICKLAKE_LOG_LEVEL", "DEBUG"),
                null);
        assertThat(config.describe()).isEmpty();
    }

    @Test
    void secretsAreMaskedInTheDescription() {
        final AppConfig config = AppConfig.of(Map.of("kafka.sasl.jaas.config", "secret-stuff",
                "kafka.ssl.truststore.password", "pw", "application.id", "app"));
        assertThat(config.describe()).containsEntry("kafka.sasl.jaas.config", "****")
                .containsEntry("kafka.ssl.truststore.password", "****").containsEntry("application.id", "app");
        assertThat(config.describe().toString()).doesNotContain("secret-stuff").doesNotContain("=pw");
    }

    @Test
    void lakeAndS3FlagsReachTheSinkConfig() {
        final AppConfig config = AppConfig.of(Map.of("sink.lake", "s3://bucket/prefix", "sink.s3.endpoint",
                "http://127.0.0.1:9000", "sink.s3.path.style", "true", "sink.s3.region", "eu-west-1"));
        assertThat(config.lake()).hasValueSatisfying(l -> assertThat(l.isS3()).isTrue());
        assertThat(config.sink().s3().pathStyle()).isTrue();
        assertThat(config.glueRegion()).hasValue("eu-west-1");
    }
}
