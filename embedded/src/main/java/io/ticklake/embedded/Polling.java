package io.ticklake.embedded;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Waits for a broker-side condition that has no completion callback (e.g. a new topic's leaders
 * reaching the broker's metadata cache), with a short back-off and a hard deadline.
 */
final class Polling {

    private static final long BACKOFF_MS = 25;

    private Polling() {
    }

    /**
     * Calls {@code condition} until it returns true; exceptions count as "not yet".
     *
     * @throws IllegalStateException naming {@code what} (and the last failure) once {@code timeout} passed
     */
    static void until(final String what, final Duration timeout, final Callable<Boolean> condition) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("timed out after " + timeout.toMillis() + " ms waiting for " + what
                    + (lastFailure == null ? "" : ": " + lastFailure), lastFailure);
            }
            backOff(what);
        }
    }

    private static void backOff(final String what) {
        try {
            Thread.sleep(BACKOFF_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
    }
}
