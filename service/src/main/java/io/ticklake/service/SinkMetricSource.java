package io.ticklake.service;

import io.ticklake.service.http.MetricSource;
import io.ticklake.service.http.PrometheusText;
import io.ticklake.sink.SinkMetrics;
import java.util.Locale;
import java.util.Map;

/** The sink's metrics as {@code ticklake_sink_*}. */
public final class SinkMetricSource implements MetricSource {
    private final SinkMetrics metrics;

    public SinkMetricSource(final SinkMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void collect(final PrometheusText out) {
        final SinkMetrics.Snapshot s = metrics.snapshot();
        counter(out, "records_written_total", "Rows uploaded and committed into the lake", s.recordsWritten());
        counter(out, "records_invalid_total", "Records skipped because they are not valid rows", s.recordsInvalid());
        counter(out, "records_control_total", "Control records (watermarks) skipped", s.recordsControl());
        counter(out, "bytes_uploaded_total", "Parquet bytes uploaded", s.bytesUploaded());
        counter(out, "files_uploaded_total", "Parquet files uploaded", s.filesUploaded());
        counter(out, "upload_millis_total", "Time spent uploading", s.uploadMillisTotal());
        gauge(out, "upload_millis_max", "Slowest upload", s.uploadMillisMax());
        counter(out, "retries_total", "Upload retries (batch and store requests)", s.retries());
        counter(out, "errors_total", "Failed uploads, listener calls and commits", s.errors());
        counter(out, "commits_total", "Offset commits", s.commits());
        counter(out, "batches_dropped_total", "Open batches dropped on revocation", s.batchesDropped());
        s.rolls().forEach((reason, n) -> out.add("ticklake_sink_rolls_total", "counter", "Batches closed, by reason",
                Map.of("reason", reason.name().toLowerCase(Locale.ROOT)), n));
        gauge(out, "lag_records", "Records behind the end of the assigned partitions", s.lag());
        gauge(out, "buffered_bytes", "Bytes buffered now", s.bufferedBytes());
        gauge(out, "open_files", "Partition paths open now", s.openFiles());
        gauge(out, "paused_partitions", "Partitions paused now", s.pausedPartitions());
    }

    private static void counter(final PrometheusText out, final String name, final String help, final long v) {
        out.add("ticklake_sink_" + name, "counter", help, v);
    }

    private static void gauge(final PrometheusText out, final String name, final String help, final long v) {
        out.add("ticklake_sink_" + name, "gauge", help, v);
    }
}
