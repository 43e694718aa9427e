package io.ticklake.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticklake.data.Tick;
import io.ticklake.data.replay.KafkaTickSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Bad input written straight to {@code ticks-raw} ahead of a normal replay: every bad record ends in
 * {@code ticks-dlq} exactly once with its reason, original key, value and source coordinates; every
 * good record lands; the service stays ready throughout.
 */
class BadInputChaosTest extends ChaosTest {
    @Test
    void everyBadRecordIsDeadLetteredAndEveryGoodOneLands() throws Exception {
        final SourceData source = SourceData.standard();
        final List<BadInput> corpus = BadInput.corpus(System.currentTimeMillis());
        final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try (ChaosRun run = new ChaosRun(cluster, "badinput", source, Map.of())) {
            run.service.startAndAwaitReady(ChaosRun.READY_TIMEOUT);
            final AtomicLong samples = new AtomicLong();
            final List<String> notReady = java.util.Collections.synchronizedList(new ArrayList<>());
            sampler.scheduleWithFixedDelay(() -> {
                samples.incrementAndGet();
                final int status = run.service.status("/health/ready");
                if (status != 200) {
                    notReady.add(java.time.Instant.now() + " " + status);
                }
            }, 0, 250, TimeUnit.MILLISECONDS);

            final Map<String, BadInput> sent = send(corpus);
            run.source.replay(cluster.bootstrapServers(), ChaosCluster.PARTITIONS, null);

            final Map<String, BadInput> expectedDlq = new TreeMap<>();
            sent.forEach((coords, input) -> {
                if (input.outcome() == BadInput.Outcome.DLQ) {
                    expectedDlq.put(coords, input);
                }
            });
            final List<ConsumerRecord<byte[], byte[]>> dlq = new ArrayList<>();
            await("every bad record in ticks-dlq").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        dlq.clear();
                        dlq.addAll(run.probe.readAll("ticks-dlq", Duration.ofSeconds(20)));
                        return dlq.size() >= expectedDlq.size();
                    });
            final Map<String, Integer> byReason = checkDeadLetters(dlq, expectedDlq);

            final List<Tick> landing = new ArrayList<>(source.ticks());
            corpus.stream().filter(b -> b.outcome() == BadInput.Outcome.LANDS).forEach(b -> landing.add(b.tick()));
            final List<Tick> sourceTicks = source.ticks();
            final Duration drain = run.awaitLakeExact(lake -> Verdict.of(lake, landing, sourceTicks, source.bars()),
                    Duration.ofMinutes(2));
            sampler.shutdownNow();
            assertThat(notReady).as("/health/ready answers that were not 200").isEmpty();
            assertThat(run.service.isAlive()).isTrue();
            run.stopGracefully();
            final Verdict verdict = Verdict.of(run.mirror.snapshot(), landing, sourceTicks, source.bars());
            assertThat(verdict.exact()).as("%s", verdict).isTrue();
            new Figures("bad-input").put("badInputsTried", corpus.size())
                    .put("deadLettered", dlq.size()).put("dlqByReason", byReason)
                    .put("oddButValidLanded", landing.size() - sourceTicks.size())
                    .put("noEffectWatermarks", corpus.stream().filter(b -> b.outcome() == BadInput.Outcome.NO_EFFECT).count())
                    .put("goodTicksLanded", verdict.lakeTicks()).put("lost", verdict.lost())
                    .put("duplicated", verdict.duplicated()).put("readySamples", samples.get())
                    .put("notReadySamples", notReady.size()).put("drainMs", drain.toMillis()).write();
        } finally {
            sampler.shutdownNow();
        }
    }

    /** Sends the corpus in order; returns each record by its {@code partition/offset} in ticks-raw. */
    private Map<String, BadInput> send(final List<BadInput> corpus) throws Exception {
        final Map<String, Object> props = KafkaTickSink.producerProps(Map.of("bootstrap.servers",
                cluster.bootstrapServers()));
        props.put("key.serializer", ByteArraySerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        final Map<String, BadInput> sent = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            int i = 0;
            for (final BadInput input : corpus) {
                final RecordMetadata m = producer.send(input.toRecord("ticks-raw", i++ % ChaosCluster.PARTITIONS))
                        .get(30, TimeUnit.SECONDS);
                sent.put(m.partition() + "/" + m.offset(), input);
            }
        }
        return sent;
    }

    /** Each expected dead letter exactly once, with its reason and original bytes; nothing else. */
    private static Map<String, Integer> checkDeadLetters(final List<ConsumerRecord<byte[], byte[]>> dlq,
                                                         final Map<String, BadInput> expected) {
        final Map<String, Integer> byReason = new TreeMap<>();
        final Map<String, Integer> seen = new HashMap<>();
        final List<String> problems = new ArrayList<>();
        for (final ConsumerRecord<byte[], byte[]> r : dlq) {
            final String coords = header(r, "ticklake-dlq-partition") + "/" + header(r, "ticklake-dlq-offset");
            seen.merge(coords, 1, Integer::sum);
            final String reason = header(r, "ticklake-dlq-reason");
            final BadInput input = expected.get(coords);
            if (input == null) {
                problems.add("unexpected dead letter " + coords + " reason " + reason);
                continue;
            }
            final String code = reason == null ? "" : reason.split(":", 2)[0];
            byReason.merge(code, 1, Integer::sum);
            if (!input.reason().equals(code)) {
                problems.add(input.name() + ": reason '" + reason + "', expected " + input.reason());
            }
            if (!"ticks-raw".equals(header(r, "ticklake-dlq-topic"))) {
                problems.add(input.name() + ": source topic " + header(r, "ticklake-dlq-topic"));
            }
            if (!java.util.Arrays.equals(input.value() == null ? null : input.value(), r.value())
                    && !(input.value() == null && r.value() == null)) {
                problems.add(input.name() + ": value changed");
            }
            if (!java.util.Arrays.equals(input.key(), r.key())) {
                problems.add(input.name() + ": key changed");
            }
        }
        expected.forEach((coords, input) -> {
            final int n = seen.getOrDefault(coords, 0);
            if (n != 1) {
                problems.add(input.name() + " (" + coords + ") dead-lettered " + n + " times");
            }
        });
        assertThat(problems).as("dead letters").isEmpty();
        return byReason;
    }

    private static String header(final ConsumerRecord<byte[], byte[]> r, final String name) {
        final Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
