package io.ticklake.sink.lake;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Writes the rows of a {@link RowBuffer} as one row group of one Parquet file straight into Parquet's
 * column writers, the way {@code InternalParquetRecordWriter} drives them, but without its record
 * shredding ({@code MessageColumnIO}'s record consumer): the lake schemas are flat, so every value
 * goes to its column's writer with repetition level 0 and the definition level of a present or null
 * value. Measured in {@code bench sink}: the record consumer's field bookkeeping was a tenth of the
 * encoder's CPU (docs/BENCHMARKS.md). The file is what {@code AvroParquetWriter} writes for the same
 * rows: the same Parquet schema (derived from the Avro schema) and the Avro schema in the footer.
 */
final class ColumnChunkWriter {
    private static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";
    private static final int MAX_PADDING = 0;

    private ColumnChunkWriter() {
    }

    /** The Parquet schema of the buffer's Avro schema. */
    static MessageType messageType(final RowBuffer rows) {
        return new AvroSchemaConverter().convert(rows.schema());
    }

    /** Writes every row of {@code rows} to {@code out}, in row order. */
    static void write(final RowBuffer rows, final OutputFile out, final ParquetProperties props,
                      final CompressionCodecName codec, final long rowGroupBytes) throws IOException {
        final MessageType schema = messageType(rows);
        final ParquetFileWriter file = new ParquetFileWriter(out, schema, ParquetFileWriter.Mode.OVERWRITE,
                rowGroupBytes, MAX_PADDING, null, props);
        file.start();
        final ColumnChunkPageWriteStore pages = new ColumnChunkPageWriteStore(
                WriteCodecs.INSTANCE.getCompressor(codec), schema, props.getAllocator(),
                props.getColumnIndexTruncateLength(), props.getPageWriteChecksumEnabled());
        final ColumnWriteStore columns = props.newColumnWriteStore(schema, pages, pages);
        final List<ColumnDescriptor> descriptors = schema.getColumns();
        final ColumnWriter[] writers = new ColumnWriter[descriptors.size()];
        final int[] present = new int[descriptors.size()];
        for (int c = 0; c < writers.length; c++) {
            writers[c] = columns.getColumnWriter(descriptors.get(c));
            present[c] = descriptors.get(c).getMaxDefinitionLevel();
        }
        final Binary[] lastBinary = new Binary[writers.length];
        final String[] lastString = new String[writers.length];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < writers.length; c++) {
                writeValue(rows, r, c, writers[c], present[c], lastString, lastBinary);
            }
            columns.endRecord();
        }
        file.startBlock(rows.size());
        columns.flush();
        pages.flushToFileWriter(file);
        file.endBlock();
        columns.close();
        pages.close();
        file.end(footer(rows));
    }

    private static void writeValue(final RowBuffer rows, final int r, final int c, final ColumnWriter w,
                                   final int present, final String[] lastString, final Binary[] lastBinary) {
        if (rows.isNull(c, r)) {
            w.writeNull(0, 0);
            return;
        }
        switch (rows.type(c)) {
            case LONG -> w.write(rows.longAt(c, r), 0, present);
            case INT -> w.write((int) rows.longAt(c, r), 0, present);
            case DOUBLE -> w.write(rows.doubleAt(c, r), 0, present);
            case STRING -> {
                final String s = rows.stringAt(c, r);
                if (lastString[c] != s) { // strings repeat as one reference (RowBuffer.setString)
                    lastString[c] = s;
                    lastBinary[c] = Binary.fromString(s);
                }
                w.write(lastBinary[c], 0, present);
            }
            default -> throw new IllegalStateException("column type " + rows.type(c));
        }
    }

    private static Map<String, String> footer(final RowBuffer rows) {
        final Map<String, String> meta = new HashMap<>();
        meta.put(AVRO_SCHEMA_KEY, rows.schema().toString());
        meta.put("writer.model.name", "avro");
        return meta;
    }
}
