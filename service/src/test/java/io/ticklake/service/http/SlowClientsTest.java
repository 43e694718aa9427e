package io.ticklake.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Clients that trickle a request's header lines must neither starve the probes nor stay forever. */
class SlowClientsTest {
    private static final int SLOW_CLIENTS = 8;

    @Test
    void probesAnswerWhileSlowClientsTrickleHeadersAndTheSlowOnesAreCut() throws Exception {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        final List<Socket> slow = new ArrayList<>();
        try (AdminServer server = AdminServer.start("127.0.0.1", 0,
                () -> new Health(true, true, Map.of("streams", "RUNNING")), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                final Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", server.port()), 1000);
                s.getOutputStream().write("GET /health/ready HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            trickle.scheduleAtFixedRate(() -> slow.forEach(SlowClientsTest::trickleOneHeader), 100, 200,
                    TimeUnit.MILLISECONDS);

            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            int probes = 0;
            while (System.nanoTime() < deadline) {
                final long t0 = System.nanoTime();
                final HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/health/ready"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
                probes++;
            }
            assertThat(probes).isPositive();

            // the server cuts a connection whose request is not complete after the request deadline
            final Socket first = slow.get(0);
            first.setSoTimeout((int) (AdminServer.REQUEST_DEADLINE.toMillis() * 3 + 2000));
            final InputStream in = first.getInputStream();
            final long t0 = System.nanoTime();
            assertThat(drain(in)).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - t0))
                    .isLessThan(AdminServer.REQUEST_DEADLINE.multipliedBy(3).plusSeconds(2));
        } finally {
            trickle.shutdownNow();
            for (final Socket s : slow) {
                s.close();
            }
        }
    }

    private static int drain(final InputStream in) throws java.io.IOException {
        try {
            int b;
            while ((b = in.read()) != -1) {
                // a 408 or similar before the close is fine
            }
            return b;
        } catch (java.net.SocketException e) {
            return -1;   // reset by the server: cut as well
        }
    }

    private static void trickleOneHeader(final Socket s) {
        try {
            final OutputStream out = s.getOutputStream();
            out.write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (java.io.IOException e) {
            // the server closed it: what it should do eventually
        }
    }
}
