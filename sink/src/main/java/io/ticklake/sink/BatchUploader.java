package io.ticklake.sink;

import io.ticklake.sink.lake.FileFormat;
import io.ticklake.sink.store.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Encodes and uploads the files of a sealed batch. Progress is kept in the batch, so a retry uploads only what is missing. Not thread-safe.
 */
final class BatchUploader {
    /** Thrown when the sink must poll before uploading more (ownership could otherwise lapse). */
    static final class MustPollException extends Exception {
        MustPollException() {
            super("must poll before uploading more", null, false, false);
        }
    }

    private final ObjectStore store;
    private final FileFormat format;
    private final SinkMetrics metrics;
    private final LongSupplier ticker;

    /** @param ticker monotonic nanoseconds, for the upload-time metric */
    BatchUploader(final ObjectStore store, final FileFormat format, final SinkMetrics metrics,
                  final LongSupplier ticker) {
        this.store = store;
        this.format = format;
        this.metrics = metrics;
        this.ticker = ticker;
    }

    /**
     * Makes every file of {@code batch} durable.
     *
     * @param mayUpload checked before each upload; false aborts with {@link MustPollException}
     * @param freed     told the buffered bytes released by each uploaded file
     * @return the batch's durable files, for the commit hook
     * @throws Exception the store's failure; the batch keeps its progress
     */
    DurableBatch upload(final Batch batch, final BooleanSupplier mayUpload, final LongConsumer freed)
            throws Exception {
        final List<DurableBatch.File> durable = new ArrayList<>(batch.fileCount());
        for (Batch.OpenFile f : batch.files()) {
            final String key = f.path.fileKey(batch.tp.topic(), batch.tp.partition(), f.firstOffset,
                    format.extension());
            if (!f.uploaded) {
                if (!mayUpload.getAsBoolean()) {
                    throw new MustPollException();
                }
                final byte[] file = format.encode(f.rows);
                final long t0 = ticker.getAsLong();
                store.put(key, file);
                metrics.uploaded(file.length, TimeUnit.NANOSECONDS.toMillis(ticker.getAsLong() - t0));
                freed.accept(batch.uploaded(f));
            }
            durable.add(new DurableBatch.File(f.path, key, store.uri(f.path.dir() + "/")));
        }
        return new DurableBatch(batch.tp.topic(), batch.tp.partition(), batch.startOffset, batch.nextOffset, durable);
    }
}
