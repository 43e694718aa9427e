package io.ticklake.service.http.page;

import com.sun.net.httpserver.HttpExchange;
import io.ticklake.data.json.Json;
import java.io.IOException;
import java.io.OutputStream;
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
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", cacheControl);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        final boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    static byte[] utf8(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
