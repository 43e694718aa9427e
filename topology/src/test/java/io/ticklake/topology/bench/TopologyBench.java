package io.ticklake.topology.bench;

import io.ticklake.data.DailyBar;
import io.ticklake.data.ReferenceData;
import io.ticklake.data.Tick;
import io.ticklake.data.Watermark;
import io.ticklake.data.json.TickCodec;
import io.ticklake.data.synth.TickSynthesizer;
import io.ticklake.data.testing.TestMarket;
import io.ticklake.topology.TickTopology;
import io.ticklake.topology.TopologyConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Cost of the topology per tick, through {@link TopologyTestDriver} (no broker: the driver's own
 * per-record overhead is measured by the baseline, a pass-through topology ticks-raw → ticks-enriched
 * of the same bytes, in the same run). Ticks: generated market, 1-minute synthesis, time-ordered
 * across indices, a watermark every 1,000 ticks. Prints ticks/s and ns/tick for each, best of N rounds.
 *
 * <pre>
 * java -cp topology/target/classes:topology/target/test-classes:$(cat cp.txt) \
 *      io.ticklake.topology.bench.TopologyBench [ticks=300000] [rounds=3]
 * </pre>
 */
public final class TopologyBench {
    private TopologyBench() {
    }

    public static void main(final String[] args) {
        final int ticks = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        final List<TestRecord<byte[], byte[]>> input = input(ticks);
        System.out.printf(Locale.ROOT, "input: %d records (%d ticks + watermarks)%n", input.size(), ticks);
        final TopologyConfig config = TopologyConfig.defaults();
        double best = Double.MAX_VALUE;
        double bestBase = Double.MAX_VALUE;
        double bestLogic = Double.MAX_VALUE;
        for (int r = 1; r <= rounds; r++) {
            final double base = run(passThrough(config), input);
            final double full = run(TickTopology.topology(config), input);
            final double logic = ProcessorLogic.run(config, input);
            bestBase = Math.min(bestBase, base);
            best = Math.min(best, full);
            bestLogic = Math.min(bestLogic, logic);
            System.out.printf(Locale.ROOT, "round %d: pass-through %,.0f ns/record, ticklake %,.0f ns/record,"
                    + " processing logic alone %,.0f ns/record%n", r, base, full, logic);
        }
        System.out.printf(Locale.ROOT, "logic alone:  %,.0f records/s, %,.0f ns/record (validate, enrich, windows,"
                + " JSON out, state serde; no Streams)%n", 1e9 / bestLogic, bestLogic);
        System.out.printf(Locale.ROOT, "pass-through: %,.0f records/s, %,.0f ns/record%n", 1e9 / bestBase, bestBase);
        System.out.printf(Locale.ROOT, "ticklake:     %,.0f records/s, %,.0f ns/record (%.1fx the baseline;"
                + " topology's own cost %,.0f ns/tick)%n", 1e9 / best, best, best / bestBase, best - bestBase);
    }

    private static List<TestRecord<byte[], byte[]>> input(final int n) {
        final TickSynthesizer synth = new TickSynthesizer(ReferenceData.builtIn(), Duration.ofMinutes(1), 1);
        final List<Tick> all = new ArrayList<>();
        LocalDate to = LocalDate.of(2021, 1, 4);
        List<String> indices = ReferenceData.builtIn().all().stream().map(i -> i.index()).toList();
        while (all.size() < n) {
            final List<DailyBar> rows = TestMarket.bars(indices, to, to.plusDays(6), TestMarket.SEED);
            rows.forEach(r -> all.addAll(synth.synthesize(r)));
            to = to.plusDays(7);
        }
        all.sort(Comparator.comparingLong(Tick::ts));
        final Instant wall = Instant.parse("2026-12-01T00:00:00Z");
        final List<TestRecord<byte[], byte[]>> out = new ArrayList<>(n + n / 1000 + 1);
        for (int i = 0; i < n; i++) {
            final Tick t = all.get(i);
            out.add(new TestRecord<>(t.index().getBytes(StandardCharsets.UTF_8), TickCodec.encode(t),
                    new RecordHeaders(), wall));
            if ((i + 1) % 1000 == 0 || i == n - 1) {
                final Headers h = Watermark.headers();
                out.add(new TestRecord<>(null, Watermark.encode(t.ts() + (i == n - 1 ? 2 * 86_400_000L : 0)), h,
                        wall));
            }
        }
        return out;
    }

    private static Topology passThrough(final TopologyConfig config) {
        final StreamsBuilder b = new StreamsBuilder();
        b.stream(config.rawTopic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(config.enrichedTopic(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return b.build();
    }

    /** ns per input record. */
    private static double run(final Topology topology, final List<TestRecord<byte[], byte[]>> input) {
        final Properties props = TopologyConfig.streamsDefaults();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ticklake-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, Instant.parse("2026-12-01T00:00:00Z"))) {
            final TestInputTopic<byte[], byte[]> in = driver.createInputTopic("ticks-raw", new ByteArraySerializer(),
                    new ByteArraySerializer());
            final List<String> outputs = List.of("ticks-enriched", "ohlc-1m", "ohlc-1d", "ticks-late", "ticks-dlq");
            final long start = System.nanoTime();
            int i = 0;
            for (final TestRecord<byte[], byte[]> r : input) {
                in.pipeInput(r);
                if (++i % 10_000 == 0) {
                    drain(driver, outputs);
                }
            }
            drain(driver, outputs);
            return (System.nanoTime() - start) / (double) input.size();
        }
    }

    private static void drain(final TopologyTestDriver driver, final List<String> topics) {
        for (final String t : topics) {
            if (driver.producedTopicNames().contains(t)) {
                driver.createOutputTopic(t, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer())
                        .readRecordsToList();
            }
        }
    }
}
