package io.ticklake.topology;

import io.ticklake.data.EnrichedTick;
import io.ticklake.data.Printable;
import io.ticklake.data.Tick;
import io.ticklake.topology.bars.BarWindows;
import io.ticklake.topology.bars.IndexBars;
import io.ticklake.topology.enrich.EnrichState;
import io.ticklake.topology.enrich.Enricher;
import io.ticklake.topology.validate.RecordValidator;
import io.ticklake.topology.validate.Validated;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The one processor of {@link TickTopology}: validates each raw record, enriches ticks, keeps the
 * OHLC windows of every index of its partition and routes each output to its topic.
 *
 * <p>Every output record gets the wall-clock time ({@code currentSystemTimeMs}) as its Kafka
 * timestamp; event time travels in the payload. Replayed 1965 or 2021 ticks would otherwise be
 * deleted by time-based retention as soon as they were written.
 *
 * <p>State lives in changelogged in-memory stores; the processor keeps the deserialized objects in
 * maps loaded at {@link #init} (after restoration) and writes every change through to the store.
 */
final class TickProcessor implements Processor<byte[], byte[], byte[], Routed> {
    private final TopologyConfig config;
    private final Topics topics;
    private final RecordValidator validator;
    private final Enricher enricher;
    private final BarWindows windows;
    private final int recordBudget;
    private final Map<String, EnrichState> enrichStates = new HashMap<>();
    private final Map<String, IndexBars> barStates = new HashMap<>();
    private ProcessorContext<byte[], Routed> context;
    private KeyValueStore<String, EnrichState> enrichStore;
    private KeyValueStore<String, IndexBars> barsStore;
    private KeyValueStore<String, Long> watermarkStore;
    private KeyValueStore<String, byte[]> latestStore;
    private TopologyMetrics metrics;
    private long watermark = Long.MIN_VALUE;

    /** @param limit how large a record the Streams producer sends (dead letters and late copies are cut to fit) */
    TickProcessor(final TopologyConfig config, final OutputLimit limit) {
        this.config = config;
        this.recordBudget = limit.recordBudget();
        this.topics = Topics.of(config);
        this.validator = new RecordValidator(config);
        this.enricher = new Enricher(config.referenceData());
        this.windows = new BarWindows(config);
    }

    @Override
    public void init(final ProcessorContext<byte[], Routed> ctx) {
        this.context = ctx;
        this.enrichStore = ctx.getStateStore(TickTopology.ENRICH_STORE);
        this.barsStore = ctx.getStateStore(TickTopology.BARS_STORE);
        this.watermarkStore = ctx.getStateStore(TickTopology.WATERMARK_STORE);
        this.latestStore = ctx.getStateStore(TickTopology.LATEST_BARS_STORE);
        this.metrics = new TopologyMetrics(ctx.metrics(), ctx.taskId().toString(), config.windows());
        enrichStates.clear();
        barStates.clear();
        load(enrichStore, enrichStates);
        load(barsStore, barStates);
        final Long wm = watermarkStore.get(TickTopology.WATERMARK_KEY);
        watermark = wm == null ? Long.MIN_VALUE : wm;
        if (config.idleCloseMs() > 0) {
            final long every = Math.max(100, config.idleCloseMs() / 2);
            ctx.schedule(Duration.ofMillis(every), PunctuationType.WALL_CLOCK_TIME, this::closeIdle);
        }
    }

    private static <V> void load(final KeyValueStore<String, V> store, final Map<String, V> into) {
        try (KeyValueIterator<String, V> it = store.all()) {
            while (it.hasNext()) {
                final KeyValue<String, V> kv = it.next();
                into.put(kv.key, kv.value);
            }
        }
    }

    @Override
    public void process(final Record<byte[], byte[]> record) {
        final long now = context.currentSystemTimeMs();
        final Validated v = validator.validate(record.key(), record.value(), record.headers(), now);
        if (v instanceof Validated.ValidTick t) {
            onTick(record, t.tick(), now);
        } else if (v instanceof Validated.ValidWatermark w) {
            onWatermark(w.ts());
        } else if (v instanceof Validated.Rejected r) {
            deadLetter(record, r.kind(), r.reason(), now);
        }
    }

    private void onTick(final Record<byte[], byte[]> record, final Tick tick, final long now) {
        final String index = tick.index();
        if (!enrichStates.containsKey(index) && enrichStates.size() >= config.maxIndices()) {
            // bounded state: the enrich store holds one entry per index of this task, restored on restart
            deadLetter(record, DlqReason.TOO_MANY_INDICES, DlqReason.TOO_MANY_INDICES.with(Printable.abbreviate(index)
                    + ": task " + context.taskId() + " keeps state for " + config.maxIndices()
                    + " indices (topology.max.indices)"), now);
            return;
        }
        final EnrichState known = enrichStates.get(index);
        final EnrichState es = known != null ? known : new EnrichState();
        final IndexBars knownBars = barStates.get(index);
        final IndexBars bars = knownBars != null ? knownBars : new IndexBars();
        final EnrichedTick enriched;
        try {
            windows.check(tick, bars, watermark);          // both checks before either state changes
            enriched = enricher.enrich(tick, es);
        } catch (Rejection r) {
            deadLetter(record, r.kind(), r.reason(), now);
            return;
        }
        metrics.tick();
        enrichStates.put(index, es);
        barStates.put(index, bars);
        enrichStore.put(index, es);
        final byte[] key = index.getBytes(StandardCharsets.UTF_8);
        emit(key, topics.enriched().name(), topics.enriched().serializeValue(enriched), new RecordHeaders(), now);

        final long eventTimeBefore = Math.max(bars.maxTs(), watermark);
        final String late = windows.add(tick, bars, watermark);
        bars.lastArrivalWallMs(now);
        if (late != null) {
            final RecordMetadata m = metadata();
            final Headers own = LateHeaders.own(late, eventTimeBefore, m == null ? null : m.topic(),
                    m == null ? -1 : m.partition(), m == null ? -1 : m.offset());
            final BoundedCopy copy = BoundedCopy.of(key, record.value(), record.headers(), own, LateHeaders.PREFIX,
                    recordBudget);
            emit(copy.key(), topics.late().name(), copy.value(), copy.headers(), now);
            metrics.late(late);
        }
        close(index, bars, Math.max(bars.maxTs(), watermark), now);
        barsStore.put(index, bars);
    }

    private void onWatermark(final long ts) {
        if (ts <= watermark) {
            metrics.watermark(false);
            return;
        }
        metrics.watermark(true);
        watermark = ts;
        watermarkStore.put(TickTopology.WATERMARK_KEY, ts);
        final long now = context.currentSystemTimeMs();
        for (final Map.Entry<String, IndexBars> e : barStates.entrySet()) {
            final IndexBars bars = e.getValue();
            if (close(e.getKey(), bars, Math.max(bars.maxTs(), watermark), now) > 0) {
                barsStore.put(e.getKey(), bars);
            }
        }
    }

    /** Live mode: an index quiet for {@code idleCloseMs} of wall clock has event time = wall clock. */
    private void closeIdle(final long now) {
        for (final Map.Entry<String, IndexBars> e : barStates.entrySet()) {
            final IndexBars bars = e.getValue();
            if (bars.hasOpenBars() && now - bars.lastArrivalWallMs() >= config.idleCloseMs()) {
                bars.advanceTo(now);
                close(e.getKey(), bars, Math.max(bars.maxTs(), watermark), now);
                barsStore.put(e.getKey(), bars);
            }
        }
    }

    private int close(final String index, final IndexBars bars, final long eventTime, final long now) {
        return windows.closeDue(index, bars, eventTime, (w, bar) -> {
            final var topic = topics.bars(w.name());
            final byte[] json = topic.serializeValue(bar);
            emit(index.getBytes(StandardCharsets.UTF_8), topic.name(), json, new RecordHeaders(), now);
            latestStore.put(LatestBars.key(index, w.name()), json);     // the same bytes: serialized once
            metrics.bar(w.name());
        });
    }

    private void deadLetter(final Record<byte[], byte[]> record, final DlqReason kind, final String reason,
                            final long now) {
        final RecordMetadata m = metadata();
        final Headers own = DlqHeaders.own(reason, m == null ? null : m.topic(), m == null ? -1 : m.partition(),
                m == null ? -1 : m.offset());
        // a copy too large for the producer would fail the task, and again after every restart
        final BoundedCopy copy = BoundedCopy.of(record.key(), record.value(), record.headers(), own,
                DlqHeaders.PREFIX, recordBudget);
        emit(copy.key(), topics.dlq().name(), copy.value(), copy.headers(), now);
        metrics.dlq(kind);
    }

    private RecordMetadata metadata() {
        return context.recordMetadata().orElse(null);
    }

    private void emit(final byte[] key, final String topic, final byte[] value, final Headers headers,
                      final long now) {
        context.forward(new Record<>(key, new Routed(topic, value), now, headers));
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
