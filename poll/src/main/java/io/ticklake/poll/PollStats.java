package io.ticklake.poll;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Counters of a poller, written by the poll thread, read by the status line and {@code /metrics}. Thread-safe. */
public final class PollStats {
    /** What the poller is doing. */
    public enum State { STARTING, POLLING, BACKING_OFF, STOPPED }

    private final LongAdder polls = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder ticksSent = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final Map<String, LongAdder> rejects = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicLong lastSuccessMs = new AtomicLong(-1);
    private final AtomicLong lastEventTs = new AtomicLong(-1);
    private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);

    /** A consistent-enough copy for printing. */
    public record Snapshot(long polls, long requests, long ticksSent, long stale, Map<String, Long> rejects,
                           Map<String, Long> errors, long lastSuccessMs, long lastEventTs, State state) {
        /** The status line: {@code polls 12 · requests 24 · ticks sent 20 · stale 4 · rejects unknown_symbol=2 · errors rate_limited=1}. */
        public String line() {
            final StringBuilder b = new StringBuilder().append("polls ").append(polls).append(" · requests ").append(requests)
                    .append(" · ticks sent ").append(ticksSent).append(" · stale ").append(stale);
            b.append(" · rejects ").append(rejects.isEmpty() ? "0" : join(rejects));
            b.append(" · errors ").append(errors.isEmpty() ? "0" : join(errors));
            return b.append(" · ").append(state.name().toLowerCase(java.util.Locale.ROOT)).toString();
        }

        private static String join(final Map<String, Long> m) {
            final StringBuilder b = new StringBuilder();
            m.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
            return b.toString();
        }
    }

    void poll() {
        polls.increment();
    }

    void request() {
        requests.increment();
    }

    void sent(final long n, final long eventTs) {
        ticksSent.add(n);
        lastEventTs.accumulateAndGet(eventTs, Math::max);
    }

    void stale() {
        stale.increment();
    }

    /** A quote (or response) that cannot become a tick, by reason ({@code unknown_symbol}, {@code malformed}, …). */
    void reject(final String reason) {
        rejects.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** A failed request the poller backs off from, by reason ({@code rate_limited}, {@code http_5xx}, {@code timeout}, …). */
    void error(final String reason) {
        errors.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void succeeded(final long nowMs) {
        lastSuccessMs.set(nowMs);
    }

    void state(final State s) {
        state.set(s);
    }

    public Snapshot snapshot() {
        return new Snapshot(polls.sum(), requests.sum(), ticksSent.sum(), stale.sum(), copy(rejects), copy(errors),
                lastSuccessMs.get(), lastEventTs.get(), state.get());
    }

    private static Map<String, Long> copy(final Map<String, LongAdder> m) {
        final Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
