package io.ticklake.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP server on the JDK's {@code com.sun.net.httpserver}: {@code /health/live} and
 * {@code /health/ready} (200 or 503, for probes), {@code /health} (JSON, 200 when ready else 503),
 * {@code /metrics} (Prometheus text). GET and HEAD only. Port 0 binds a free port ({@link #port()}).
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<Health> health;
    private final List<MetricSource> metrics;

    private AdminServer(final HttpServer server, final ExecutorService executor, final Supplier<Health> health,
                        final List<MetricSource> metrics) {
        this.server = server;
        this.executor = executor;
        this.health = health;
        this.metrics = metrics;
    }

    /**
     * Binds and starts the server.
     *
     * @throws UncheckedIOException with a one-line reason when the port cannot be bound
     */
    public static AdminServer start(final String host, final int port, final Supplier<Health> health,
                                    final List<MetricSource> metrics) {
        Objects.requireNonNull(health, "health");
        final HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve HTTP on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            final Thread t = new Thread(r, "ticklake-http");
            t.setDaemon(true);
            return t;
        });
        final AdminServer admin = new AdminServer(server, executor, health, List.copyOf(metrics));
        server.setExecutor(executor);
        server.createContext("/health/live", ex -> admin.probe(ex, true));
        server.createContext("/health/ready", ex -> admin.probe(ex, false));
        server.createContext("/health", admin::health);
        server.createContext("/metrics", admin::metrics);
        server.createContext("/", ex -> admin.respond(ex, 404, "text/plain; charset=utf-8",
                "not found; try /health, /health/live, /health/ready, /metrics\n"));
        server.start();
        LOG.info("Admin HTTP server on http://{}:{}/ (health, metrics)", host, admin.port());
        return admin;
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void probe(final HttpExchange ex, final boolean liveness) throws IOException {
        if (!exact(ex)) {
            return;
        }
        final Health h = health.get();
        final boolean ok = liveness ? h.live() : h.ready();
        respond(ex, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "OK\n" : "UNAVAILABLE\n");
    }

    private void health(final HttpExchange ex) throws IOException {
        if (!exact(ex)) {
            return;
        }
        final Health h = health.get();
        respond(ex, h.ready() ? 200 : 503, "application/json", h.toJson() + "\n");
    }

    private void metrics(final HttpExchange ex) throws IOException {
        if (!exact(ex)) {
            return;
        }
        final PrometheusText text = new PrometheusText();
        for (final MetricSource source : metrics) {
            try {
                source.collect(text);
            } catch (RuntimeException e) {
                LOG.debug("A metric source failed: {}", e.toString());
            }
        }
        respond(ex, 200, PROMETHEUS_TYPE, text.render());
    }

    /** Answers 404/405 unless the request is GET or HEAD on exactly the context path. */
    private boolean exact(final HttpExchange ex) throws IOException {
        if (!ex.getRequestURI().getPath().equals(ex.getHttpContext().getPath())) {
            respond(ex, 404, "text/plain; charset=utf-8", "not found\n");
            return false;
        }
        final String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            respond(ex, 405, "text/plain; charset=utf-8", "method not allowed\n");
            return false;
        }
        return true;
    }

    private void respond(final HttpExchange ex, final int status, final String type, final String body)
            throws IOException {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        final boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
