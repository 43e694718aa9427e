package io.ticklake.sink.lake;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Encodes a {@link RowBuffer} into one Parquet file in memory (through {@link OutputFile}, no Hadoop
 * file system): one row group, dictionary encoding on string columns only (prices and times are
 * nearly unique, where a dictionary costs time and gains nothing). Thread-safe (stateless).
 */
public final class ParquetEncoder implements FileFormat {
    private static final int ROW_GROUP_BYTES = 256 * 1024 * 1024;

    private final CompressionCodecName codec;
    private final ParquetFormat format;

    /** An encoder compressing with {@code codec}, in the original format ({@link ParquetFormat#V1}). */
    public ParquetEncoder(final CompressionCodecName codec) {
        this(codec, ParquetFormat.V1);
    }

    /** An encoder compressing with {@code codec}, laying numbers out as {@code format} says. */
    public ParquetEncoder(final CompressionCodecName codec, final ParquetFormat format) {
        this.codec = codec;
        this.format = format;
    }

    /** ZSTD, the default. */
    public static ParquetEncoder zstd() {
        return new ParquetEncoder(CompressionCodecName.ZSTD);
    }

    /**
     * Parses a codec name ({@code zstd}, {@code snappy}, {@code gzip}, {@code uncompressed}).
     *
     * @throws IllegalArgumentException listing the accepted names
     */
    public static CompressionCodecName codec(final String name) {
        final String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "zstd" -> CompressionCodecName.ZSTD;
            case "snappy" -> CompressionCodecName.SNAPPY;
            case "gzip" -> CompressionCodecName.GZIP;
            case "uncompressed", "none" -> CompressionCodecName.UNCOMPRESSED;
            default -> throw new IllegalArgumentException(
                    "unknown Parquet compression (zstd, snappy, gzip, uncompressed): " + name);
        };
    }

    /** The format. */
    public ParquetFormat format() {
        return format;
    }

    /** The codec. */
    public CompressionCodecName codecName() {
        return codec;
    }

    @Override
    public String name() {
        return "parquet";
    }

    @Override
    public String extension() {
        return ".parquet";
    }

    /** The Parquet file of all rows of {@code rows}, in row order. */
    @Override
    public byte[] encode(final RowBuffer rows) throws IOException {
        final MemoryOutputFile out = new MemoryOutputFile(Math.max(1024, (int) Math.min(rows.bytes() / 4, 1 << 26)));
        ColumnChunkWriter.write(rows, out, properties(rows), codec, ROW_GROUP_BYTES);
        return out.toByteArray();
    }

    private ParquetProperties properties(final RowBuffer rows) {
        final ParquetProperties.Builder b = ParquetProperties.builder()
                .withWriterVersion(format.writerVersion())
                .withByteStreamSplitEncoding(format.byteStreamSplit())
                .withDictionaryEncoding(false);
        for (int c = 0; c < rows.columns(); c++) {
            if (rows.type(c) == RowBuffer.Type.STRING) {
                b.withDictionaryEncoding(rows.name(c), true);
            }
        }
        return b.build();
    }

    /** An {@link OutputFile} backed by a growable byte array. */
    static final class MemoryOutputFile implements OutputFile {
        private byte[] buf;
        private int len;

        MemoryOutputFile(final int initial) {
            buf = new byte[initial];
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }

        @Override
        public PositionOutputStream create(final long blockSizeHint) {
            return createOrOverwrite(blockSizeHint);
        }

        @Override
        public PositionOutputStream createOrOverwrite(final long blockSizeHint) {
            len = 0;
            return new PositionOutputStream() {
                @Override
                public long getPos() {
                    return len;
                }

                @Override
                public void write(final int b) {
                    ensure(1);
                    buf[len++] = (byte) b;
                }

                @Override
                public void write(final byte[] b, final int off, final int n) {
                    ensure(n);
                    System.arraycopy(b, off, buf, len, n);
                    len += n;
                }
            };
        }

        private void ensure(final int n) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return "memory";
        }
    }
}
