package io.ticklake.service;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ticklake.service.compact.CommittedOffsets;
import io.ticklake.service.compact.CompactionJob;
import io.ticklake.service.config.AppConfig;
import io.ticklake.service.config.ConfigKeys;
import io.ticklake.service.http.AdminServer;
import io.ticklake.service.http.Health;
import io.ticklake.service.http.KafkaMetricFamilies;
import io.ticklake.service.http.page.CandleSite;
import io.ticklake.service.http.page.DuckDbBarsReader;
import io.ticklake.query.sql.DuckDbEngine;
import io.ticklake.query.sql.LocalLake;
import io.ticklake.sink.store.LakeRoot;
import io.ticklake.sink.BatchCommitHook;
import io.ticklake.sink.LakeSink;
import io.ticklake.sink.store.ObjectStore;
import io.ticklake.sink.store.ObjectStores;
import io.ticklake.topology.TickTopology;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ticklake service: topics, the Streams topology ({@link StreamsRunner}), the lake sink with its
 * catalog commit hook, the rollup refresher of a local lake ({@link RollupRefresher}), and the admin HTTP
 * server. {@link #start()} first checks that Kafka answers
 * ({@link TopicAdmin#probe}), then brings them up in that order, except that the admin server binds
 * its port before Streams starts (its address is Streams' {@code application.server}, through which
 * the candle page of any instance shows every instance's live bars) and serves once everything runs;
 * {@link #close()} stops intake first (Streams closes, leaving its group), then flushes and commits the
 * sink, then the catalog, then HTTP. {@link #awaitStop()} blocks until {@link #requestStop()} or a
 * fatal failure of Streams or the sink.
 */
public final class TickLakeService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TickLakeService.class);
    private final AppConfig config;
    private final Clock clock;
    private final List<MeterBinder> extraMetrics;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final UnaryOperator<ObjectStore> storeDecorator;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
    private StreamsRunner streams;
    private ObjectStore store;
    private CatalogWiring catalog;
    private LakeSink sink;
    private AdminServer.Bound httpBinding;
    private AdminServer http;
    private TopologyCounters counters;
    private DuckDbBarsReader bars;
    private RollupRefresher rollups;
    private CompactionJob compaction;

    /** @param extraMetrics more meters for {@code /metrics} (e.g. the demo's replay), bound at {@link #start()} */
    public TickLakeService(final AppConfig config, final Clock clock, final List<MeterBinder> extraMetrics) {
        this(config, clock, extraMetrics, UnaryOperator.identity());
    }

    /**
     * @param storeDecorator wraps the lake's store before the sink uses it (benchmarks time each put);
     *                       the wrapper must keep the {@link ObjectStore} contract
     */
    public TickLakeService(final AppConfig config, final Clock clock, final List<MeterBinder> extraMetrics,
                           final UnaryOperator<ObjectStore> storeDecorator) {
        this.config = config.requireService();
        this.clock = clock;
        this.extraMetrics = List.copyOf(extraMetrics);
        this.storeDecorator = storeDecorator;
    }

    /** Starts everything; on failure, stops what was started and rethrows. */
    public TickLakeService start() {
        try {
            TopicAdmin.probe(config.clientProps(), config.startupBrokerTimeout(), ConfigKeys.STARTUP_BROKER_TIMEOUT_MS);
            if (config.createTopics()) {
                TopicAdmin.ensure(config.clientProps(), config.topics(), config.topicPartitions(),
                        config.replicationFactor());
            }
            store = storeDecorator.apply(ObjectStores.open(config.lake().orElseThrow(), config.sink().s3()));
            catalog = CatalogWiring.create(config, store);
            // bound first: its port (a free one with http.port=0) is the application.server the others ask
            httpBinding = AdminServer.bind(config.httpHost(), config.httpPort());
            final Properties streamsProps = config.streamsProps();
            final HostInfo self = advertise(streamsProps, httpBinding.port());
            // the topology cuts dead letters to the producer's max.request.size configured here
            streams = new StreamsRunner(TickTopology.topology(config.topology(), streamsProps), streamsProps,
                    Duration.ofMillis(config.closeTimeoutMs()), clock);
            streams.onStateChange((now, before) -> {
                if (now == KafkaStreams.State.ERROR) {
                    fail("Kafka Streams failed: " + streams.failure().map(Throwable::toString).orElse("ERROR state"));
                }
            });
            streams.start();
            counters = new TopologyCounters(streams::metrics,
                    config.topology().windows().stream().map(io.ticklake.topology.WindowSpec::name).toList());
            rollups = RollupRefresher.of(config, clock).orElse(null);
            final BatchCommitHook hook = rollups == null ? catalog.commitHook()
                    : catalog.commitHook().andThen(rollups.commitHook());
            sink = new LakeSink(config.sink(), config.sinkConsumerProps(), store, hook, clock).start();
            bindMeters();
            if (rollups != null) {
                new RollupMeters(rollups.metrics()).bindTo(meters);
                rollups.start();
            }
            if (config.compaction().enabled()) {
                compaction = new CompactionJob(store, config.sink().tables().tables(), config.compaction(),
                        () -> CommittedOffsets.guard(config.clientProps(), config.sinkGroupId(), Duration.ofSeconds(30)),
                        clock).start();
            }
            bars = candleReader();
            final StreamsLiveBars local = new StreamsLiveBars(streams);
            http = httpBinding.start(this::health, meters, CandleSite.routes(bars,
                    new ClusterLiveBars(streams, local, self, new PeerLiveBars()), local, windowNames(),
                    config.topology().referenceData(), this::health));
            LOG.info("ticklake running: Kafka {}, lake {}, catalog {}, HTTP port {} (advertised as {})",
                    config.bootstrapServers(), config.lake().orElseThrow(), catalog.description(), http.port(),
                    PeerLiveBars.endpoint(self));
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@code /metrics}: the Streams client's metrics under their Kafka names, the topology's counters, the sink's, the extras. */
    private void bindMeters() {
        new KafkaMetricFamilies("kafka_streams", streams::metrics).registerWith(meters);
        counters.bindTo(meters);
        new SinkMeters(sink.metrics()).bindTo(meters);
        extraMetrics.forEach(b -> b.bindTo(meters));
    }

    /**
     * Sets {@code application.server} to the advertised host and the bound admin port, unless
     * {@code streams.application.server} is configured (it wins: e.g. a port mapped by a proxy); returns it.
     */
    private HostInfo advertise(final Properties streamsProps, final int boundPort) {
        final String host = config.httpAdvertisedHost();
        streamsProps.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG,
                PeerLiveBars.endpoint(new HostInfo(host, boundPort)));
        return HostInfo.buildFromEndpoint(streamsProps.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG));
    }

    private List<String> windowNames() {
        return config.topology().windows().stream().map(io.ticklake.topology.WindowSpec::name).toList();
    }

    /**
     * The candle page's history: DuckDB over the local lake, opened at the first request. On S3 too
     * DuckDB could read the lake, but not with the service's credentials chain; the page shows live bars there.
     */
    private DuckDbBarsReader candleReader() {
        final Map<String, String> tables = new LinkedHashMap<>();
        for (final io.ticklake.topology.WindowSpec w : config.topology().windows()) {
            config.sink().tables().forTopic(config.topology().barTopic(w))
                    .ifPresent(t -> tables.put(w.name(), t.name()));
        }
        final LakeRoot root = config.lake().orElseThrow();
        final String first = tables.isEmpty() ? "-" : tables.values().iterator().next();
        return new DuckDbBarsReader(() -> openLake(root), tables, first, clock);
    }

    private DuckDbEngine openLake(final LakeRoot root) {
        if (root.isS3()) {
            throw new IllegalStateException("the page reads history from a local lake only (" + root + " is on S3)");
        }
        return LocalLake.open(root.directory(), config.sink().tables());
    }

    /** The health served at {@code /health}. */
    public Health health() {
        final Map<String, String> components = new LinkedHashMap<>();
        final KafkaStreams.State streamsState = streams == null ? KafkaStreams.State.CREATED : streams.state();
        final LakeSink.State sinkState = sink == null ? LakeSink.State.CREATED : sink.state();
        components.put("streams", streamsState.name());
        components.put("sink", sinkState.name());
        components.put("catalog", catalog == null ? "-" : catalog.description());
        final String failed = failure.get();
        if (failed != null) {
            components.put("failure", failed);
        }
        final boolean live = failed == null && streamsState != KafkaStreams.State.ERROR
                && sinkState != LakeSink.State.FAILED;
        // a STALLED sink (cannot write for sink.stall.after.ms) is live but not ready: a restart would not fix
        // its store or catalog, while leaving the load balancer is harmless and makes the stall visible
        final boolean ready = live && streamsState == KafkaStreams.State.RUNNING && sinkState == LakeSink.State.RUNNING;
        return new Health(live, ready, components, healthCounters(counters()));
    }

    /** The counters shown with the health: dead letters by reason, late ticks by window. */
    private static Map<String, Map<String, Long>> healthCounters(final TopologyCounters.Snapshot s) {
        final Map<String, Long> dlq = new LinkedHashMap<>();
        dlq.put("total", s.deadLetterTotal());
        dlq.putAll(s.deadLetters());
        final Map<String, Long> late = new LinkedHashMap<>();
        late.put("ticks", s.lateTicks());
        late.putAll(s.lateWindows());
        final Map<String, Map<String, Long>> groups = new LinkedHashMap<>();
        groups.put("dead_letters", dlq);
        groups.put("late", late);
        return groups;
    }

    /** Dead letters and late ticks counted by this instance's tasks so far. */
    public TopologyCounters.Snapshot counters() {
        return counters == null ? TopologyCounters.Snapshot.empty() : counters.snapshot();
    }

    /** The admin server's port. */
    public int httpPort() {
        return http.port();
    }

    public StreamsRunner streams() {
        return streams;
    }

    public LakeSink sink() {
        return sink;
    }

    public ObjectStore store() {
        return store;
    }

    /** The refresher of the rollups, when the lake is local and {@code rollup.refresh.interval.ms} is not 0. */
    public Optional<RollupRefresher> rollups() {
        return Optional.ofNullable(rollups);
    }

    /** Asks {@link #awaitStop()} to return; never blocks (signal handlers call it). */
    public void requestStop() {
        stopRequested.countDown();
    }

    /** Blocks until a stop is requested or something failed; returns the failure, if any. */
    public Optional<String> awaitStop() throws InterruptedException {
        while (!stopRequested.await(500, TimeUnit.MILLISECONDS)) {
            if (sink != null && sink.state() == LakeSink.State.FAILED) {
                fail("the lake sink failed: " + sink.failure());
            }
        }
        return Optional.ofNullable(failure.get());
    }

    /** Waits until {@link #close()} has finished (the shutdown hook waits with it). */
    public void awaitClosed() {
        try {
            closed.await(config.closeTimeoutMs() * 3, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(final String reason) {
        if (failure.compareAndSet(null, reason)) {
            LOG.error("Stopping: {}", reason);
        }
        stopRequested.countDown();
    }

    /** Stops intake, closes Streams, flushes and commits the sink, closes catalog, store and HTTP (once). */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            if (compaction != null) {
                compaction.close(); // an interrupted run is finished by the next one
            }
            if (streams != null) {
                streams.close();
            }
            if (sink != null) {
                sink.close();
                LOG.info("Lake sink stopped: {} rows, {} files committed", sink.metrics().snapshot().recordsWritten(),
                        sink.metrics().snapshot().filesUploaded());
            }
            if (rollups != null) {
                rollups.close(); // after the sink: its last batches are in the journal for the next start
            }
            if (catalog != null) {
                catalog.close();
            }
            if (store != null) {
                store.close();
            }
            if (http != null) {
                http.close();
            } else if (httpBinding != null) {
                httpBinding.close();
            }
            if (bars != null) {
                bars.close();
            }
            meters.close();
        } finally {
            closed.countDown();
        }
    }
}
