package io.ticklake.service;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.ticklake.sink.RollPolicy;
import io.ticklake.sink.SinkMetrics;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The sink's metrics as {@code ticklake_sink_*} meters, read from {@link SinkMetrics#snapshot()} at
 * each scrape. The names are the Prometheus names (counters already end in {@code _total}).
 */
public final class SinkMeters implements MeterBinder {
    private static final String PREFIX = "ticklake_sink_";
    private final SinkMetrics metrics;

    public SinkMeters(final SinkMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void bindTo(final MeterRegistry registry) {
        counter(registry, "records_written_total", "Rows uploaded and committed into the lake", SinkMetrics.Snapshot::recordsWritten);
        counter(registry, "records_invalid_total", "Records skipped because they are not valid rows", SinkMetrics.Snapshot::recordsInvalid);
        counter(registry, "records_control_total", "Control records (watermarks) skipped", SinkMetrics.Snapshot::recordsControl);
        counter(registry, "bytes_uploaded_total", "Parquet bytes uploaded", SinkMetrics.Snapshot::bytesUploaded);
        counter(registry, "files_uploaded_total", "Parquet files uploaded", SinkMetrics.Snapshot::filesUploaded);
        counter(registry, "upload_millis_total", "Time spent uploading", SinkMetrics.Snapshot::uploadMillisTotal);
        gauge(registry, "upload_millis_max", "Slowest upload", SinkMetrics.Snapshot::uploadMillisMax);
        counter(registry, "retries_total", "Upload retries (batch and store requests)", SinkMetrics.Snapshot::retries);
        counter(registry, "errors_total", "Failed uploads, listener calls and commits", SinkMetrics.Snapshot::errors);
        counter(registry, "commits_total", "Offset commits", SinkMetrics.Snapshot::commits);
        counter(registry, "batches_dropped_total", "Open batches dropped on revocation", SinkMetrics.Snapshot::batchesDropped);
        for (final RollPolicy.Reason reason : RollPolicy.Reason.values()) {
            FunctionCounter.builder(PREFIX + "rolls_total", metrics, m -> m.snapshot().rolls().getOrDefault(reason, 0L))
                    .description("Batches closed, by reason").tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        gauge(registry, "lag_records", "Records behind the end of the assigned partitions", SinkMetrics.Snapshot::lag);
        gauge(registry, "buffered_bytes", "Bytes buffered now", SinkMetrics.Snapshot::bufferedBytes);
        gauge(registry, "open_files", "Partition paths open now", SinkMetrics.Snapshot::openFiles);
        gauge(registry, "paused_partitions", "Partitions paused now", SinkMetrics.Snapshot::pausedPartitions);
    }

    private void counter(final MeterRegistry registry, final String name, final String help,
                         final ToLongFunction<SinkMetrics.Snapshot> value) {
        FunctionCounter.builder(PREFIX + name, metrics, m -> value.applyAsLong(m.snapshot())).description(help)
                .register(registry);
    }

    private void gauge(final MeterRegistry registry, final String name, final String help,
                       final ToLongFunction<SinkMetrics.Snapshot> value) {
        Gauge.builder(PREFIX + name, metrics, m -> value.applyAsLong(m.snapshot())).description(help).strongReference(true)
                .register(registry);
    }
}
