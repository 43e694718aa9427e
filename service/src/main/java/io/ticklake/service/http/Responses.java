package io.ticklake.service.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** Writing one complete response on the admin server: headers, the body unless the request is HEAD, close. */
public final class Responses {
    private Responses() {
    }

    /** Sends {@code body} as {@code type} with {@code status} and {@code Cache-Control: cacheControl}. */
    public static void send(final HttpExchange ex, final int status, final String type, final byte[] body,
                            final String cacheControl) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", cacheControl);
        final boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }
}
