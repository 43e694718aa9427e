package io.ticklake.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticklake.data.json.Json;
import io.ticklake.sink.store.LakeRoot;
import io.ticklake.sink.store.LocalObjectStore;
import io.ticklake.sink.store.ObjectStore;
import io.ticklake.sink.testing.TickFeed;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink's poll loop over Kafka's {@link MockConsumer} (through the package-private constructor, no
 * broker): records routed to their partition's files, offsets committed only once those files are
 * durable, a revoked partition's batch dropped, the poll guard read from the injected ticker.
 */
class LakeSinkLoopTest {
    private static final String TOPIC = "ticks-m";
    private static final TopicPartition TP0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition TP1 = new TopicPartition(TOPIC, 1);
    private static final LocalDate D1 = LocalDate.of(2021, 5, 27);
    private static final LocalDate D2 = LocalDate.of(2021, 5, 28);

    @TempDir
    Path dir;

    /**
     * A consumer that records what the store held at each commit, and stays readable after close. It keeps
     * every record it was given, like a log: MockConsumer forgets a record once polled, but the sink seeks
     * back to re-read what it did not take in (a paused or full partition), so a seek re-adds the rest.
     */
    private static final class RecordingConsumer extends MockConsumer<byte[], byte[]> {
        record Commit(TopicPartition tp, long offset, List<String> durable) { }

        final List<Commit> commits = new CopyOnWriteArrayList<>();
        /** Commits to reject as the group does after this member was kicked out. */
        final AtomicInteger rejectCommits = new AtomicInteger();
        private final ObjectStore store;
        private final List<ConsumerRecord<byte[], byte[]>> log = new ArrayList<>();

        RecordingConsumer(final ObjectStore store, final TopicPartition... partitions) {
            super("earliest");
            this.store = store;
            final Map<TopicPartition, Long> beginning = new java.util.HashMap<>();
            for (TopicPartition tp : partitions) {
                beginning.put(tp, 0L);
            }
            updateBeginningOffsets(beginning);
        }

