package io.ticklake.app.cli;

import io.ticklake.service.ReplaySource;
import io.ticklake.service.UsageException;
import io.ticklake.service.config.ConfigKeys;
import io.ticklake.service.config.KafkaEnv;
import io.ticklake.service.TopicAdmin;
import io.ticklake.data.replay.ReplayConfig;
import io.ticklake.data.replay.ReplayProducer;
import io.ticklake.data.replay.ReplaySummary;
import io.ticklake.data.replay.Speed;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code replay}: daily bars → intraday ticks, in event-time order, into {@code ticks-raw}. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replays daily bars (a Kaggle CSV or the generator) as intraday ticks into Kafka, "
                + "in event-time order across indices, with watermarks.",
            "Progress goes to stderr, rejected CSV rows are reported line by line, the summary goes to stdout."})
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source;

    @Option(names = "--speed", paramLabel = "max|FACTOR", defaultValue = "max",
            converter = Converters.SpeedConverter.class,
            description = "pace: max, or a factor of market time (1 = real time, 60 = a market minute per second); "
                    + "default: ${DEFAULT-VALUE}")
    Speed speed;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "6",
            description = "partitions of the topic when it is created (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--topic", paramLabel = "NAME", defaultValue = ReplayConfig.DEFAULT_TOPIC,
            description = "target topic (default: ${DEFAULT-VALUE})")
    String topic;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            defaultValue = "${env:TICKLAKE_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (default: env TICKLAKE_BOOTSTRAP_SERVERS or localhost:9092); "
                    + "KAFKA_* variables are passed to the producer (KAFKA_LINGER_MS → linger.ms)")
    String bootstrapServers;

    @Option(names = "--broker-timeout-ms", paramLabel = "MS",
            defaultValue = "${env:TICKLAKE_STARTUP_BROKER_TIMEOUT_MS:-" + ConfigKeys.DEFAULT_STARTUP_BROKER_TIMEOUT_MS + "}",
            description = "fail when Kafka does not answer this long at start (default: env "
                    + "TICKLAKE_STARTUP_BROKER_TIMEOUT_MS or " + ConfigKeys.DEFAULT_STARTUP_BROKER_TIMEOUT_MS + ")")
    long brokerTimeoutMs;

    @Option(names = "--dry-run", description = "read and synthesize everything, send nothing, print the counts")
    boolean dryRun;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Override
    public Integer call() throws InterruptedException {
        source.validate();
        final ReplayConfig config = replayConfig();
        if (brokerTimeoutMs < 1) {
            throw new UsageException("--broker-timeout-ms must be >= 1: " + brokerTimeoutMs);
        }
        final PrintWriter err = spec.commandLine().getErr();
        final PrintWriter out = spec.commandLine().getOut();
        try (ReplayProducer producer = dryRun ? ReplayProducer.dryRun(config, source.referenceData()) : kafka(config)) {
            final ReplaySummary summary = ReplaySource.replay(source.selection(), producer,
                    rejection -> {
                        err.println("rejected " + rejection);
                        err.flush();
                    },
                    noProgress ? p -> { } : new ProgressBar(err, System.console() != null));
            out.println(Summaries.replay(summary, dryRun ? "dry run (nothing sent)" : "sent to " + topic));
            out.flush();
        }
        return ExitCodes.OK;
    }

    private ReplayConfig replayConfig() {
        try {
            return ReplaySource.configure(source.selection(), ReplayConfig.defaults()
                    .withTopic(topic).withPartitions(partitions).withSpeed(speed));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** A Kafka replay, once the cluster answered (an unreachable one fails in one line, quickly). */
    private ReplayProducer kafka(final ReplayConfig config) {
        final Map<String, Object> props = clientProps();
        TopicAdmin.probe(props, Duration.ofMillis(brokerTimeoutMs), ConfigKeys.STARTUP_BROKER_TIMEOUT_MS);
        return ReplayProducer.kafka(config, source.referenceData(), props);
    }

    private Map<String, Object> clientProps() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new UsageException("--bootstrap-servers is required");
        }
        final Map<String, Object> props = new HashMap<>(KafkaEnv.clientSettings(System.getenv()));
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }
}
