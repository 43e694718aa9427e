package io.ticklake.app.cli;

import io.ticklake.service.UsageException;
import io.ticklake.service.config.KafkaEnv;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dlq}: prints the dead-letter topic, one record a line. Reads with a consumer that has no group
 * (partitions assigned, nothing committed, read_committed), from the beginning, and stops at the end
 * offsets taken at start unless {@code --follow}.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints the dead-letter topic, one record a line: where it sits, its time, the reason, where it "
                + "came from (topic/partition@offset), key and value shown safely (control characters escaped, bytes "
                + "that are not UTF-8 as \\xHH, long values cut with their size).",
            "Reads without a consumer group (nothing is committed; any number of readers), from the beginning, and "
                + "stops at the end unless --follow."})
public final class DlqCommand implements Callable<Integer> {
    /** Output formats. */
    public enum Format { TEXT, JSON }

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            defaultValue = "${env:TICKLAKE_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (default: env TICKLAKE_BOOTSTRAP_SERVERS or localhost:9092); "
                    + "KAFKA_* variables are passed to the consumer (KAFKA_SECURITY_PROTOCOL → security.protocol)")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "NAME", defaultValue = "ticks-dlq",
            description = "dead-letter topic (default: ${DEFAULT-VALUE})")
    String topic;

    @Option(names = "--limit", paramLabel = "N", description = "stop after N records (default: no limit)")
    Long limit;

    @Option(names = "--follow", description = "keep printing new records until Ctrl-C (or --limit)")
    boolean follow;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text (default) or json: one JSON object a line")
    Format format;

    @Option(names = "--from-beginning", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "start at the first record (default); --no-from-beginning starts at the end (with --follow: "
                    + "only new records)")
    boolean fromBeginning;

    @Option(names = "--max-bytes", paramLabel = "N", defaultValue = "200",
            description = "show at most N bytes of a key or value; longer ones are cut, their size shown "
                    + "(default: ${DEFAULT-VALUE})")
    int maxBytes;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "15s",
            converter = Converters.DurationConverter.class,
            description = "give up when Kafka does not answer this long (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Override
    public Integer call() {
        validate();
        final PrintWriter out = spec.commandLine().getOut();
        final DlqLine line = new DlqLine(maxBytes);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            final Map<TopicPartition, Long> end = follow ? Map.of() : consumer.endOffsets(partitions, timeout);
            long printed = 0;
            while ((limit == null || printed < limit) && (follow || !reached(consumer, end))) {
                for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.println(format == Format.JSON ? line.json(r) : line.text(r));
                    if (limit != null && ++printed >= limit) {
                        break;
                    }
                }
                out.flush();
            }
        } catch (WakeupException | InterruptException e) {
            Thread.currentThread().interrupt();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within "
                    + timeout.toMillis() + " ms (" + e.getMessage() + ")", e);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void validate() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new UsageException("--bootstrap-servers is required");
        }
        if (topic == null || topic.isBlank()) {
            throw new UsageException("--topic must not be empty");
        }
        if (limit != null && limit <= 0) {
            throw new UsageException("--limit must be > 0: " + limit);
        }
        if (maxBytes <= 0) {
            throw new UsageException("--max-bytes must be > 0: " + maxBytes);
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new UsageException("--timeout must be > 0");
        }
    }

    private List<TopicPartition> partitions(final KafkaConsumer<byte[], byte[]> consumer) {
        final List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist on " + bootstrapServers);
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                .sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    /** Every partition's position is at (or past) its end offset taken at start. */
    private boolean reached(final KafkaConsumer<byte[], byte[]> consumer, final Map<TopicPartition, Long> end) {
        for (final Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), timeout) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Object> consumerProps() {
        final Map<String, Object> props = new HashMap<>(KafkaEnv.clientSettings(System.getenv()));
        props.put("bootstrap.servers", bootstrapServers);
        props.remove("group.id");                         // no group: nothing is committed, nobody is rebalanced
        props.put("enable.auto.commit", "false");
        props.put("isolation.level", "read_committed");   // the topology writes in transactions
        props.put("allow.auto.create.topics", "false");
        props.put("default.api.timeout.ms", (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        props.put("client.id", "ticklake-dlq");
        return props;
    }
}
