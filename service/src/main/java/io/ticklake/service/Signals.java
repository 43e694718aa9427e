package io.ticklake.service;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT into an orderly stop. The handlers only call {@code stop} (which must
 * return quickly, e.g. release a latch); the command then shuts down on its own thread and returns,
 * and {@code Main} exits with the command's code (0 after a clean stop). A JVM shutdown hook is the
 * fallback where signals cannot be handled: it calls {@code stop} and waits for the command to finish.
 */
public final class Signals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);
    private final List<Runnable> restore = new ArrayList<>();
    private final Thread hook;

    private Signals(final Runnable stop, final Runnable awaitStopped) {
        for (final String name : List.of("TERM", "INT")) {
            try {
                final sun.misc.Signal signal = new sun.misc.Signal(name);
                final sun.misc.SignalHandler previous = sun.misc.Signal.handle(signal, s -> {
                    LOG.info("SIG{} received: stopping", s.getName());
                    stop.run();
                });
                restore.add(() -> sun.misc.Signal.handle(signal, previous));
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                LOG.debug("Cannot handle SIG{}: {}", name, e.toString());
            }
        }
        hook = new Thread(() -> {
            stop.run();
            awaitStopped.run();
        }, "ticklake-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Installs the handlers until {@link #close()}.
     *
     * @param stop         asks the service to stop; called from a signal thread, must not block
     * @param awaitStopped blocks until the service has stopped (used by the shutdown hook)
     */
    public static Signals install(final Runnable stop, final Runnable awaitStopped) {
        return new Signals(stop, awaitStopped);
    }

    /** Restores the previous handlers and removes the hook. */
    @Override
    public void close() {
        restore.forEach(Runnable::run);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running or ran
        }
    }
}
