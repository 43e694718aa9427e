package io.ticklake.sink;

import io.ticklake.data.Watermark;
import io.ticklake.sink.lake.LakeTable;
import io.ticklake.sink.lake.PartitionListener;
import io.ticklake.sink.store.Backoff;
import io.ticklake.sink.store.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lake sink: a Kafka consumer that writes each mapped topic into its lake table as Hive-partitioned
 * Parquet, exactly once (why: docs/ARCHITECTURE.md, section 6). Per topic-partition, records
 * are buffered as compact rows in one open batch (one file per partition path); when the roll policy,
 * the memory bound or the open-files bound says so, every file of the batch is uploaded and then the
 * batch's end offset is committed synchronously. While the store fails, the partition is paused and
 * the upload retried with backoff and jitter; the consumer keeps polling, so it stays in the group.
 *
 * <p>This class is the loop: it polls, routes each record to its partition's {@link PartitionWriter}
 * (which owns the batch and its retry state), rolls, retries, pauses and resumes, and handles rebalances;
 * {@link BufferBudget} owns the counters and the early-roll choice, {@link BatchLanding} lands a sealed
 * batch.
 *
 * <p>Lifecycle: {@link #run()} blocks on the calling thread (or {@link #start()} runs it on a thread
 * of its own) until {@link #close()}, which flushes and commits what it can, then closes the consumer.
 */
public final class LakeSink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LakeSink.class);

    /**
     * Where the sink is in its life. {@code STALLED} is {@code RUNNING} while it cannot write: a closed
     * batch has waited longer than {@code sink.stall.after.ms} for its files and commit (the store or
     * the commit hook keeps failing); it keeps retrying and becomes {@code RUNNING} again by itself.
     */
    public enum State { CREATED, RUNNING, STALLED, STOPPING, STOPPED, FAILED }

    private static final long NONE_SEALED = Long.MAX_VALUE;

    private final SinkConfig config;
    private final Consumer<byte[], byte[]> consumer;
    private final Clock clock;
    private final RollPolicy policy;
    private final BatchLanding landing;
    private final ObjectStore store;
    private final SinkMetrics metrics = new SinkMetrics();
    private final Backoff backoff;
    private final Map<String, RecordDecoder> decoders = new HashMap<>();
    private final Map<TopicPartition, PartitionWriter> writers = new HashMap<>();
    private final Map<TopicPartition, Long> rewind = new HashMap<>();
    private final InvalidLog invalidLog = new InvalidLog();
    private final long pollGuardNanos;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final BufferBudget budget;
    private final LongSupplier ticker;
    private boolean mustRejoin;
    private long lastPollNanos;
    private volatile boolean stopping;
    private volatile State state = State.CREATED;
    /** When the oldest closed, uncommitted batch was closed (clock millis), or {@link #NONE_SEALED}. */
    private volatile long oldestSealedAt = NONE_SEALED;
    private volatile Throwable failure;

    /**
     * A sink reading with a new {@link KafkaConsumer}.
     *
     * @param consumerProps Kafka consumer properties; {@code bootstrap.servers} and {@code group.id} are
     *                      required; deserializers, {@code enable.auto.commit=false} are forced;
     *                      {@code isolation.level=read_committed}, {@code auto.offset.reset=earliest}
     *                      and {@code max.poll.records=2000} are defaults
     * @param store         where files go
     * @param listener      told about new partition paths (before their batch is committed)
     * @param clock         wall clock for the age of batches
     */
    public LakeSink(final SinkConfig config, final Map<String, Object> consumerProps, final ObjectStore store,
                    final PartitionListener listener, final Clock clock) {
        this(config, consumerProps, store, new PartitionAnnouncer(listener, config.announcedMax()), clock);
    }

    /**
     * A sink reading with a new {@link KafkaConsumer}, running {@code hook} for every batch between its
     * files becoming durable and its offsets being committed (e.g. catalog registration).
     */
    public LakeSink(final SinkConfig config, final Map<String, Object> consumerProps, final ObjectStore store,
                    final BatchCommitHook hook, final Clock clock) {
        this(config, new KafkaConsumer<>(consumerConfig(consumerProps), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()), maxPollInterval(consumerProps), store, hook, clock);
    }

    LakeSink(final SinkConfig config, final Consumer<byte[], byte[]> consumer, final long maxPollIntervalMs,
             final ObjectStore store, final PartitionListener listener, final Clock clock) {
        this(config, consumer, maxPollIntervalMs, store, new PartitionAnnouncer(listener, config.announcedMax()),
                clock);
    }

    LakeSink(final SinkConfig config, final Consumer<byte[], byte[]> consumer, final long maxPollIntervalMs,
             final ObjectStore store, final BatchCommitHook hook, final Clock clock) {
        this(config, consumer, maxPollIntervalMs, store, hook, clock, System::nanoTime);
    }

    /**
     * @param ticker monotonic nanoseconds for the poll guard (tests pass a manual one; the wall
     *               {@code clock} ages batches)
     */
    LakeSink(final SinkConfig config, final Consumer<byte[], byte[]> consumer, final long maxPollIntervalMs,
             final ObjectStore store, final BatchCommitHook hook, final Clock clock, final LongSupplier ticker) {
        this.ticker = java.util.Objects.requireNonNull(ticker, "ticker");
        this.lastPollNanos = ticker.getAsLong();
        this.budget = new BufferBudget(config.bufferMaxBytes(), config.maxOpenFiles());
        this.config = config;
        this.consumer = consumer;
        this.clock = clock;
        this.store = store;
        this.policy = config.roll();
        this.backoff = new Backoff(config.retryBackoffInitial(), config.retryBackoffMax());
        this.landing = new BatchLanding(consumer, new BatchUploader(store, config.fileFormat(), metrics, ticker),
                java.util.Objects.requireNonNull(hook, "hook"), budget, metrics, clock);
        // upload only while well inside the poll interval: a member that overran it may have lost its partitions
        this.pollGuardNanos = TimeUnit.MILLISECONDS.toNanos(maxPollIntervalMs / 2);
        for (LakeTable t : config.tables().tables()) {
            decoders.put(t.topic(), new RecordDecoder(t.codec()));
        }
    }

    static Map<String, Object> consumerConfig(final Map<String, Object> props) {
        final Map<String, Object> p = new HashMap<>(props);
        if (p.get(ConsumerConfig.GROUP_ID_CONFIG) == null || p.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new IllegalArgumentException("the sink consumer needs bootstrap.servers and group.id");
        }
        p.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, p.get(ConsumerConfig.GROUP_ID_CONFIG) + "-lake");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        p.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        return p;
    }

    private static long maxPollInterval(final Map<String, Object> props) {
        final Object v = props.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        return v == null ? 300_000L : Long.parseLong(v.toString());
    }

    /** Runs {@link #run()} on a new thread named {@code ticklake-sink}; returns this. */
    public LakeSink start() {
        state = State.RUNNING;
        final Thread t = new Thread(this::runQuietly, "ticklake-sink");
        t.setDaemon(true);
        t.start();
        return this;
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException | Error e) {
            // run() recorded it: state() is FAILED and failure() holds it for the app's health check
            LOG.error("lake sink failed", e);
        }
    }

    /** Consumes until {@link #close()}; rethrows an unexpected failure after closing the consumer. */
    public void run() {
        state = State.RUNNING;
        LOG.info("lake sink writing {} into {}", config.tables(), store.root());
        try {
            consumer.subscribe(config.tables().topics(), new Rebalance());
            while (!stopping) {
                final ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout());
                lastPollNanos = ticker.getAsLong();
                if (mustRejoin) {
                    records.partitions().forEach(tp -> rewind.putIfAbsent(tp, records.records(tp).get(0).offset()));
                } else {
                    process(records);
                    rollAged();
                    retryPending();
                }
                syncPause();
                gauges();
            }
        } catch (WakeupException e) {
            if (!stopping) {
                failure = e;
                throw e;
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            state = State.FAILED;
            throw e;
        } finally {
            try {
                if (failure == null) {
                    state = State.STOPPING;
                    flushAll();
                    gauges();   // so that the final snapshot shows what the flush left (nothing, normally)
                }
            } finally {
                consumer.close(Duration.ofSeconds(10));
                state = failure == null ? State.STOPPED : State.FAILED;
                stopped.countDown();
                LOG.info("lake sink stopped: {}", metrics.snapshot());
            }
        }
    }

    /** The sink's state (RUNNING means it consumes and writes; health checks use it). Thread-safe. */
    public State state() {
        final State s = state;
        final long sealedAt = oldestSealedAt;
        if (s == State.RUNNING && sealedAt != NONE_SEALED
                && clock.millis() - sealedAt > config.stallAfter().toMillis()) {
            return State.STALLED;
        }
        return s;
    }

    /** The failure that stopped the sink, or null. */
    public Throwable failure() {
        return failure;
    }

    /** The metrics. */
    public SinkMetrics metrics() {
        return metrics;
    }

    /** Stops consuming, flushes and commits what the store accepts, closes the consumer; waits up to 60 s. */
    @Override
    public void close() {
        stopping = true;
        if (state == State.CREATED) {
            state = State.STOPPED;
            consumer.close(Duration.ofSeconds(10));
            return;
        }
        consumer.wakeup();
        try {
            stopped.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Duration pollTimeout() {
        long wait = config.pollTimeout().toMillis();
        final long now = clock.millis();
        for (PartitionWriter w : writers.values()) {
            wait = w.untilRetry(now, wait);
        }
        return Duration.ofMillis(wait);
    }

    private void process(final ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            final RecordDecoder decoder = decoders.get(tp.topic());
            for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                if (mustRejoin) {
                    // ownership in doubt: read nothing more; re-read from here once the group is rejoined
                    rewind.putIfAbsent(tp, r.offset());
                    break;
                }
                final PartitionWriter w = writers.computeIfAbsent(tp, p -> new PartitionWriter(
                        new Batch(p, config.tables().forTopic(p.topic()).orElseThrow(), r.offset()), backoff));
                final Batch b = w.batch();
                if (b.sealed() || budget.full()) {
                    // intake stopped for this partition: re-read the rest once it resumes
                    consumer.seek(tp, r.offset());
                    break;
                }
                add(b, decoder, r);
                final RollPolicy.Reason reason = policy.shouldRoll(b.records, b.bytes, b.openedAt, clock.millis());
                if (reason != null) {
                    flush(b, reason);
                }
                enforceBounds();
            }
        }
    }

    private void add(final Batch b, final RecordDecoder decoder, final ConsumerRecord<byte[], byte[]> r) {
        final long now = clock.millis();
        if (Watermark.isWatermark(r.headers())) {
            metrics.control();
            b.skip(r.offset(), now);
            return;
        }
        try {
            final Object row = decoder.decode(r.value());
            final long delta = b.append(row, r.partition(), r.offset(), now);
            budget.appended(delta, b.openedFile());
        } catch (RecordDecoder.InvalidValueException e) {
            metrics.invalid();
            invalidLog.log(r, e.getMessage());
            b.skip(r.offset(), now);
        }
    }

    /** Early rolls while the buffer or the open paths exceed their bounds; stops intake if none can roll. */
    private void enforceBounds() {
        for (RollPolicy.Reason over = budget.overBound(); over != null; over = budget.overBound()) {
            final Batch victim = budget.victim(batches(), over);
            if (victim == null) {
                budget.markFull();
                break;
            }
            flush(victim, over);
        }
        metrics.buffer(budget.bytes(), budget.openFiles());
    }

    private void rollAged() {
        final long now = clock.millis();
        for (Batch b : batches()) {
            if (!b.sealed() && b.records > 0 && policy.shouldRoll(b.records, b.bytes, b.openedAt, now) != null) {
                flush(b, policy.shouldRoll(b.records, b.bytes, b.openedAt, now));
            }
        }
    }

    private void retryPending() {
        final long now = clock.millis();
        for (PartitionWriter w : new ArrayList<>(writers.values())) {
            if (w.retryDue(now) && !mustRejoin) {
                metrics.retry();
                uploadAndCommit(w.batch());
            }
        }
        budget.releaseIfWithin();
    }

    private void flush(final Batch b, final RollPolicy.Reason reason) {
        b.seal(reason, clock.millis());
        if (oldestSealedAt == NONE_SEALED) {
            oldestSealedAt = b.sealedAt;
        }
        metrics.rolled(reason);
        uploadAndCommit(b);
    }

    private void uploadAndCommit(final Batch b) {
        final PartitionWriter w = writers.get(b.tp);
        if (mustRejoin || w == null || w.batch() != b) {
            return;
        }
        switch (landing.land(w, () -> ticker.getAsLong() - lastPollNanos < pollGuardNanos)) {
            case LANDED -> {
                writers.remove(b.tp);
                sealedChanged();
            }
            case REJECTED -> rejoin();
            case MUST_POLL, FAILED -> { }
        }
    }

    /** A commit was rejected: drop every open batch and re-read it from its start once the group is rejoined. */
    private void rejoin() {
        mustRejoin = true;
        for (TopicPartition tp : new ArrayList<>(writers.keySet())) {
            rewind.put(tp, writers.get(tp).batch().startOffset);
            drop(tp);
        }
    }

    /** The writers' batches (a copy: landing one removes its writer). */
    private List<Batch> batches() {
        final List<Batch> out = new ArrayList<>(writers.size());
        writers.values().forEach(w -> out.add(w.batch()));
        return out;
    }

    /** Recomputes {@link #oldestSealedAt} after a closed batch left. */
    private void sealedChanged() {
        long oldest = NONE_SEALED;
        for (Batch b : batches()) {
            if (b.sealed()) {
                oldest = Math.min(oldest, b.sealedAt);
            }
        }
        oldestSealedAt = oldest;
    }

    /** Pauses partitions whose batch is sealed (or all, when memory is full); resumes the others. */
    private void syncPause() {
        final Set<TopicPartition> assigned = consumer.assignment();
        final Set<TopicPartition> want = new HashSet<>();
        for (TopicPartition tp : assigned) {
            final PartitionWriter w = writers.get(tp);
            if (budget.full() || w != null && w.sealed()) {
                want.add(tp);
            }
        }
        final Set<TopicPartition> paused = consumer.paused();
        final List<TopicPartition> resume = paused.stream().filter(tp -> !want.contains(tp)).toList();
        final List<TopicPartition> pause = want.stream().filter(tp -> !paused.contains(tp)).toList();
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    private void gauges() {
        long lag = 0;
        for (TopicPartition tp : consumer.assignment()) {
            lag += consumer.currentLag(tp).orElse(0);
        }
        metrics.gauges(lag, budget.bytes(), budget.openFiles(), budget.rows(), consumer.paused().size(),
                store.retries());
    }

    /** On shutdown: one attempt for every batch with records, then give up (nothing uncommitted is lost). */
    private void flushAll() {
        for (Batch b : batches()) {
            if (mustRejoin) {
                return;
            }
            try {
                if (!b.sealed() && b.records > 0) {
                    flush(b, RollPolicy.Reason.SHUTDOWN);
                } else if (b.sealed()) {
                    uploadAndCommit(b);
                }
            } catch (WakeupException e) {
                // close() woke a commit up; the next attempt is not woken
                uploadAndCommit(b);
            }
        }
    }

    private void drop(final TopicPartition tp) {
        final PartitionWriter w = writers.remove(tp);
        if (w == null) {
            return;
        }
        final Batch b = w.batch();
        budget.dropped(b);
        if (b.records > 0) {
            metrics.dropped();
        }
        sealedChanged();
    }

    /** Drops the batches of partitions this member no longer owns; rewinds the ones it kept after a lost commit. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
            // no upload is in flight here: uploads run on this thread, between polls
            partitions.forEach(tp -> {
                rewind.remove(tp);
                drop(tp);
            });
        }

        @Override
        public void onPartitionsLost(final Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
            final Set<TopicPartition> owned = consumer.assignment();
            rewind.forEach((tp, offset) -> {
                if (owned.contains(tp)) {
                    consumer.seek(tp, offset);
                }
            });
            rewind.clear();
            mustRejoin = false;
            budget.reset();
            LOG.info("lake sink assigned {}", owned);
        }
    }

    /** Logs invalid records without flooding: the first 10, then every 10,000th. */
    private static final class InvalidLog {
        private long count;

        void log(final ConsumerRecord<byte[], byte[]> r, final String reason) {
            count++;
            if (count <= 10 || count % 10_000 == 0) {
                LOG.warn("skipping invalid record {}-{}@{} ({}); {} so far", r.topic(), r.partition(), r.offset(),
                        reason, count);
            }
        }
    }
}
