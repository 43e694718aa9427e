package io.ticklake.poll;

import io.ticklake.poll.source.JsonPathSpec;
import io.ticklake.poll.source.TimeFormat;
import io.ticklake.poll.source.VolumeMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The configuration of {@code ticklake poll}, immutable and validated when built (Kafka's
 * {@link ConfigDef} for types and defaults). Keys are the same in a {@code --config} properties
 * file and in {@code -D key=value}; {@code kafka.<setting>} goes to the producer and admin client.
 * An unknown key is an error naming it. API keys are never configuration values: only the name of
 * the environment variable or the file holding one.
 */
public final class PollConfig {
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String SOURCE = "poll.source";
    public static final String SYMBOLS = "poll.symbols";
    public static final String INTERVAL = "poll.interval";
    public static final String TOPIC = "poll.topic";
    public static final String PARTITIONS = "poll.topic.partitions";
    public static final String API_KEY_ENV = "poll.api.key.env";
    public static final String API_KEY_FILE = "poll.api.key.file";
    public static final String BASE_URL = "poll.base.url";
    public static final String STATE_FILE = "poll.state.file";
    public static final String CONNECT_TIMEOUT = "poll.http.connect.timeout";
    public static final String REQUEST_TIMEOUT = "poll.http.request.timeout";
    public static final String BACKOFF_MAX = "poll.backoff.max";
    public static final String KAFKA_TIMEOUT = "poll.kafka.timeout";
    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String GENERIC_URL = "poll.generic.url";
    public static final String GENERIC_KEY_HEADER = "poll.generic.api.key.header";
    public static final String GENERIC_SYMBOL_PATH = "poll.generic.symbol.path";
    public static final String GENERIC_PRICE_PATH = "poll.generic.price.path";
    public static final String GENERIC_TIME_PATH = "poll.generic.time.path";
    public static final String GENERIC_TIME_FORMAT = "poll.generic.time.format";
    public static final String GENERIC_VOLUME_PATH = "poll.generic.volume.path";
    public static final String GENERIC_VOLUME_MODE = "poll.generic.volume.mode";
    /** Passed to the producer and the admin client without the prefix. */
    public static final String KAFKA_PREFIX = "kafka.";

    /** The API sources. */
    public static final List<String> SOURCES = List.of("finnhub", "alphavantage", "yahoo", "generic");

