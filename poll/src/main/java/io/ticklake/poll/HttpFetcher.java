package io.ticklake.poll;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** GETs one URL with a connect timeout and a request timeout (java.net.http). Thread-safe. */
public final class HttpFetcher {
    private static final String USER_AGENT = "ticklake-poll/0.1 (+https://github.com/ticklake)";
    private final HttpClient client;
    private final Duration requestTimeout;

    public HttpFetcher(final Duration connectTimeout, final Duration requestTimeout) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** A response: its status, its {@code Retry-After} header, its body. */
    public record Response(int status, Optional<String> retryAfter, byte[] body) {
    }

    /**
     * @throws java.net.http.HttpTimeoutException when it takes longer than the timeouts
     * @throws IOException                         when the server cannot be reached or the exchange fails
     */
    public Response get(final URI uri, final Map<String, String> headers) throws IOException, InterruptedException {
        final HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET()
                .header("Accept", "application/json").header("User-Agent", USER_AGENT);
        headers.forEach(b::header);
        final HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(r.statusCode(), r.headers().firstValue("Retry-After"), r.body());
    }
}
