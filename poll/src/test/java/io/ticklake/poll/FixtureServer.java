package io.ticklake.poll;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A quote API on 127.0.0.1 (a free port) replaying recorded responses: per symbol (the {@code symbol}
 * query parameter, else the last path segment) a script of replies, the last one repeated forever
 * (a stale quote). Records every request.
 */
final class FixtureServer implements AutoCloseable {
    /** One scripted reply; {@code hang} answers nothing until the server closes (a timeout). */
    record Reply(int status, Map<String, String> headers, byte[] body, boolean hang) {
        static Reply fixture(final String resource) {
            return new Reply(200, Map.of("Content-Type", "application/json"), read(resource), false);
        }

        static Reply status(final int status, final Map<String, String> headers, final String body) {
            return new Reply(status, headers, body.getBytes(StandardCharsets.UTF_8), false);
        }

        static Reply body(final String body) {
            return status(200, Map.of("Content-Type", "application/json"), body);
        }

        static Reply hanging() {
            return new Reply(200, Map.of(), new byte[0], true);
        }
    }

    /** A request as the server saw it. */
    record Request(String symbol, URI uri, Map<String, List<String>> headers) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch closed = new CountDownLatch(1);

    FixtureServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            final Thread t = new Thread(r, "fixture-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** http://127.0.0.1:port */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Appends replies to {@code symbol}'s script. */
    FixtureServer script(final String symbol, final Reply... replies) {
        final Deque<Reply> q = scripts.computeIfAbsent(symbol, s -> new ArrayDeque<>());
        synchronized (q) {
            q.addAll(List.of(replies));
        }
        return this;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    long requestsFor(final String symbol) {
        return requests().stream().filter(r -> r.symbol().equals(symbol)).count();
    }

    private void handle(final HttpExchange ex) throws IOException {
        final String symbol = symbol(ex.getRequestURI());
        requests.add(new Request(symbol, ex.getRequestURI(), Map.copyOf(ex.getRequestHeaders())));
        final Reply reply = next(symbol);
        if (reply == null) {
            send(ex, 500, Map.of(), ("no script for " + symbol).getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (reply.hang()) {
            try {
                closed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
            return;
        }
        send(ex, reply.status(), reply.headers(), reply.body());
    }

    private Reply next(final String symbol) {
        final Deque<Reply> q = scripts.get(symbol);
        if (q == null) {
            return null;
        }
        synchronized (q) {
            return q.size() > 1 ? q.poll() : q.peek();
        }
    }

    private static void send(final HttpExchange ex, final int status, final Map<String, String> headers, final byte[] body)
            throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    private static String symbol(final URI uri) {
        final String q = uri.getRawQuery();
        if (q != null) {
            for (final String p : q.split("&")) {
                if (p.startsWith("symbol=")) {
                    return URLDecoder.decode(p.substring(7), StandardCharsets.UTF_8);
                }
            }
        }
        final String path = uri.getRawPath();
        return URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
    }

    static byte[] read(final String resource) {
        try (InputStream in = FixtureServer.class.getResourceAsStream("/fixtures/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
