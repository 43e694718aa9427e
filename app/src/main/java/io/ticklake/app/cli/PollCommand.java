package io.ticklake.app.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ticklake.service.UsageException;
import io.ticklake.service.config.KafkaEnv;
import io.ticklake.service.http.AdminServer;
import io.ticklake.service.http.Health;
import io.ticklake.service.Signals;
import io.ticklake.data.replay.KafkaTickSink;
import io.ticklake.poll.PollConfig;
import io.ticklake.poll.PollSetup;
import io.ticklake.poll.PollStats;
import io.ticklake.poll.Poller;
import io.ticklake.poll.Ticker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code poll}: a live source — polls a market-data HTTP API and produces each new quote once to {@code ticks-raw}. */
@Command(name = "poll", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Polls a quote API (finnhub, alphavantage, yahoo, or any JSON API with --source generic) and sends "
                + "each new quote once as a tick to ticks-raw (key = index symbol, idempotent producer, acks=all).",
            "Stale and repeated quotes are not resent, a restart resends nothing (--state-file), rate limits and "
                + "errors back off with jitter and honour Retry-After. Status on stderr; /health and /metrics with --http-port.",
            "Config precedence: flags > TICKLAKE_BOOTSTRAP_SERVERS and KAFKA_* env > --config file > defaults."})
public final class PollCommand implements Callable<Integer> {
    private static final long STATUS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "properties file of poll keys (README, poll)")
    Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Kafka bootstrap servers (default: env TICKLAKE_BOOTSTRAP_SERVERS)")
    String bootstrapServers;

    @Option(names = "--source", paramLabel = "NAME", description = "finnhub, alphavantage, yahoo or generic")
    String source;

    @Option(names = "--symbols", paramLabel = "A,B", description = "symbols to poll; API_SYMBOL=INDEX renames (^GSPC=GSPC)")
    String symbols;

    @Option(names = "--interval", paramLabel = "DURATION", description = "time between polls (default 5s)")
    String interval;

    @Option(names = "--topic", paramLabel = "NAME", description = "target topic (default ticks-raw)")
    String topic;

    @Option(names = "--api-key-env", paramLabel = "NAME",
            description = "environment variable holding the API key (default FINNHUB_API_KEY / ALPHAVANTAGE_API_KEY)")
    String apiKeyEnv;

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "file holding the API key (first line)")
    String apiKeyFile;

    @Option(names = "--base-url", paramLabel = "URL", description = "API root override (proxy, test server)")
    String baseUrl;

    @Option(names = "--state-file", paramLabel = "FILE",
            description = "last tick sent per index, read at start (default ./ticklake-poll.state.json)")
    String stateFile;

    @Option(names = "--http-port", paramLabel = "N", description = "serve /health and /metrics; 0 = any free port")
    Integer httpPort;

    @Option(names = "--max-polls", paramLabel = "N", defaultValue = "0",
            description = "stop after N polls (default 0: until SIGTERM or Ctrl-C)")
    long maxPolls;

    @Option(names = "--no-status", description = "no status line on stderr")
    boolean noStatus;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE", description = "set any poll key (repeatable)")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        final PollConfig config = config(System.getenv());
        final PollSetup.Prepared prepared;
        try {
            prepared = PollSetup.prepare(config, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final PollStats stats = new PollStats();
        final PollMeters meters = new PollMeters(stats, prepared.api().name());
        final Ticker.Stop ticker = new Ticker.Stop();
        final CountDownLatch finished = new CountDownLatch(1);
        try (KafkaTickSink sink = PollSetup.connect(config);
             AdminServer http = serve(config, stats, meters, out);
             Signals signals = Signals.install(ticker::stop, () -> await(finished))) {
            final Poller poller = prepared.poller(sink, stats, Clock.systemUTC());
            out.println("ticklake poll: " + prepared.api().name() + " " + config.symbols().size() + " symbol(s) every "
                    + config.interval().toMillis() / 1000.0 + " s → " + config.topic() + " (state " + config.stateFile() + ")");
            out.flush();
            poller.run(ticker, maxPolls, noStatus ? meters : meters.andThen(statusLine(err)));
        } finally {
            finished.countDown();
        }
        out.println("ticklake poll: stopped; " + stats.snapshot().line());
        out.flush();
        return ExitCodes.OK;
    }

    /** The merged configuration. */
    PollConfig config(final Map<String, String> env) {
        final Map<String, String> merged = new LinkedHashMap<>(readFile());
        final String envServers = env.get("TICKLAKE_BOOTSTRAP_SERVERS");
        if (envServers != null && !envServers.isBlank()) {
            merged.put(PollConfig.BOOTSTRAP_SERVERS, envServers);
        }
        final Set<String> clientKeys = new java.util.HashSet<>(ProducerConfig.configNames());
        clientKeys.addAll(AdminClientConfig.configNames());
        KafkaEnv.clientSettings(env).forEach((k, v) -> {
            if (clientKeys.contains(k)) {
                merged.put(PollConfig.KAFKA_PREFIX + k, v);
            }
        });
        merged.putAll(settings);
        put(merged, PollConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        put(merged, PollConfig.SOURCE, source);
        put(merged, PollConfig.SYMBOLS, symbols);
        put(merged, PollConfig.INTERVAL, interval);
        put(merged, PollConfig.TOPIC, topic);
        put(merged, PollConfig.API_KEY_ENV, apiKeyEnv);
        put(merged, PollConfig.API_KEY_FILE, apiKeyFile);
        put(merged, PollConfig.BASE_URL, baseUrl);
        put(merged, PollConfig.STATE_FILE, stateFile);
        put(merged, PollConfig.HTTP_PORT, httpPort);
        try {
            return PollConfig.of(merged);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private Map<String, String> readFile() {
        final Map<String, String> out = new LinkedHashMap<>();
        if (configFile == null) {
            return out;
        }
        final Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("cannot read config file " + configFile + ": " + e.getMessage(), e);
        }
        p.stringPropertyNames().forEach(k -> out.put(k.strip(), p.getProperty(k).strip()));
        return out;
    }

    private static void put(final Map<String, String> m, final String key, final Object value) {
        if (value != null) {
            m.put(key, value.toString());
        }
    }

    private static AdminServer serve(final PollConfig config, final PollStats stats, final PollMeters meters,
                                     final PrintWriter out) {
        if (config.httpPort() == null) {
            return null;
        }
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        meters.bindTo(registry);
        final AdminServer server = AdminServer.start(config.httpHost(), config.httpPort(), () -> health(stats), registry);
        out.println("ticklake poll: health and metrics on http://" + config.httpHost() + ":" + server.port() + "/health (port "
                + server.port() + ")");
        return server;
    }

    /** Live while polling (also when backing off); ready once a poll succeeded and the last one did. */
    static Health health(final PollStats stats) {
        final PollStats.Snapshot s = stats.snapshot();
        final boolean live = s.state() != PollStats.State.STOPPED;
        final boolean ready = live && s.state() == PollStats.State.POLLING && s.lastSuccessMs() >= 0;
        return new Health(live, ready, Map.of("poller", s.state().name()));
    }

    private static Consumer<PollStats.Snapshot> statusLine(final PrintWriter err) {
        final long[] last = {System.nanoTime() - STATUS_EVERY_NANOS};
        return s -> {
            final long now = System.nanoTime();
            if (now - last[0] >= STATUS_EVERY_NANOS) {
                last[0] = now;
                err.println("poll: " + s.line());
                err.flush();
            }
        };
    }

    private static void await(final CountDownLatch finished) {
        try {
            finished.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
