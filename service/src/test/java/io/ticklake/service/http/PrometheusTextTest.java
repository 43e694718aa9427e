package io.ticklake.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    @Test
    void namesAndLabelsAreSanitizedAndValuesEscaped() {
        final String text = new PrometheusText()
                .add("kafka_streams_stream-thread-metrics_process-rate", "gauge", "rate",
                        Map.of("thread-id", "app-1 \"x\"\\y"), 1.5)
                .add("kafka_streams_stream-thread-metrics_process-rate", "gauge", "rate", Map.of("thread-id", "b"), 2)
                .add("9lives", "counter", null, Double.NaN)
                .render();

        assertThat(text).isEqualTo("""
                # HELP kafka_streams_stream_thread_metrics_process_rate rate
                # TYPE kafka_streams_stream_thread_metrics_process_rate gauge
                kafka_streams_stream_thread_metrics_process_rate{thread_id="app-1 \\"x\\"\\\\y"} 1.5
                kafka_streams_stream_thread_metrics_process_rate{thread_id="b"} 2
                # TYPE _9lives counter
                _9lives NaN
                """);
    }
}
