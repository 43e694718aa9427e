package io.ticklake.service.http;

/** Something that contributes samples to {@code /metrics}. Called on each scrape, from the HTTP thread. */
@FunctionalInterface
public interface MetricSource {
    void collect(PrometheusText out);
}
