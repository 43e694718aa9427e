package io.ticklake.sink.compact;

import io.ticklake.sink.lake.MemoryFiles;
import io.ticklake.sink.lake.DataFileName;
import java.io.IOException;
import java.util.Map;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;

/**
 * One data file read into memory with the facts compaction needs from its footer: the schema, the row
 * count and the range of its lineage column {@code kafka_offset} (from the column statistics, no data read).
 *
 * @param key       lake-relative key
 * @param maxOffset the largest {@code kafka_offset} of its rows: the offset the sink must have committed past
 *                  before the file is final
 */
record DataFile(String key, DataFileName name, byte[] bytes, MessageType schema, Map<String, String> keyValues,
                long rows, long minOffset, long maxOffset) {
    /** The lineage column whose range names a compacted file. */
    static final String OFFSET_COLUMN = "kafka_offset";

    /** Reads the footer of {@code bytes}. */
    static DataFile of(final String key, final DataFileName name, final byte[] bytes) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(MemoryFiles.input(bytes))) {
            final ParquetMetadata footer = reader.getFooter();
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            long rows = 0;
            for (final BlockMetaData block : footer.getBlocks()) {
                rows += block.getRowCount();
                final Statistics<?> stats = offsetStats(key, block);
                if (block.getRowCount() > 0) {
                    min = Math.min(min, (Long) stats.genericGetMin());
                    max = Math.max(max, (Long) stats.genericGetMax());
                }
            }
            if (rows == 0) {
                throw new IOException(key + " has no rows");
            }
            return new DataFile(key, name, bytes, footer.getFileMetaData().getSchema(),
                    footer.getFileMetaData().getKeyValueMetaData(), rows, min, max);
        } catch (RuntimeException e) {
            throw new IOException("cannot read the Parquet footer of " + key + ": " + e.getMessage(), e);
        }
    }

    private static Statistics<?> offsetStats(final String key, final BlockMetaData block) throws IOException {
        for (final ColumnChunkMetaData c : block.getColumns()) {
            if (c.getPath().toDotString().equals(OFFSET_COLUMN)) {
                final Statistics<?> s = c.getStatistics();
                if (s == null || !s.hasNonNullValue() || !(s.genericGetMax() instanceof Long)) {
                    throw new IOException(key + " has no " + OFFSET_COLUMN + " statistics");
                }
                return s;
            }
        }
        throw new IOException(key + " has no " + OFFSET_COLUMN + " column");
    }

    /** The number of bytes. */
    long size() {
        return bytes.length;
    }
}
