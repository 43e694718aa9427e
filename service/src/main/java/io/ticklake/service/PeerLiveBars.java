package io.ticklake.service;

import io.ticklake.data.json.Json;
import io.ticklake.service.http.page.InternalLiveApi;
import io.ticklake.service.http.page.LiveIndices;
import io.ticklake.service.http.page.LiveState;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks another instance for the live bars it holds, over its admin HTTP ({@link InternalLiveApi}).
 * Every request has {@link #TIMEOUT} to connect and answer: a peer that is down, slow or answers an
 * error gives an answer whose {@code missing} names it, never an exception and never a hang.
 */
final class PeerLiveBars {
    /**
     * Connect and answer timeout of one request to a peer: a peer's stores answer in milliseconds; this
     * leaves room for a loaded machine or a pause, and bounds how long a page waits for a dead peer.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(PeerLiveBars.class);
    // HTTP/1.1: the admin server speaks nothing else, and an HTTP/2 upgrade offer would only cost headers
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** The live bars of {@code index} in {@code window} held by {@code peer}. */
    LiveState state(final HostInfo peer, final String index, final String window) {
        final String query = "?index=" + encode(index) + "&window=" + encode(window);
        return ask(peer, InternalLiveApi.LIVE + query, LiveState.class, LiveState::missing).join();
    }

    /** The live indices of {@code peer}; completes (never exceptionally) within about {@link #TIMEOUT}. */
    CompletableFuture<LiveIndices> indices(final HostInfo peer) {
        return ask(peer, InternalLiveApi.INDICES, LiveIndices.class, LiveIndices::missing);
    }

    private <T> CompletableFuture<T> ask(final HostInfo peer, final String pathAndQuery, final Class<T> type,
                                         final Function<String, T> missing) {
        final String where = "the instance at " + endpoint(peer);
        final HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create("http://" + endpoint(peer) + pathAndQuery)).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(missing.apply(where + ": not a usable address"));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((r, e) -> {
            if (e != null) {
                final Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                LOG.debug("Asking {} failed: {}", where, cause.toString());
                return missing.apply(where + " did not answer" + (cause instanceof HttpTimeoutException
                        ? " within " + TIMEOUT.toMillis() + " ms" : " (" + cause.getClass().getSimpleName() + ")"));
            }
            try {
                if (r.statusCode() != 200) {
                    return missing.apply(where + " answered " + r.statusCode() + ": " + error(r.body()));
                }
                return Json.read(r.body(), type);
            } catch (RuntimeException bad) {
                return missing.apply(where + " answered something else than live bars");
            }
        });
    }

    private static String error(final byte[] body) {
        @SuppressWarnings("unchecked")
        final Map<String, Object> json = Json.read(body, Map.class);
        return String.valueOf(json.get("error"));
    }

    /** {@code host:port}, an IPv6 literal in brackets. */
    static String endpoint(final HostInfo host) {
        final String h = host.host();
        return (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + host.port();
    }

    private static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
