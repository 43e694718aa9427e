package io.ticklake.sink.lake;

import java.util.Locale;
import org.apache.parquet.column.ParquetProperties;

/**
 * How numbers are laid out in the sink's Parquet files ({@code sink.parquet.format}). Every format is
 * standard Parquet read by DuckDB and by Athena engine 3 / Trino; strings always use a dictionary.
 */
public enum ParquetFormat {
    /** Data page v1, PLAIN numbers (writer version PARQUET_1_0): the original format. */
    V1("v1", ParquetProperties.WriterVersion.PARQUET_1_0, false),
    /** Data page v1, BYTE_STREAM_SPLIT doubles (byte planes compress far better), PLAIN integers. */
    V1_BSS("v1-bss", ParquetProperties.WriterVersion.PARQUET_1_0, true),
    /** Data page v2 (PARQUET_2_0): DELTA_BINARY_PACKED integers and times, PLAIN doubles. */
    V2("v2", ParquetProperties.WriterVersion.PARQUET_2_0, false),
    /** Data page v2: DELTA_BINARY_PACKED integers and times, BYTE_STREAM_SPLIT doubles. */
    V2_BSS("v2-bss", ParquetProperties.WriterVersion.PARQUET_2_0, true);

    private final String id;
    private final ParquetProperties.WriterVersion writerVersion;
    private final boolean byteStreamSplit;

    ParquetFormat(final String id, final ParquetProperties.WriterVersion writerVersion,
                  final boolean byteStreamSplit) {
        this.id = id;
        this.writerVersion = writerVersion;
        this.byteStreamSplit = byteStreamSplit;
    }

    /** The name in configuration: {@code v1}, {@code v1-bss}, {@code v2}, {@code v2-bss}. */
    public String id() {
        return id;
    }

    ParquetProperties.WriterVersion writerVersion() {
        return writerVersion;
    }

    boolean byteStreamSplit() {
        return byteStreamSplit;
    }

    /**
     * The format named {@code name}.
     *
     * @throws IllegalArgumentException listing the accepted names
     */
    public static ParquetFormat parse(final String name) {
        final String n = name.trim().toLowerCase(Locale.ROOT);
        for (final ParquetFormat f : values()) {
            if (f.id.equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown Parquet format (v1, v1-bss, v2, v2-bss): " + name);
    }
}
