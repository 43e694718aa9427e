package io.ticklake.sink.testing;

import io.ticklake.sink.lake.PartitionPath;
import io.ticklake.sink.store.LocalObjectStore;
import io.ticklake.sink.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Reads a lake back for tests (shipped in the sink test-jar): every Parquet file of a table through
 * parquet-avro, with the partition values parsed from the path. Works on any {@link ObjectStore}.
 */
public final class LakeReader {
    private LakeReader() {
    }

    /**
     * One row read back.
     *
     * @param table  table name
     * @param index  raw (unescaped) {@code index} partition value
     * @param date   {@code date} partition value
     * @param key    the file's lake-relative key
     * @param record the row (timestamps as epoch-ms longs, strings as {@code Utf8} or {@code String})
     */
    public record LakeRow(String table, String index, String date, String key, GenericRecord record) {
        /** A column as a long (timestamps, longs, ints). */
        public long getLong(final String column) {
            return ((Number) record.get(column)).longValue();
        }

        /** A column as a double, null when null. */
        public Double getDouble(final String column) {
            final Object v = record.get(column);
            return v == null ? null : ((Number) v).doubleValue();
        }

        /** A column as a string, null when null. */
        public String getString(final String column) {
            final Object v = record.get(column);
            return v == null ? null : v.toString();
        }

        /** {@code kafka_partition}. */
        public int kafkaPartition() {
            return (int) getLong("kafka_partition");
        }

        /** {@code kafka_offset}. */
        public long kafkaOffset() {
            return getLong("kafka_offset");
        }
    }

    /** All rows of {@code table} in a local lake directory. */
    public static List<LakeRow> read(final Path lakeDir, final String table) {
        try (LocalObjectStore store = LocalObjectStore.at(lakeDir)) {
            return read(store, table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All rows of {@code table}, ordered by Kafka partition and offset. */
    public static List<LakeRow> read(final ObjectStore store, final String table) {
        final List<LakeRow> rows = new ArrayList<>();
        try {
            for (String key : store.list(table + "/")) {
                final String[] seg = key.split("/");
                final boolean dated = seg.length == 4 && (seg[2].startsWith("date=") || seg[2].startsWith("year="));
                if (!(dated || seg.length == 3) || !seg[1].startsWith("index=") || !key.endsWith(".parquet")) {
                    throw new IllegalStateException("unexpected object under table " + table + ": " + key);
                }
                final String index = PartitionPath.unescape(seg[1].substring("index=".length()));
                final String pathDate = dated && seg[2].startsWith("date=") ? seg[2].substring("date=".length()) : null;
                for (GenericRecord r : readFile(store.get(key).orElseThrow())) {
                    rows.add(new LakeRow(table, index, pathDate != null ? pathDate : dateColumn(r, key), key, r));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.sort(Comparator.comparingInt(LakeRow::kafkaPartition).thenComparingLong(LakeRow::kafkaOffset));
        return rows;
    }

    /** The {@code date} data column of a file of a table not partitioned by date (Parquet DATE). */
    private static String dateColumn(final GenericRecord r, final String key) {
        final Object v = r.get("date");
        if (v == null) {
            throw new IllegalStateException("no date in the path or the row of " + key);
        }
        return v instanceof Number n ? java.time.LocalDate.ofEpochDay(n.longValue()).toString() : v.toString();
    }

    /** The records of one Parquet file. */
    public static List<GenericRecord> readFile(final byte[] parquet) {
        final List<GenericRecord> out = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new BytesInputFile(parquet),
                        new PlainParquetConfiguration())
                .withDataModel(GenericData.get()).build()) {
            for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                out.add(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** An in-memory {@link InputFile} (the sink's own, {@link io.ticklake.sink.lake.MemoryFiles#input}). */
    public static final class BytesInputFile implements InputFile {
        private final InputFile file;

        /** Wraps {@code bytes}. */
        public BytesInputFile(final byte[] bytes) {
            this.file = io.ticklake.sink.lake.MemoryFiles.input(bytes);
        }

        @Override
        public long getLength() throws java.io.IOException {
            return file.getLength();
        }

        @Override
        public SeekableInputStream newStream() throws java.io.IOException {
            return file.newStream();
        }
    }
}