        @Override
        public synchronized void commitSync(final Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (rejectCommits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new CommitFailedException();
            }
            try {
                final List<String> durable = store.list("ticks/");
                offsets.forEach((tp, m) -> commits.add(new Commit(tp, m.offset(), durable)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            super.commitSync(offsets);
        }

        @Override
        public synchronized void seek(final TopicPartition tp, final long offset) {
            super.seek(tp, offset);
            // the sink seeks while handling this partition's polled records: none of them is pending
            log.stream().filter(r -> r.topic().equals(tp.topic()) && r.partition() == tp.partition()
                    && r.offset() >= offset).forEach(super::addRecord);
        }

        @Override
        public synchronized void addRecord(final ConsumerRecord<byte[], byte[]> r) {
            log.add(r);
            super.addRecord(r);
        }

        @Override
        public synchronized void close(final Duration timeout) {
            // stays readable: the test checks what was committed before the sink closed it
        }

        long committed(final TopicPartition tp) {
            final OffsetAndMetadata m = committed(Set.of(tp)).get(tp);
            return m == null ? 0 : m.offset();
        }

        /** On the sink's next poll: (re)assigns {@code assignment} and then adds the given records. */
        void onNextPoll(final List<TopicPartition> assignment, final List<ConsumerRecord<byte[], byte[]>> records) {
            schedulePollTask(() -> {
                rebalance(assignment);
                records.forEach(this::addRecord);
            });
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> ticks(final TopicPartition tp, final String index,
                                                             final long from, final int n) throws IOException {
        final List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final long offset = from + i;
            final byte[] value = Json.MAPPER.writeValueAsBytes(TickFeed.tick(index, i % 2 == 0 ? D1 : D2, (int) offset));
            out.add(new ConsumerRecord<>(tp.topic(), tp.partition(), offset, null, value));
        }
        return out;
    }

    private static SinkConfig config(final String maxRecords) {
        return LakeSinkTest.config(Map.of("sink.tables", TOPIC + "=ticks", "sink.roll.max.records", maxRecords,
                "sink.roll.max.age.ms", "3600000"));
    }

    private static String file(final String index, final LocalDate date, final TopicPartition tp, final long first) {
        return "ticks/index=" + index + "/date=" + date + "/" + tp.topic() + "+" + tp.partition() + "+"
                + String.format("%020d", first) + ".parquet";
    }

    @Test
    void routesEachPartitionToItsFilesAndCommitsAnOffsetOnlyOnceItsFilesAreDurable() throws Exception {
        try (LocalObjectStore local = LocalObjectStore.at(dir);
             FailingFirstPuts store = new FailingFirstPuts(local, 2)) {
            final RecordingConsumer consumer = new RecordingConsumer(store, TP0, TP1);
            final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(ticks(TP0, "NYA", 0, 25));
            records.addAll(ticks(TP1, "N225", 0, 14));
            consumer.onNextPoll(List.of(TP0, TP1), records);
            final LakeSink sink = new LakeSink(config("10"), consumer, 300_000, store, BatchCommitHook.NONE,
                    Clock.systemUTC()).start();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> consumer.committed(TP0) == 20 && consumer.committed(TP1) == 10);
            sink.close();

            assertThat(consumer.committed(TP0)).isEqualTo(25);
            assertThat(consumer.committed(TP1)).isEqualTo(14);
            assertThat(store.failed.get()).as("the store failed the first uploads").isEqualTo(2);
            assertThat(store.list("ticks/")).containsExactlyInAnyOrder(
                    file("NYA", D1, TP0, 0), file("NYA", D2, TP0, 1),
                    file("NYA", D1, TP0, 10), file("NYA", D2, TP0, 11),
                    file("NYA", D1, TP0, 20), file("NYA", D2, TP0, 21),
                    file("N225", D1, TP1, 0), file("N225", D2, TP1, 1),
                    file("N225", D1, TP1, 10), file("N225", D2, TP1, 11));
            // every batch commits after both of its files (one per date) were in the store, never before
            assertThat(consumer.commits).hasSize(5).allSatisfy(c -> {
                final long first = c.offset() % 10 == 0 ? c.offset() - 10 : c.offset() - c.offset() % 10;
                final String index = c.tp().equals(TP0) ? "NYA" : "N225";
                assertThat(c.durable()).contains(file(index, D1, c.tp(), first), file(index, D2, c.tp(), first + 1));
            });
            assertThat(sink.metrics().snapshot().recordsWritten()).isEqualTo(39);
        }
    }

    @Test
    void aRevokedPartitionsBatchIsDroppedAndNeitherWrittenNorCommitted() throws Exception {
        try (LocalObjectStore store = LocalObjectStore.at(dir)) {
            final RecordingConsumer consumer = new RecordingConsumer(store, TP0, TP1);
            final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(ticks(TP0, "NYA", 0, 5));
            records.addAll(ticks(TP1, "N225", 0, 5));
            consumer.onNextPoll(List.of(TP0, TP1), records);
            final LakeSink sink = new LakeSink(config("100"), consumer, 300_000, store, BatchCommitHook.NONE,
                    Clock.systemUTC()).start();
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.metrics().snapshot().bufferedRows() == 10);
            consumer.onNextPoll(List.of(TP0), List.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.metrics().snapshot().batchesDropped() == 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.metrics().snapshot().bufferedRows() == 5);
            sink.close();

            assertThat(consumer.commits).extracting(RecordingConsumer.Commit::tp).containsExactly(TP0);
            assertThat(consumer.committed(TP0)).isEqualTo(5);
            assertThat(store.list("ticks/")).containsExactlyInAnyOrder(file("NYA", D1, TP0, 0), file("NYA", D2, TP0, 1));
            assertThat(sink.metrics().snapshot().recordsWritten()).isEqualTo(5);
        }
    }

    @Test
    void aRejectedCommitDropsTheBatchAndTheRejoinedMemberRereadsItFromItsStart() throws Exception {
        try (LocalObjectStore store = LocalObjectStore.at(dir)) {
            final RecordingConsumer consumer = new RecordingConsumer(store, TP0);
            consumer.rejectCommits.set(1);
            consumer.onNextPoll(List.of(TP0), ticks(TP0, "NYA", 0, 10));
            final LakeSink sink = new LakeSink(config("10"), consumer, 300_000, store, BatchCommitHook.NONE,
                    Clock.systemUTC()).start();
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.metrics().snapshot().batchesDropped() == 1);
            assertThat(consumer.committed(TP0)).isZero();
            // the group is rejoined: the same partition comes back, and the sink rewinds it to the batch's start
            consumer.onNextPoll(List.of(TP0), List.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.committed(TP0) == 10);
            sink.close();

            assertThat(consumer.commits).extracting(RecordingConsumer.Commit::offset).containsExactly(10L);
            assertThat(store.list("ticks/")).containsExactlyInAnyOrder(file("NYA", D1, TP0, 0), file("NYA", D2, TP0, 1));
            assertThat(sink.metrics().snapshot().errors()).isEqualTo(1);
            assertThat(sink.metrics().snapshot().recordsWritten()).isEqualTo(10);
        }
    }

    @Test
    void noUploadStartsWhileTheInjectedTickerSaysTheLastPollIsTooLongAgo() throws Exception {
        try (LocalObjectStore store = LocalObjectStore.at(dir)) {
            final RecordingConsumer consumer = new RecordingConsumer(store, TP0);
            consumer.onNextPoll(List.of(TP0), ticks(TP0, "NYA", 0, 25));
            // every reading is a second after the last: always past half of a 1 s max.poll.interval.ms
            final AtomicLong nanos = new AtomicLong();
            final LakeSink sink = new LakeSink(config("10"), consumer, 1_000, store, BatchCommitHook.NONE,
                    Clock.systemUTC(), () -> nanos.addAndGet(1_000_000_000L)).start();
            // the first batch rolls, and every attempt to upload it is deferred to after the next poll
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.metrics().snapshot().rolls()
                    .getOrDefault(RollPolicy.Reason.RECORDS, 0L) == 1 && sink.metrics().snapshot().retries() >= 5);
            sink.close();
            assertThat(store.list("")).isEmpty();
            assertThat(consumer.commits).isEmpty();
        }
    }

    /** A store whose first {@code n} uploads fail (an outage), then delegates. */
    private static final class FailingFirstPuts extends io.ticklake.sink.store.ForwardingObjectStore {
        final AtomicInteger failed = new AtomicInteger();
        private final int n;

        FailingFirstPuts(final ObjectStore delegate, final int n) {
            super(delegate);
            this.n = n;
        }


        @Override
        public void put(final String key, final byte[] content) throws IOException {
            if (failed.get() < n) {
                failed.incrementAndGet();
                throw new IOException("simulated outage");
            }
            delegate.put(key, content);
        }




        @Override
        public void close() {
        }
    }
}
