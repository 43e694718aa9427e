package io.ticklake.topology.bench;

import io.ticklake.data.EnrichedTick;
import io.ticklake.data.OhlcBar;
import io.ticklake.data.json.Json;
import io.ticklake.topology.TopologyConfig;
import io.ticklake.topology.bars.BarWindows;
import io.ticklake.topology.bars.IndexBars;
import io.ticklake.topology.enrich.EnrichState;
import io.ticklake.topology.enrich.Enricher;
import io.ticklake.topology.validate.RecordValidator;
import io.ticklake.topology.validate.Validated;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;

/** What the processor does per record, without Kafka Streams: the topology's intrinsic cost. */
final class ProcessorLogic {
    private ProcessorLogic() {
    }

    /** ns per input record; the result checksum keeps the JIT from dropping work. */
    static double run(final TopologyConfig config, final List<TestRecord<byte[], byte[]>> input) {
        final RecordValidator validator = new RecordValidator(config);
        final Enricher enricher = new Enricher(config.referenceData());
        final BarWindows windows = new BarWindows(config);
        final Map<String, EnrichState> enrich = new HashMap<>();
        final Map<String, IndexBars> bars = new HashMap<>();
        final long now = input.get(0).timestamp();
        long watermark = Long.MIN_VALUE;
        long bytes = 0;
        final long[] out = new long[1];
        final long start = System.nanoTime();
        for (final TestRecord<byte[], byte[]> r : input) {
            final Validated v = validator.validate(r.key(), r.value(), r.headers(), now);
            if (v instanceof Validated.ValidTick t) {
                final String index = t.tick().index();
                final EnrichState es = enrich.computeIfAbsent(index, i -> new EnrichState());
                final EnrichedTick e = enricher.enrich(t.tick(), es);
                bytes += Json.write(e).length + EnrichState.SERDE.serializer().serialize("c", es).length;
                final IndexBars b = bars.computeIfAbsent(index, i -> new IndexBars());
                windows.add(t.tick(), b, watermark);
                windows.closeDue(index, b, Math.max(b.maxTs(), watermark), (w, bar) -> out[0] += write(bar));
                bytes += IndexBars.SERDE.serializer().serialize("c", b).length;
            } else if (v instanceof Validated.ValidWatermark w) {
                watermark = Math.max(watermark, w.ts());
                for (final Map.Entry<String, IndexBars> e : bars.entrySet()) {
                    final long et = Math.max(e.getValue().maxTs(), watermark);
                    windows.closeDue(e.getKey(), e.getValue(), et, (win, bar) -> out[0] += write(bar));
                }
            }
        }
        final double ns = (System.nanoTime() - start) / (double) input.size();
        if (bytes + out[0] == 42) {
            System.out.println("unlikely");
        }
        return ns;
    }

    private static int write(final OhlcBar bar) {
        return Json.write(bar).length;
    }
}
