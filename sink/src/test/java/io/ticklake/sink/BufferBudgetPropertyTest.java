package io.ticklake.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.sink.lake.LakeTable;
import io.ticklake.sink.testing.TickFeed;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.common.TopicPartition;

/**
 * The buffer budget's invariant under any interleaving of what the sink does to its batches (append rows
 * into new or open files, roll early when over a bound, upload a batch's files, commit it, drop it on a
 * rebalance): each counter equals the sum over the live batches and none goes negative; when a bound is
 * exceeded the roll chosen is an open batch that frees the most of that bound, and after the early rolls
 * the budget is within its bounds unless no batch could roll (then it is full).
 * (Named *Test so that surefire's default includes pick it up.)
 */
class BufferBudgetPropertyTest {
    private static final LakeTable TABLE = new LakeTable("ticks-p", "ticks", LakeTable.Kind.TICKS);
    private static final List<String> INDICES = List.of("NYA", "N225", "GDAXI", "^GSPC");
    private static final long MAX_OPEN = 6;

    /** One action per element: its low bits choose what happens, the rest to which batch and which path. */
    @Property(tries = 300)
    void countersAreTheSumsOverLiveBatchesAndRollsKeepTheBounds(
            @ForAll @Size(max = 300) final List<@IntRange(min = 0, max = 10_000) Integer> actions,
            @ForAll @IntRange(min = 1_000, max = 200_000) final int maxBytes,
            @ForAll final boolean enforce) {
        final BufferBudget budget = new BufferBudget(maxBytes, MAX_OPEN);
        final Map<Integer, Batch> batches = new LinkedHashMap<>();
        long offset = 0;
        for (final int a : actions) {
            final int partition = (a / 4) % 5;
            switch (a % 4) {
                case 0 -> { // append; a sealed batch takes no more records, like the sink's intake
                    final Batch b = batches.computeIfAbsent(partition,
                            p -> new Batch(new TopicPartition(TABLE.topic(), p), TABLE, 0));
                    if (!b.sealed()) {
                        final String index = INDICES.get((a / 20) % INDICES.size());
                        final LocalDate date = LocalDate.of(2021, 5, 27 + (a / 80) % 2);
                        final long delta = b.append(TickFeed.tick(index, date, (int) offset), partition, offset++, 0);
                        budget.appended(delta, b.openedFile());
                        if (enforce) {
                            enforceBounds(budget, batches.values());
                        }
                    }
                }
                case 1 -> { // a roll: seal and upload every file of the batch
                    final Batch b = batches.get(partition);
                    if (b != null) {
                        roll(budget, b, RollPolicy.Reason.RECORDS);
                    }
                }
                case 2 -> { // commit a fully uploaded batch
                    final Batch b = batches.get(partition);
                    if (b != null && b.sealed() && b.openFiles() == 0) {
                        budget.committed(b);
                        batches.remove(partition);
                    }
                }
                default -> { // drop (revoked or lost), whatever state it is in
                    final Batch b = batches.remove(partition);
                    if (b != null) {
                        budget.dropped(b);
                    }
                }
            }
            assertCountersAreTheSums(budget, batches.values(), maxBytes);
            budget.releaseIfWithin();
            assertThat(budget.full()).as("full only while over a bound").isEqualTo(budget.full() && budget.over());
        }
    }

    /** What the sink does after each record: roll the chosen victim while over a bound. */
    private static void enforceBounds(final BufferBudget budget, final Collection<Batch> batches) {
        for (RollPolicy.Reason over = budget.overBound(); over != null; over = budget.overBound()) {
            final Batch victim = budget.victim(batches, over);
            final List<Batch> candidates = batches.stream().filter(b -> !b.sealed() && b.records > 0).toList();
            if (victim == null) {
                assertThat(candidates).as("no victim only when no open batch holds records").isEmpty();
                budget.markFull();
                return;
            }
            assertThat(candidates).contains(victim);
            if (over == RollPolicy.Reason.MEMORY) {
                assertThat(candidates).allSatisfy(b -> assertThat(b.bytes).isLessThanOrEqualTo(victim.bytes));
            } else {
                assertThat(candidates).allSatisfy(b -> assertThat(b.fileCount()).isLessThanOrEqualTo(victim.fileCount()));
            }
            roll(budget, victim, over);
        }
        assertThat(budget.over()).isFalse();
    }

    private static void roll(final BufferBudget budget, final Batch b, final RollPolicy.Reason reason) {
        if (!b.sealed()) {
            b.seal(reason, 0);
        }
        for (final Batch.OpenFile f : b.files()) {
            if (!f.uploaded) {
                budget.uploaded(b.uploaded(f));
            }
        }
    }

    private static void assertCountersAreTheSums(final BufferBudget budget, final Collection<Batch> batches,
                                                 final long maxBytes) {
        final long bytes = batches.stream().mapToLong(b -> b.bytes).sum();
        final long open = batches.stream().mapToLong(Batch::openFiles).sum();
        final long rows = batches.stream().mapToLong(b -> b.rows).sum();
        assertThat(budget.bytes()).isEqualTo(bytes).isNotNegative();
        assertThat(budget.openFiles()).isEqualTo(open).isNotNegative();
        assertThat(budget.rows()).isEqualTo(rows).isNotNegative();
        final RollPolicy.Reason expected = bytes > maxBytes ? RollPolicy.Reason.MEMORY
                : open > MAX_OPEN ? RollPolicy.Reason.OPEN_FILES : null;
        assertThat(budget.overBound()).isEqualTo(expected);
        assertThat(budget.over()).isEqualTo(expected != null);
    }
}
