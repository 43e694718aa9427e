package io.ticklake.service.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal Chrome DevTools Protocol client over the JDK's WebSocket: commands to one page target
 * ({@link #send}), and every event kept ({@link #events}) for the test to inspect.
 */
final class Cdp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    private Cdp(final WebSocket socket) {
        this.socket = socket;
    }

    /** Connects to the first page target of the Chromium whose DevTools listen on {@code port}. */
    static Cdp connect(final int port) throws IOException, InterruptedException {
        final HttpClient http = HttpClient.newHttpClient();
        final JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
        String url = null;
        for (final JsonNode t : targets) {
            if (t.get("type").asText().equals("page")) {
                url = t.get("webSocketDebuggerUrl").asText();
                break;
            }
        }
        if (url == null) {
            throw new AssertionError("no page target in " + targets);
        }
        final Cdp[] self = new Cdp[1];
        final StringBuilder partial = new StringBuilder();
        final WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(final WebSocket w, final CharSequence data, final boolean last) {
                partial.append(data);
                if (last) {
                    self[0].received(partial.toString());
                    partial.setLength(0);
                }
                w.request(1);
                return null;
            }
        }).join();
        self[0] = new Cdp(ws);
        return self[0];
    }

    private void received(final String text) {
        try {
            final JsonNode msg = JSON.readTree(text);
            if (msg.has("id")) {
                final CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                if (f != null) {
                    f.complete(msg);
                }
            } else {
                events.add(msg);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code method} with {@code params} and returns its {@code result}; an error reply is an AssertionError. */
    JsonNode send(final String method, final Map<String, ?> params) {
        final int id = ids.incrementAndGet();
        final ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", JSON.valueToTree(params));
        final CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(msg.toString(), true).join();
        final JsonNode r;
        try {
            r = reply.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(method + " got no reply: " + e);
        }
        if (r.has("error")) {
            throw new AssertionError(method + " failed: " + r.get("error"));
        }
        return r.get("result");
    }

    /** Evaluates {@code expression} in the page and returns its value (JSON), awaiting a promise. */
    JsonNode eval(final String expression) {
        final JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError(expression + " threw: " + r.get("exceptionDetails"));
        }
        return r.get("result").path("value");
    }

    /** Every event received so far. */
    List<JsonNode> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
