package io.ticklake.sink.lake;

import java.io.IOException;
import java.util.Locale;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Encodes a {@link RowBuffer} into one Parquet file in memory (through {@link MemoryFiles.Output}, no Hadoop
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
        final MemoryFiles.Output out = new MemoryFiles.Output(Math.max(1024, (int) Math.min(rows.bytes() / 4, 1 << 26)));
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
}
