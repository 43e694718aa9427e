package io.ticklake.service;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one {@link KafkaStreams}: creates and starts it, classifies stream-thread failures, tracks
 * its state, exposes its metrics and closes it cleanly (leaving the group, bounded in time).
 *
 * <p>A transient failure (retriable Kafka error, timeout, task migration) replaces the failed
 * thread, at most {@value #MAX_REPLACEMENTS} times per {@link #REPLACEMENT_WINDOW}; anything else,
 * or too many replacements, shuts the client down and is kept as {@link #failure()}, so that the
 * owner can stop the process with an error instead of running without processing.
 */
public final class StreamsRunner implements AutoCloseable {
    static final int MAX_REPLACEMENTS = 5;
    static final Duration REPLACEMENT_WINDOW = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);

    private final Topology topology;
    private final Properties props;
    private final Duration closeTimeout;
    private final Clock clock;
    private final Deque<Long> replacements = new ArrayDeque<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CopyOnWriteArrayList<BiConsumer<KafkaStreams.State, KafkaStreams.State>> listeners =
            new CopyOnWriteArrayList<>();
    private KafkaStreams streams;
    private boolean closed;

    public StreamsRunner(final Topology topology, final Properties props, final Duration closeTimeout, final Clock clock) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.props = (Properties) props.clone();
        this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Called on every state change (new, old), from a Streams thread. */
    public void onStateChange(final BiConsumer<KafkaStreams.State, KafkaStreams.State> listener) {
        listeners.add(listener);
    }

    /** Creates and starts the client. */
    public synchronized void start() {
        if (streams != null) {
            throw new IllegalStateException("already started");
        }
        streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(this::onThreadFailure);
        streams.setStateListener((now, before) -> {
            LOG.info("Kafka Streams {} -> {}", before, now);
            listeners.forEach(l -> l.accept(now, before));
        });
        streams.start();
        LOG.info("Kafka Streams started: application {} ({})", props.get("application.id"),
                props.get("processing.guarantee"));
    }

    /** The decision for a failed stream thread; see the class comment. */
    StreamThreadExceptionResponse onThreadFailure(final Throwable e) {
        if (isTransient(e) && replacementAllowed()) {
            LOG.warn("Stream thread failed ({}); replacing it", describe(e));
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        failure.compareAndSet(null, e);
        LOG.error("Stream thread failed fatally ({}); shutting Kafka Streams down", describe(e), e);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** Whether a failure is worth a new thread: retriable Kafka errors, timeouts and task migrations. */
    static boolean isTransient(final Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RetriableException || t instanceof TaskMigratedException
                    || t instanceof org.apache.kafka.common.errors.TimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private synchronized boolean replacementAllowed() {
        final long now = clock.millis();
        while (!replacements.isEmpty() && replacements.peekFirst() < now - REPLACEMENT_WINDOW.toMillis()) {
            replacements.removeFirst();
        }
        if (replacements.size() >= MAX_REPLACEMENTS) {
            return false;
        }
        replacements.addLast(now);
        return true;
    }

    private static String describe(final Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e) : e.getClass().getSimpleName() + " caused by " + root;
    }

    /** The current state, or CREATED before {@link #start()}. */
    public synchronized KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    public boolean isRunning() {
        return state() == KafkaStreams.State.RUNNING;
    }

    /** The fatal failure that shut the client down, if any. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** The client's metrics (empty before start). */
    public synchronized Map<MetricName, ? extends Metric> metrics() {
        return streams == null ? Map.of() : streams.metrics();
    }

    /** The running client, for interactive queries. */
    public synchronized Optional<KafkaStreams> streams() {
        return Optional.ofNullable(streams);
    }

    /** Closes the client, leaving the group, within the close timeout (idempotent). */
    @Override
    public synchronized void close() {
        if (streams == null || closed) {
            return;
        }
        closed = true;
        final long t0 = System.nanoTime();
        boolean clean;
        try {
            clean = streams.close(CloseOptions.groupMembershipOperation(
                    CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(closeTimeout));
        } catch (KafkaException e) {
            LOG.warn("Closing Kafka Streams failed: {}", e.toString());
            clean = false;
        }
        LOG.info("Kafka Streams closed{} in {} ms", clean ? "" : " (timed out)",
                Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }
}
