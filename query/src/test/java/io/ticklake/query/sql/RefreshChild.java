package io.ticklake.query.sql;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A refresh run in its own JVM for {@link RollupRefreshKillTest}: refreshes the journal's pending
 * index-days of the lake {@code args[0]}, printing {@code swapped <n>} after each partition file is
 * renamed into place; after the {@code args[1]}-th swap it stops and waits (on stdin) to be killed, so
 * the kill lands between two swaps of one refresh. Prints {@code done} when the journal was cleared.
 */
public final class RefreshChild {
    private RefreshChild() {
    }

    public static void main(final String[] args) throws IOException {
        final Path lake = Path.of(args[0]);
        final int stopAfter = Integer.parseInt(args[1]);
        final AtomicInteger swaps = new AtomicInteger();
        final RollupJournal journal = new RollupJournal(lake);
        try (DuckDbEngine engine = LocalLake.open(lake)) {
            final RollupJournal.Pending pending = journal.pending();
            new DuckDbRollupRefresh(engine, r -> new RefreshLayout(r.partitionColumns()), p -> {
                System.out.println("swapped " + swaps.incrementAndGet());
                System.out.flush();
                if (swaps.get() == stopAfter) {
                    try {
                        System.in.read(); // blocks until the test kills this JVM
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }).refresh(pending.days());
            journal.remove(pending);
            System.out.println("done");
        }
    }
}
