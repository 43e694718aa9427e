package io.ticklake.poll;

import io.ticklake.data.Tick;
import io.ticklake.data.replay.TickSink;
import io.ticklake.poll.source.Parsed;
import io.ticklake.poll.source.QuoteApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one quote API for a list of symbols and sends each new quote once as a tick.
 *
 * <p>One poll asks for every symbol in turn, then flushes the producer and saves the state file (so
 * the state never claims a tick Kafka has not acknowledged). What a real API does is handled the
 * way the topology handles bad input — nothing crashes, nothing is sent twice, what cannot be used is
 * logged and counted:
 * <ul>
 *   <li>HTTP 429, Alpha Vantage's 200-with-{@code Note}, 5xx, other 4xx, timeouts, connection errors:
 *       the rest of the poll is skipped and the next one waits {@link Backoff} (exponential with jitter,
 *       at least {@code Retry-After});</li>
 *   <li>a stale quote (same time as last sent; a closed market): dropped, counted as {@code stale};</li>
 *   <li>a time before the last sent one: dropped, counted as {@code time_backwards};</li>
 *   <li>an unknown symbol, malformed JSON, a missing field: counted, logged at WARN the first time
 *       per symbol and reason (then DEBUG), other symbols go on.</li>
 * </ul>
 * Only a producer failure (Kafka lost past the producer's delivery timeout) ends the poller. Not
 * thread-safe: one thread calls {@link #pollOnce()} or {@link #run}.
 */
public final class Poller {
    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
    private final QuoteApi api;
    private final List<PollSymbol> symbols;
    private final HttpFetcher http;
    private final SymbolTracker tracker;
    private final TickSink sink;
    private final StateFile state;
    private final PollStats stats;
    private final Backoff backoff;
    private final Duration interval;
    private final Clock clock;
    private final Redactor redactor;
    private final Set<String> reported = new HashSet<>();
    private int failures;

    /** @param state where to save what was sent after each flush, or null for no persistence */
    public Poller(final QuoteApi api, final List<PollSymbol> symbols, final HttpFetcher http, final SymbolTracker tracker,
                  final TickSink sink, final StateFile state, final PollStats stats, final Backoff backoff,
                  final Duration interval, final Clock clock, final Redactor redactor) {
        this.api = Objects.requireNonNull(api, "api");
        this.symbols = List.copyOf(symbols);
        this.http = Objects.requireNonNull(http, "http");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.state = state;
        this.stats = Objects.requireNonNull(stats, "stats");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /**
     * Polls until the ticker says stop or {@code maxPolls} polls are done (0 = no limit); after each poll
     * {@code afterPoll} gets the counters.
     */
    public void run(final Ticker ticker, final long maxPolls, final Consumer<PollStats.Snapshot> afterPoll)
            throws InterruptedException {
        long done = 0;
        try {
            Duration delay;
            do {
                delay = pollOnce();
                done++;
                afterPoll.accept(stats.snapshot());
            } while ((maxPolls <= 0 || done < maxPolls) && ticker.await(delay));
        } finally {
            stats.state(PollStats.State.STOPPED);
        }
    }

    /**
     * One poll of every symbol.
     *
     * @return how long to wait before the next poll: what is left of the interval, or the backoff
     * @throws IllegalStateException when the producer failed (the process should stop)
     */
    public Duration pollOnce() throws InterruptedException {
        final long start = clock.millis();
        stats.poll();
        final List<Tick> ticks = new ArrayList<>();
        Optional<Failure> failure = Optional.empty();
        for (final PollSymbol symbol : symbols) {
            failure = pollSymbol(symbol, ticks);
            if (failure.isPresent()) {
                break;
            }
        }
        send(ticks);
        if (failure.isPresent()) {
            failures++;
            final Duration wait = backoff.after(failures, failure.get().retryAfter());
            stats.state(PollStats.State.BACKING_OFF);
            LOG.warn("{}: {}; backing off {} s (failure {} in a row)", api.name(), failure.get().message(),
                    wait.toMillis() / 1000.0, failures);
            return wait;
        }
        failures = 0;
        stats.succeeded(clock.millis());
        stats.state(PollStats.State.POLLING);
        final Duration left = interval.minusMillis(clock.millis() - start);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private record Failure(String message, Optional<Duration> retryAfter) {
    }

    private Optional<Failure> pollSymbol(final PollSymbol symbol, final List<Tick> ticks) throws InterruptedException {
        final URI uri = api.uri(symbol.apiSymbol());
        final HttpFetcher.Response response;
        stats.request();
        try {
            response = http.get(uri, api.headers());
        } catch (HttpTimeoutException e) {
            stats.error("timeout");
            return fail("GET " + redactor.uri(uri) + " timed out", Optional.empty());
        } catch (IOException e) {
            stats.error("io_error");
            return fail("GET " + redactor.uri(uri) + " failed: " + redactor.text(String.valueOf(e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage())), Optional.empty());
        }
        final int status = response.status();
        final Optional<Duration> retryAfter = response.retryAfter().flatMap(v -> RetryAfter.parse(v, clock.instant()));
        if (status == 429) {
            stats.error("rate_limited");
            return fail("rate limited (HTTP 429" + retryAfter.map(d -> ", Retry-After " + d.toSeconds() + " s").orElse("")
                    + ") at " + redactor.uri(uri), retryAfter);
        }
        if (status >= 500) {
            stats.error("http_5xx");
            return fail("HTTP " + status + " from " + redactor.uri(uri), retryAfter);
        }
        if ((status < 200 || status >= 300) && status != 404) {
            stats.error("http_4xx");
            return fail("HTTP " + status + " from " + redactor.uri(uri)
                    + (status == 401 || status == 403 ? " (check the API key)" : ""), retryAfter);
        }
        return handle(symbol, api.parse(symbol.apiSymbol(), status, response.body()), ticks);
    }

    private Optional<Failure> handle(final PollSymbol symbol, final Parsed parsed, final List<Tick> ticks) {
        if (parsed instanceof Parsed.Ok ok) {
            offer(symbol, ok, ticks);
        } else if (parsed instanceof Parsed.RateLimited r) {
            stats.error("rate_limited");
            return fail(redactor.text(r.detail()), Optional.empty());
        } else if (parsed instanceof Parsed.UnknownSymbol u) {
            reject(symbol, "unknown_symbol", "unknown symbol " + symbol.apiSymbol() + " (" + u.detail()
                    + "); still polled, reported once");
        } else if (parsed instanceof Parsed.Invalid bad) {
            reject(symbol, bad.reason(), symbol.apiSymbol() + ": unusable response (" + bad.reason() + "): "
                    + redactor.text(bad.detail()));
        }
        return Optional.empty();
    }

    private void offer(final PollSymbol symbol, final Parsed.Ok ok, final List<Tick> ticks) {
        final SymbolTracker.Decision d;
        try {
            d = tracker.offer(symbol.index(), ok.quote(), api.volumeMode(), clock.millis());
        } catch (IllegalArgumentException e) {
            reject(symbol, "invalid_quote", symbol.apiSymbol() + ": quote makes no valid tick: " + e.getMessage());
            return;
        }
        if (d instanceof SymbolTracker.Decision.Send send) {
            ticks.add(send.tick());
        } else if (d instanceof SymbolTracker.Decision.Stale) {
            stats.stale();
        } else if (d instanceof SymbolTracker.Decision.Backwards b) {
            reject(symbol, "time_backwards", symbol.apiSymbol() + ": quote time " + b.quoteTs()
                    + " is before the last tick sent (" + b.lastTs() + "); dropped");
        }
    }

    private void reject(final PollSymbol symbol, final String reason, final String message) {
        stats.reject(reason);
        if (reported.add(symbol.apiSymbol() + '\0' + reason)) {
            LOG.warn("{}: {}", api.name(), message);
        } else {
            LOG.debug("{}: {}", api.name(), message);
        }
    }

    private static Optional<Failure> fail(final String message, final Optional<Duration> retryAfter) {
        return Optional.of(new Failure(message, retryAfter));
    }

    private void send(final List<Tick> ticks) {
        if (ticks.isEmpty()) {
            return;
        }
        long maxTs = Long.MIN_VALUE;
        for (final Tick t : ticks) {
            sink.send(t);
            maxTs = Math.max(maxTs, t.ts());
        }
        sink.flush();
        if (state != null) {
            state.save(tracker.snapshot());
        }
        stats.sent(ticks.size(), maxTs);
    }
}
