package io.ticklake.poll;

import io.ticklake.data.replay.KafkaTickSink;
import io.ticklake.poll.source.AlphaVantageApi;
import io.ticklake.poll.source.FinnhubApi;
import io.ticklake.poll.source.JsonPathApi;
import io.ticklake.poll.source.JsonPathSpec;
import io.ticklake.poll.source.QuoteApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;

/**
 * Wires a poller from its configuration in two steps, so that the CLI can tell a user error (exit 2:
 * {@link #prepare}, nothing contacted) from a runtime failure (exit 1: {@link #connect}, Kafka unreachable).
 */
public final class PollSetup {
    private PollSetup() {
    }

    /** Everything a poller needs that involves no network: the API with its key, the restored state. */
    public record Prepared(PollConfig config, QuoteApi api, Redactor redactor, StateFile stateFile, SymbolTracker tracker) {
        /** A poller sending to {@code sink}. */
        public Poller poller(final io.ticklake.data.replay.TickSink sink, final PollStats stats, final Clock clock) {
            final HttpFetcher http = new HttpFetcher(config.connectTimeout(), config.requestTimeout());
            final Backoff backoff = new Backoff(config.interval(), config.backoffMax(), () -> ThreadLocalRandom.current().nextDouble());
            return new Poller(api, config.symbols(), http, tracker, sink, stateFile, stats, backoff, config.interval(), clock,
                    redactor);
        }
    }

    /**
     * Reads the API key (file, else environment), builds the adapter and loads the state file.
     *
     * @throws IllegalArgumentException one line: a missing key, an unreadable key or state file
     */
    public static Prepared prepare(final PollConfig config, final Map<String, String> env) {
        final String key = apiKey(config, env);
        final QuoteApi api = api(config, key);
        final StateFile state = new StateFile(config.stateFile());
        return new Prepared(config, api, new Redactor(key), state, new SymbolTracker(state.load()));
    }

    static String apiKey(final PollConfig config, final Map<String, String> env) {
        if (config.apiKeyFile() != null) {
            try {
                final List<String> lines = Files.readAllLines(config.apiKeyFile(), StandardCharsets.UTF_8);
                final String key = lines.isEmpty() ? "" : lines.get(0).strip();
                if (key.isEmpty()) {
                    throw new IllegalArgumentException(PollConfig.API_KEY_FILE + ": " + config.apiKeyFile() + " is empty");
                }
                return key;
            } catch (IOException e) {
                throw new IllegalArgumentException(PollConfig.API_KEY_FILE + ": cannot read " + config.apiKeyFile(), e);
            }
        }
        final String name = config.apiKeyEnv();
        final String key = name == null ? null : env.get(name);
        if (key != null && !key.isBlank()) {
            return key.strip();
        }
        if (config.needsKey()) {
            throw new IllegalArgumentException(config.source() + " needs an API key: set the environment variable "
                    + (name == null ? "named by --api-key-env" : name) + " or use --api-key-file");
        }
        return "";
    }

    static QuoteApi api(final PollConfig config, final String key) {
        final String base = config.baseUrl();
        return switch (config.source()) {
            case "finnhub" -> new FinnhubApi(base == null ? FinnhubApi.DEFAULT_BASE_URL : base, key);
            case "alphavantage" -> new AlphaVantageApi(base == null ? AlphaVantageApi.DEFAULT_BASE_URL : base, key);
            case "yahoo" -> new JsonPathApi(JsonPathSpec.yahoo(base == null ? JsonPathSpec.YAHOO_BASE_URL : base), key);
            case "generic" -> new JsonPathApi(config.genericSpec(), key);
            default -> throw new IllegalArgumentException("unknown source " + config.source());
        };
    }

    /**
     * Checks that Kafka answers within {@code poll.kafka.timeout}, creates the topic when missing and
     * opens the idempotent producer ({@code acks=all}).
     *
     * @throws IllegalStateException one line when Kafka cannot be reached or the topic not created
     */
    public static KafkaTickSink connect(final PollConfig config) {
        final Map<String, Object> client = config.kafkaClientProps();
        final long timeoutMs = config.kafkaTimeout().toMillis();
        final Map<String, Object> admin = new HashMap<>(client);
        admin.keySet().retainAll(AdminClientConfig.configNames());
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeoutMs, 30_000));
        try (Admin a = Admin.create(admin)) {
            a.describeCluster().clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | KafkaException e) {
            throw new IllegalStateException("cannot reach Kafka at " + config.bootstrapServers() + " (no answer in "
                    + config.kafkaTimeout().toSeconds() + " s)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to Kafka", e);
        }
        KafkaTickSink.ensureTopic(admin, config.topic(), config.partitions());
        final Map<String, Object> producer = new HashMap<>();
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, "ticklake-poll");
        producer.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer.putAll(client);
        return new KafkaTickSink(new KafkaProducer<>(KafkaTickSink.producerProps(producer)), config.topic());
    }
}
