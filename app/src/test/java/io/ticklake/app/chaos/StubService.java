package io.ticklake.app.chaos;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for the service that only keeps the {@code run} contract's process behaviour: serves
 * {@code /health/ready} on the port given as the only argument and exits 0 on SIGTERM. It lets the
 * harness ({@link ServiceProcess}) be tested on its own.
 */
public final class StubService {
    private StubService() {
    }

    public static void main(final String[] args) throws IOException, InterruptedException {
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.createContext("/health/ready", exchange -> {
            final byte[] body = "ready".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            stopped.countDown();
            // a JVM ended by SIGTERM exits 143 even with hooks; a clean stop is exit 0
            Runtime.getRuntime().halt(0);
        }));
        stopped.await();
    }
}
