package io.ticklake.sink;

import io.ticklake.sink.lake.ParquetEncoder;
import io.ticklake.sink.lake.PartitionListener;
import io.ticklake.sink.store.ObjectStore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Encodes and uploads the files of a sealed batch, then tells the listener about new partition paths.
 * Progress is kept in the batch, so a retry uploads only what is missing. Not thread-safe.
 */
final class BatchUploader {
    /** Thrown when the sink must poll before uploading more (ownership could otherwise lapse). */
    static final class MustPollException extends Exception {
        MustPollException() {
            super("must poll before uploading more", null, false, false);
        }
    }

    private final ObjectStore store;
    private final ParquetEncoder encoder;
    private final PartitionListener listener;
    private final AnnouncedPaths announced;
    private final SinkMetrics metrics;

    BatchUploader(final ObjectStore store, final ParquetEncoder encoder, final PartitionListener listener,
                  final AnnouncedPaths announced, final SinkMetrics metrics) {
        this.store = store;
        this.encoder = encoder;
        this.listener = listener;
        this.announced = announced;
        this.metrics = metrics;
    }

    /**
     * Makes every file of {@code batch} durable and announced.
     *
     * @param mayUpload checked before each upload; false aborts with {@link MustPollException}
     * @param freed     told the buffered bytes released by each uploaded file
     * @throws Exception the store's or the listener's failure; the batch keeps its progress
     */
    void upload(final Batch batch, final BooleanSupplier mayUpload, final LongConsumer freed) throws Exception {
        for (Batch.OpenFile f : batch.files()) {
            if (!f.uploaded) {
                if (!mayUpload.getAsBoolean()) {
                    throw new MustPollException();
                }
                final byte[] parquet = encoder.encode(f.rows);
                final long t0 = System.nanoTime();
                store.put(f.path.fileKey(batch.tp.topic(), batch.tp.partition(), f.firstOffset), parquet);
                metrics.uploaded(parquet.length, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                freed.accept(batch.uploaded(f));
            }
            if (!announced.contains(f.path)) {
                listener.onPartition(f.path, store.uri(f.path.dir() + "/"));
                announced.add(f.path);
            }
        }
    }
}
