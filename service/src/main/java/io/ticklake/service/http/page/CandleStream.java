package io.ticklake.service.http.page;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.ticklake.data.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * {@code GET /api/stream?index=&window=}: Server-Sent Events of the bars the topology is building.
 * Each event is {@code event: bar} with a {@link HistoryBar} as JSON: the still-open bar
 * ({@code live: true}) whenever it changes, and the latest closed bar when a window closes. The store
 * is polled every {@link #POLL}; a stream ends after {@link #STREAM_LENGTH} (below the admin server's
 * response deadline, which would cut it) and tells the browser to reconnect after {@link #RETRY}, so
 * {@code EventSource} simply continues. At most {@link #MAX_STREAMS} streams at once (each holds one
 * HTTP thread): more answer 503, so probes and scrapes keep their threads. When the bars cannot be
 * read (the instance holding the index did not answer, Kafka Streams is rebalancing) an
 * {@code event: missing} with {@code {"missing": "<one line>"}} says so, once per change; the stream goes on.
 */
public final class CandleStream implements HttpHandler {
    static final Duration POLL = Duration.ofMillis(200);
    static final Duration STREAM_LENGTH = Duration.ofSeconds(8);
    static final Duration RETRY = Duration.ofMillis(250);
    static final int MAX_STREAMS = 8;
    private final LiveBars live;
    private final List<String> windows;
    private final Semaphore slots = new Semaphore(MAX_STREAMS);

    public CandleStream(final LiveBars live, final List<String> windows) {
        this.live = live;
        this.windows = List.copyOf(windows);
    }

    @Override
    public void handle(final HttpExchange ex) throws IOException {
        if (!Replies.readOnly(ex)) {
            return;
        }
        final String index;
        final String window;
        try {
            final QueryParams p = QueryParams.parse(ex.getRequestURI().getRawQuery(), Set.of("index", "window"));
            index = BarQuery.index(p);
            window = BarQuery.window(p.require("window"), windows);
        } catch (BadRequest e) {
            Replies.error(ex, 400, e.getMessage());
            return;
        }
        if (!slots.tryAcquire()) {
            Replies.error(ex, 503, "too many open streams (" + MAX_STREAMS + "); retry later");
            return;
        }
        try {
            stream(ex, index, window);
        } finally {
            slots.release();
            ex.close();
        }
    }

    private void stream(final HttpExchange ex, final String index, final String window) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, 0);
        if (ex.getRequestMethod().equals("HEAD")) {
            return;
        }
        final OutputStream out = ex.getResponseBody();
        write(out, "retry: " + RETRY.toMillis() + "\n\n");
        Optional<HistoryBar> sentFinal = Optional.empty();
        Optional<HistoryBar> sentOpen = Optional.empty();
        String sentMissing = null;
        final long end = System.nanoTime() + STREAM_LENGTH.toNanos();
        try {
            while (System.nanoTime() < end) {
                final LiveState state = live.state(index, window);
                final Optional<HistoryBar> fin = state.latestFinalBar();
                if (fin.isPresent() && !Objects.equals(fin, sentFinal)) {
                    event(out, fin.get());
                    sentFinal = fin;
                }
                final Optional<HistoryBar> open = state.openBar();
                if (open.isPresent() && !Objects.equals(open, sentOpen)) {
                    event(out, open.get());
                    sentOpen = open;
                }
                if (state.missing() != null && !state.missing().equals(sentMissing)) {
                    write(out, "event: missing\ndata: " + json(Map.of("missing", state.missing())) + "\n\n");
                }
                sentMissing = state.missing();
                Thread.sleep(POLL.toMillis());   // the store has no change listener: poll it
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the browser went away
        }
    }

    private static void event(final OutputStream out, final HistoryBar bar) throws IOException {
        write(out, "event: bar\ndata: " + json(bar) + "\n\n");
    }

    private static String json(final Object value) {
        return new String(Json.write(value), StandardCharsets.UTF_8);
    }

    private static void write(final OutputStream out, final String text) throws IOException {
        out.write(Replies.utf8(text));
        out.flush();
    }
}