    /** Every key with its type, default and meaning: the source of the README's poll key table. */
    public static final ConfigDef DEF = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "Kafka bootstrap servers, host:port[,host:port].")
            .define(SOURCE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.ValidString.in(SOURCES.toArray(String[]::new)),
                    Importance.HIGH, "The API: finnhub, alphavantage, yahoo or generic (poll.generic.*).")
            .define(SYMBOLS, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "Symbols to poll, A,B; API_SYMBOL=INDEX produces ticks under another index symbol (^GSPC=GSPC).")
            .define(INTERVAL, Type.STRING, "5s", Importance.HIGH, "Time between polls of every symbol (500ms, 5s, 1m).")
            .define(TOPIC, Type.STRING, "ticks-raw", Importance.MEDIUM, "Topic the ticks go to (key = index symbol).")
            .define(PARTITIONS, Type.INT, 6, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Partitions of the topic when poll creates it.")
            .define(API_KEY_ENV, Type.STRING, null, Importance.HIGH,
                    "Environment variable holding the API key (default FINNHUB_API_KEY, ALPHAVANTAGE_API_KEY).")
            .define(API_KEY_FILE, Type.STRING, null, Importance.HIGH,
                    "File holding the API key (first line); wins over poll.api.key.env.")
            .define(BASE_URL, Type.STRING, null, Importance.LOW,
                    "API root override (a proxy, a test server); default the API's public root.")
            .define(STATE_FILE, Type.STRING, "ticklake-poll.state.json", Importance.MEDIUM,
                    "Per index the last tick sent, written after each flush; read at start so a restart resends nothing.")
            .define(CONNECT_TIMEOUT, Type.STRING, "5s", Importance.LOW, "HTTP connect timeout.")
            .define(REQUEST_TIMEOUT, Type.STRING, "10s", Importance.LOW, "HTTP request timeout (the whole response).")
            .define(BACKOFF_MAX, Type.STRING, "5m", Importance.LOW,
                    "Longest wait after failures (backoff doubles from poll.interval, with jitter; Retry-After wins).")
            .define(KAFKA_TIMEOUT, Type.STRING, "30s", Importance.LOW, "How long to try reaching Kafka at start.")
            .define(HTTP_HOST, Type.STRING, "0.0.0.0", Importance.LOW, "Address /health and /metrics bind to.")
            .define(HTTP_PORT, Type.INT, null, Importance.MEDIUM,
                    "Port of /health and /metrics; 0 = a free port (printed); unset = no HTTP server.")
            .define(GENERIC_URL, Type.STRING, null, Importance.MEDIUM,
                    "generic: request URL with {symbol} and optionally {apikey}.")
            .define(GENERIC_KEY_HEADER, Type.STRING, null, Importance.MEDIUM,
                    "generic: request header that carries the API key (instead of {apikey} in the URL).")
            .define(GENERIC_SYMBOL_PATH, Type.STRING, null, Importance.MEDIUM,
                    "generic: JSON Pointer to the symbol in the response (checked), optional.")
            .define(GENERIC_PRICE_PATH, Type.STRING, null, Importance.MEDIUM, "generic: JSON Pointer to the price.")
            .define(GENERIC_TIME_PATH, Type.STRING, null, Importance.MEDIUM, "generic: JSON Pointer to the quote's time.")
            .define(GENERIC_TIME_FORMAT, Type.STRING, "s", Importance.MEDIUM, "generic: s, ms, iso or date.")
            .define(GENERIC_VOLUME_PATH, Type.STRING, null, Importance.MEDIUM,
                    "generic: JSON Pointer to the volume, optional (none: volume 0).")
            .define(GENERIC_VOLUME_MODE, Type.STRING, "cumulative", Importance.MEDIUM,
                    "generic: cumulative (day volume so far) or per-tick.");

    private final Map<String, Object> values;
    private final Map<String, String> kafka;
    private final List<PollSymbol> symbols;
    private final Duration interval;

    private PollConfig(final Map<String, Object> values, final Map<String, String> kafka) {
        this.values = values;
        this.kafka = Map.copyOf(kafka);
        this.symbols = wrap(SYMBOLS, () -> PollSymbol.parseList(string(SYMBOLS)));
        this.interval = duration(INTERVAL);
        if (interval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException(INTERVAL + " must be at least 100ms: " + string(INTERVAL));
        }
        duration(CONNECT_TIMEOUT);
        duration(REQUEST_TIMEOUT);
        duration(BACKOFF_MAX);
        duration(KAFKA_TIMEOUT);
        if (source().equals("generic")) {
            genericSpec();
        }
    }

    /**
     * Validates {@code settings} (dotted keys).
     *
     * @throws IllegalArgumentException one line naming the key
     */
    public static PollConfig of(final Map<String, String> settings) {
        final Map<String, String> own = new TreeMap<>();
        final Map<String, String> kafka = new TreeMap<>();
        final Set<String> clientKeys = clientKeys();
        settings.forEach((k, v) -> {
            if (v == null) {
                return;
            }
            if (k.startsWith(KAFKA_PREFIX)) {
                final String name = k.substring(KAFKA_PREFIX.length());
                if (!clientKeys.contains(name)) {
                    throw new IllegalArgumentException("unknown config key " + k + ": " + name + " is not a Kafka producer setting");
                }
                kafka.put(name, v.strip());
            } else if (DEF.configKeys().containsKey(k)) {
                own.put(k, v.strip());
            } else {
                throw new IllegalArgumentException("unknown config key " + k);
            }
        });
        final Map<String, Object> parsed;
        try {
            parsed = DEF.parse(own);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new PollConfig(parsed, kafka);
    }

    private static Set<String> clientKeys() {
        final Set<String> keys = new java.util.HashSet<>(ProducerConfig.configNames());
        keys.addAll(AdminClientConfig.configNames());
        return keys;
    }

    public String bootstrapServers() {
        return string(BOOTSTRAP_SERVERS);
    }

    public String source() {
        return string(SOURCE).toLowerCase(Locale.ROOT);
    }

    public List<PollSymbol> symbols() {
        return symbols;
    }

    public Duration interval() {
        return interval;
    }

    public String topic() {
        return string(TOPIC);
    }

    public int partitions() {
        return (Integer) values.get(PARTITIONS);
    }

    /** The environment variable of the key: configured, else the source's usual one, else null. */
    public String apiKeyEnv() {
        final String configured = string(API_KEY_ENV);
        if (configured != null) {
            return configured;
        }
        return switch (source()) {
            case "finnhub" -> "FINNHUB_API_KEY";
            case "alphavantage" -> "ALPHAVANTAGE_API_KEY";
            default -> null;
        };
    }

    public Path apiKeyFile() {
        final String f = string(API_KEY_FILE);
        return f == null ? null : Path.of(f);
    }

    /** Whether the source cannot work without a key. */
    public boolean needsKey() {
        return source().equals("finnhub") || source().equals("alphavantage")
                || source().equals("generic") && (string(GENERIC_KEY_HEADER) != null
                || string(GENERIC_URL) != null && string(GENERIC_URL).contains("{apikey}"));
    }

    public String baseUrl() {
        return string(BASE_URL);
    }

    public Path stateFile() {
        return Path.of(string(STATE_FILE));
    }

    public Duration connectTimeout() {
        return duration(CONNECT_TIMEOUT);
    }

    public Duration requestTimeout() {
        return duration(REQUEST_TIMEOUT);
    }

    public Duration backoffMax() {
        return duration(BACKOFF_MAX);
    }

    public Duration kafkaTimeout() {
        return duration(KAFKA_TIMEOUT);
    }

    public String httpHost() {
        return string(HTTP_HOST);
    }

    /** The admin HTTP port, or null for none. */
    public Integer httpPort() {
        return (Integer) values.get(HTTP_PORT);
    }

    /** Kafka client settings: {@code kafka.*} without the prefix, then {@code bootstrap.servers}. */
    public Map<String, Object> kafkaClientProps() {
        final Map<String, Object> props = new LinkedHashMap<>(kafka);
        props.put("bootstrap.servers", bootstrapServers());
        return props;
    }

    /** The generic source's spec (validated when the config is built). */
    public JsonPathSpec genericSpec() {
        return wrap("poll.generic", () -> {
            final String url = string(GENERIC_URL);
            if (url == null) {
                throw new IllegalArgumentException(GENERIC_URL + " is required with poll.source=generic");
            }
            final String header = string(GENERIC_KEY_HEADER);
            final Map<String, String> headers = header == null ? Map.of() : Map.of(header, "{apikey}");
            final String mode = string(GENERIC_VOLUME_MODE).toLowerCase(Locale.ROOT);
            final VolumeMode volumeMode = switch (mode) {
                case "cumulative" -> VolumeMode.CUMULATIVE;
                case "per-tick", "per_tick" -> VolumeMode.PER_TICK;
                default -> throw new IllegalArgumentException(GENERIC_VOLUME_MODE + " must be cumulative or per-tick: " + mode);
            };
            return new JsonPathSpec("generic", url, headers, string(GENERIC_SYMBOL_PATH),
                    require(GENERIC_PRICE_PATH), require(GENERIC_TIME_PATH), TimeFormat.parse(string(GENERIC_TIME_FORMAT)),
                    string(GENERIC_VOLUME_PATH), volumeMode);
        });
    }

    private String require(final String key) {
        final String v = string(key);
        if (v == null) {
            throw new IllegalArgumentException(key + " is required with poll.source=generic");
        }
        return v;
    }

    private String string(final String key) {
        final Object v = values.get(key);
        return v == null ? null : v.toString();
    }

    private Duration duration(final String key) {
        return wrap(key, () -> Durations.parse(string(key)));
    }

    private static <T> T wrap(final String key, final java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            final String msg = e.getMessage();
            throw new IllegalArgumentException(msg != null && msg.startsWith("poll.") ? msg : key + ": " + msg, e);
        }
    }

    /** The key reference as a Markdown table (key, default, meaning) for the README. */
    public static String markdownTable() {
        final StringBuilder b = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
        DEF.configKeys().values().forEach(k -> b.append("| `").append(k.name).append("` | ")
                .append(k.hasDefault() && k.defaultValue != null ? "`" + k.defaultValue + "`" : "—").append(" | ")
                .append(k.documentation).append(" |\n"));
        b.append("| `kafka.<setting>` | — | Any Kafka producer/admin setting (security, …); idempotence, acks=all and the serializers are forced. |\n");
        return b.toString();
    }
}
