package io.ticklake.service.http.page;

import com.sun.net.httpserver.HttpExchange;
import io.ticklake.data.json.Json;
import io.ticklake.service.http.Responses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writing responses of the page's handlers; GET/HEAD checks. */
final class Replies {
    static final String JSON = "application/json; charset=utf-8";

    private Replies() {
    }

    /** Answers 405 (and returns false) unless the request is GET or HEAD. */
    static boolean readOnly(final HttpExchange ex) throws IOException {
        final String m = ex.getRequestMethod();
        if (m.equals("GET") || m.equals("HEAD")) {
            return true;
        }
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        error(ex, 405, "method not allowed");
        return false;
    }

    static void json(final HttpExchange ex, final int status, final Object value) throws IOException {
        send(ex, status, JSON, Json.write(value), "no-store");
    }

    /** {@code {"error": message}}, one line. */
    static void error(final HttpExchange ex, final int status, final String message) throws IOException {
        json(ex, status, Map.of("error", message));
    }

    static void send(final HttpExchange ex, final int status, final String type, final byte[] body,
                     final String cacheControl) throws IOException {
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        Responses.send(ex, status, type, body, cacheControl);
    }

    static byte[] utf8(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
