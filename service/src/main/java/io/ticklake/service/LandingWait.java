package io.ticklake.service;

import io.ticklake.service.config.AppConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Waits until everything replayed into a running {@link TickLakeService} has landed, by polling
 * {@link LandingWatch} (Kafka's committed offsets, not a guess). Shared by {@code demo} and the benchmarks.
 */
public final class LandingWait {
    /** How often Kafka's offsets are read: the resolution of the completion time. */
    public static final Duration POLL = Duration.ofMillis(200);

    private LandingWait() {
    }

    /**
     * Blocks until landed.
     *
     * @param progress told each status read (including the final, landed one)
     * @param stop     true when the caller was asked to stop
     * @throws IllegalStateException when the service failed or {@code timeout} passed
     * @throws CancellationException when {@code stop} became true
     */
    public static LandingWatch.Status await(final AppConfig config, final TickLakeService service,
                                            final Duration timeout, final BooleanSupplier stop,
                                            final Consumer<LandingWatch.Status> progress) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        try (LandingWatch watch = new LandingWatch(config.clientProps(), config.applicationId(),
                config.sinkGroupId(), config.topology().rawTopic(), outputs(config))) {
            while (true) {
                final LandingWatch.Status s = watch.check();
                progress.accept(s);
                if (s.landed()) {
                    return s;
                }
                if (stop.getAsBoolean()) {
                    throw new CancellationException("stopped before everything landed");
                }
                final String failure = service.health().components().get("failure");
                if (failure != null) {
                    throw new IllegalStateException(failure);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the lake is not complete after --timeout " + timeout + ": " + describe(s));
                }
                LockSupport.parkNanos(POLL.toNanos());   // poll period, not a synchronisation
            }
        }
    }

    /** The topics the sink writes to the lake: enriched ticks and every bar topic. */
    public static List<String> outputs(final AppConfig config) {
        final List<String> outputs = new ArrayList<>();
        outputs.add(config.topology().enrichedTopic());
        config.topology().windows().forEach(w -> outputs.add(config.topology().barTopic(w)));
        return outputs;
    }

    /** {@code topology 12/20 raw records, lake 5/9 output records}. */
    public static String describe(final LandingWatch.Status s) {
        return String.format(Locale.ROOT, "topology %,d/%,d raw records, lake %,d/%,d output records%s",
                s.rawConsumed(), s.rawTotal(), s.outLanded(), s.outTotal(), s.landed() ? " - all landed" : "");
    }
}
