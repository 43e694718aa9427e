package io.ticklake.query.compact;

import io.ticklake.sink.compact.Compactor;
import io.ticklake.sink.compact.OffsetGuard;
import io.ticklake.sink.store.ForwardingObjectStore;
import io.ticklake.sink.store.LocalObjectStore;
import io.ticklake.sink.store.ObjectStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The compactor in a JVM of its own, for {@link CompactionKillTest}: compacts table {@code ohlc_1m} of the
 * local lake {@code args[0]}, and at the moment {@code args[1]} ({@code before-put}, {@code after-put} or
 * {@code after-delete}) number {@code args[2]} (1-based) prints {@code PAUSED} and waits to be killed.
 */
public final class CompactorChild {
    /** The line printed at the moment. */
    static final String PAUSED = "PAUSED";

    private CompactorChild() {
    }

    public static void main(final String[] args) throws IOException, InterruptedException {
        final String moment = args[1];
        final int n = Integer.parseInt(args[2]);
        try (LocalObjectStore local = LocalObjectStore.at(Path.of(args[0]))) {
            final ObjectStore store = new ForwardingObjectStore(local) {
                private int puts;
                private int deletes;

                @Override
                public void put(final String key, final byte[] content) throws IOException {
                    puts++;
                    pauseIf(moment.equals("before-put") && puts == n);
                    super.put(key, content);
                    pauseIf(moment.equals("after-put") && puts == n);
                }

                @Override
                public void delete(final String key) throws IOException {
                    super.delete(key);
                    deletes++;
                    pauseIf(moment.equals("after-delete") && deletes == n);
                }
            };
            new Compactor(store, new Compactor.Options(Long.MAX_VALUE, null, OffsetGuard.ALL))
                    .compactTable("ohlc_1m", Compactor.Progress.NONE);
        }
        System.out.println("DONE");
    }

    private static void pauseIf(final boolean now) {
        if (now) {
            System.out.println(PAUSED);
            System.out.flush();
            try {
                Thread.sleep(Long.MAX_VALUE); // the test kills us here (SIGKILL); not a synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(3); // never reached in the test
        }
    }
}
