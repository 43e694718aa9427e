package io.ticklake.app.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.IsolationLevel;

/**
 * Samples, every {@link #PERIOD}, how far both groups of one application have committed against the
 * ends of their input: the Streams group on {@code ticks-raw} and the sink group on
 * {@code ticks-enriched}. From the samples it tells the longest <em>pause</em> in a time window: the
 * longest stretch during which a group's committed offset on one partition did not advance although
 * input was waiting there (lag above 0). A group with nothing to do is idle, not paused.
 */
final class ProgressSampler implements AutoCloseable {
    static final Duration PERIOD = Duration.ofMillis(200);

    /** One look at {@code nanos}: committed offsets and input ends of both groups, by partition. */
    record Sample(long nanos, Map<Integer, Long> streamsCommitted, Map<Integer, Long> rawEnd,
                  Map<Integer, Long> sinkCommitted, Map<Integer, Long> enrichedEnd) {
    }

    /** Which group a pause is asked for. */
    enum Group { STREAMS, SINK }

    private final String appId;
    private final int partitions;
    private final GroupProbe groups;
    private final KafkaProbe offsets;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    ProgressSampler(final String bootstrapServers, final String appId, final int partitions) {
        this.appId = appId;
        this.partitions = partitions;
        this.groups = new GroupProbe(bootstrapServers);
        this.offsets = new KafkaProbe(bootstrapServers);
        this.thread = new Thread(this::loop, "progress-sampler-" + appId);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            final long t = System.nanoTime();
            try {
                final Map<Integer, Long> raw = groups.ends("ticks-raw", partitions, IsolationLevel.READ_UNCOMMITTED);
                final Map<Integer, Long> enriched = groups.ends("ticks-enriched", partitions,
                        IsolationLevel.READ_COMMITTED);
                final Map<Integer, Long> streams = offsets.committed(appId, "ticks-raw");
                final Map<Integer, Long> sink = offsets.committed(appId + "-sink", "ticks-enriched");
                synchronized (samples) {
                    samples.add(new Sample(t, streams, raw, sink, enriched));
                }
            } catch (RuntimeException | AssertionError e) {
                // a missed sample (broker busy) only lowers the resolution
            }
            LockSupport.parkNanos(Math.max(0, PERIOD.toNanos() - (System.nanoTime() - t)));
        }
    }

    /**
     * The longest pause of {@code group} between {@code fromNanos} and {@code toNanos}, in ms, over its
     * partitions (a rebalance may stall only the partitions that move): per partition, the longest
     * time from a sample where it had advanced (or had no lag) to a later one where it still had not
     * advanced while lagging.
     */
    long longestPauseMs(final Group group, final long fromNanos, final long toNanos) {
        final List<Sample> window;
        synchronized (samples) {
            window = samples.stream().filter(s -> s.nanos() >= fromNanos && s.nanos() <= toNanos).toList();
        }
        long longest = 0;
        for (int p = 0; p < partitions; p++) {
            longest = Math.max(longest, longestPause(window, group, p, fromNanos));
        }
        return longest / 1_000_000;
    }

    private static long longestPause(final List<Sample> window, final Group group, final int partition,
                                     final long fromNanos) {
        long longest = 0;
        long lastMoving = fromNanos;
        long previous = -1;
        for (final Sample s : window) {
            final Map<Integer, Long> committedNow = group == Group.STREAMS ? s.streamsCommitted() : s.sinkCommitted();
            if (committedNow.isEmpty()) {
                continue;   // the committed offsets could not be read: no information
            }
            final long committed = committedNow.getOrDefault(partition, 0L);
            final long end = (group == Group.STREAMS ? s.rawEnd() : s.enrichedEnd()).getOrDefault(partition, 0L);
            if (committed > previous || committed >= end) {
                lastMoving = s.nanos();
            } else {
                longest = Math.max(longest, s.nanos() - lastMoving);
            }
            previous = Math.max(previous, committed);
        }
        return longest;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        groups.close();
        offsets.close();
    }
}
