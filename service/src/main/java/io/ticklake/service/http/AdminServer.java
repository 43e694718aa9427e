package io.ticklake.service.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP server on the JDK's {@code com.sun.net.httpserver}: {@code /health/live} and
 * {@code /health/ready} (200 or 503, for probes), {@code /health} (JSON, 200 when ready else 503),
 * {@code /metrics} (Prometheus text: the scrape of a {@link PrometheusMeterRegistry}), and the routes a
 * caller adds (the candle page, {@link io.ticklake.service.http.page.CandleSite}). GET and HEAD only.
 * Port 0 binds a free port ({@link #port()}).
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    /**
     * How long a connection may take to send one complete request (request line and headers) before
     * the server closes it: the JDK server's {@code sun.net.httpserver.maxReqTime}, set by this class
     * unless the JVM was started with it. The JDK checks it once a second ({@code timerMillis}).
     */
    public static final Duration REQUEST_DEADLINE = Duration.ofSeconds(seconds("sun.net.httpserver.maxReqTime", 2));
    /** How long writing one response may take ({@code sun.net.httpserver.maxRspTime}), same rules. */
    public static final Duration RESPONSE_DEADLINE = Duration.ofSeconds(seconds("sun.net.httpserver.maxRspTime", 10));
    /**
     * Handler threads. The JDK server reads a request's headers on a handler thread, blocking, so each
     * client still sending its headers holds one thread until {@link #REQUEST_DEADLINE}: with this many,
     * probes keep answering while fewer clients than that trickle; beyond, requests queue (they are not
     * dropped) until a deadline frees a thread.
     */
    static final int THREADS = 32;
    /** The Prometheus text format the registry writes for {@code /metrics}. */
    public static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<Health> health;
    private final PrometheusMeterRegistry metrics;

    private AdminServer(final HttpServer server, final ExecutorService executor, final Supplier<Health> health,
                        final PrometheusMeterRegistry metrics) {
        this.server = server;
        this.executor = executor;
        this.health = health;
        this.metrics = metrics;
    }

    /**
     * Binds and starts the server; {@code /metrics} serves {@code metrics}' scrape (the caller owns the registry).
     *
     * @throws UncheckedIOException with a one-line reason when the port cannot be bound
     */
    public static AdminServer start(final String host, final int port, final Supplier<Health> health,
                                    final PrometheusMeterRegistry metrics) {
        return start(host, port, health, metrics, Map.of());
    }

    /**
     * Binds and starts the server with more {@code routes} (context path → handler, e.g. the candle
     * page's); a route for {@code /} replaces the 404 answer for unknown paths.
     *
     * @throws UncheckedIOException with a one-line reason when the port cannot be bound
     */
    public static AdminServer start(final String host, final int port, final Supplier<Health> health,
                                    final PrometheusMeterRegistry metrics, final Map<String, HttpHandler> routes) {
        return bind(host, port).start(health, metrics, routes);
    }

    /**
     * Binds the port without serving yet, so that the bound port (port 0: a free one) is known before
     * what it will serve exists: Kafka Streams is told it as {@code application.server}. Connections
     * wait in the backlog until {@link Bound#start}.
     *
     * @throws UncheckedIOException with a one-line reason when the port cannot be bound
     */
    public static Bound bind(final String host, final int port) {
        try {
            return new Bound(host, HttpServer.create(new InetSocketAddress(host, port), 16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve HTTP on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** A bound, not yet serving admin server: {@link #start} it or {@link #close} it. */
    public static final class Bound implements AutoCloseable {
        private final String host;
        private final HttpServer server;
        private boolean started;

        private Bound(final String host, final HttpServer server) {
            this.host = host;
            this.server = server;
        }

        /** The bound port. */
        public int port() {
            return server.getAddress().getPort();
        }

        /** Starts serving health, metrics and {@code routes} (as {@link AdminServer#start(String, int, Supplier, PrometheusMeterRegistry, Map)}). */
        public synchronized AdminServer start(final Supplier<Health> health, final PrometheusMeterRegistry metrics,
                                              final Map<String, HttpHandler> routes) {
            if (started) {
                throw new IllegalStateException("already started");
            }
            started = true;
            return AdminServer.serve(host, server, health, metrics, routes);
        }

        /** Releases the port unless {@link #start} was called (then the {@link AdminServer} owns it). */
        @Override
        public synchronized void close() {
            if (!started) {
                started = true;
                server.stop(0);
            }
        }
    }

    private static AdminServer serve(final String host, final HttpServer server, final Supplier<Health> health,
                                     final PrometheusMeterRegistry metrics, final Map<String, HttpHandler> routes) {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(metrics, "metrics");
        final ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    final Thread t = new Thread(r, "ticklake-http");
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);   // idle: no threads
        final AdminServer admin = new AdminServer(server, executor, health, metrics);
        server.setExecutor(executor);
        server.createContext("/health/live", ex -> admin.probe(ex, true));
        server.createContext("/health/ready", ex -> admin.probe(ex, false));
        server.createContext("/health", admin::health);
        server.createContext("/metrics", admin::metrics);
        if (!routes.containsKey("/")) {
            server.createContext("/", ex -> admin.respond(ex, 404, "text/plain; charset=utf-8",
                    "not found; try /health, /health/live, /health/ready, /metrics\n"));
        }
        routes.forEach(server::createContext);
        server.start();
        LOG.info("Admin HTTP server on http://{}:{}/ ({})", host, admin.port(),
                routes.containsKey("/") ? "candle page, API, health, metrics" : "health, metrics");
        return admin;
    }

    /**
     * The JDK server reads its timeouts once, when its first server is created: this sets the
     * default when the property is absent, and returns the value in force (seconds).
     */
    private static long seconds(final String property, final long dflt) {
        final String set = System.getProperty(property);
        if (set == null) {
            System.setProperty(property, Long.toString(dflt));
            return dflt;
        }
        try {
            return Long.parseLong(set.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
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
        final String text;
        try {
            text = metrics.scrape(PROMETHEUS_TYPE);
        } catch (RuntimeException e) {
            LOG.debug("The metrics scrape failed: {}", e.toString());
            respond(ex, 500, "text/plain; charset=utf-8", "metrics unavailable\n");
            return;
        }
        respond(ex, 200, PROMETHEUS_TYPE, text);
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
        Responses.send(ex, status, type, body.getBytes(StandardCharsets.UTF_8), "no-store");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
