package io.ticklake.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AdminServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(final int port, final String path, final String method) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void probesFollowTheHealthAndMetricsAreServed() throws Exception {
        final AtomicReference<Health> health = new AtomicReference<>(
                new Health(true, false, Map.of("streams", "REBALANCING", "sink", "RUNNING")));
        final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("ticklake_test_total").description("a test").register(meters).increment(7);
        try (AdminServer server = AdminServer.start("127.0.0.1", 0, health::get, meters)) {
            final int port = server.port();
            assertThat(port).isPositive();
            assertThat(get(port, "/health/live", "GET").statusCode()).isEqualTo(200);
            assertThat(get(port, "/health/ready", "GET").statusCode()).isEqualTo(503);
            final HttpResponse<String> h = get(port, "/health", "GET");
            assertThat(h.statusCode()).isEqualTo(503);
            assertThat(h.body()).contains("\"ready\":false").contains("\"streams\":\"REBALANCING\"");

            health.set(new Health(true, true, Map.of("streams", "RUNNING", "sink", "RUNNING")));
            assertThat(get(port, "/health/ready", "GET").statusCode()).isEqualTo(200);
            assertThat(get(port, "/health", "GET").body()).startsWith("{\"status\":\"UP\"");

            final HttpResponse<String> m = get(port, "/metrics", "GET");
            assertThat(m.statusCode()).isEqualTo(200);
            assertThat(m.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            final PrometheusScrape scrape = PrometheusScrape.parse(m.body());
            assertThat(scrape.types()).containsEntry("ticklake_test_total", "counter");
            assertThat(scrape.value("ticklake_test_total", Map.of())).isEqualTo(7);

            assertThat(get(port, "/metrics", "POST").statusCode()).isEqualTo(405);
            assertThat(get(port, "/nope", "GET").statusCode()).isEqualTo(404);
            assertThat(get(port, "/health/live/x", "GET").statusCode()).isEqualTo(404);
        }
    }
}
