package io.ticklake.sink.lake;

import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes the rows of a {@link RowBuffer} straight to Parquet's record consumer, without building an
 * Avro record per row. The Parquet schema is derived from the buffer's Avro schema (the source of
 * truth) and the Avro schema is stored in the footer, so parquet-avro readers see the same records
 * an {@code AvroParquetWriter} would have written.
 */
final class ColumnarWriteSupport extends WriteSupport<RowBuffer> {
    private static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";

    private final RowBuffer rows;
    private final MessageType messageType;
    private final String[] lastString;
    private final Binary[] lastBinary;
    private RecordConsumer consumer;
    private int next;

    ColumnarWriteSupport(final RowBuffer rows) {
        this.rows = rows;
        this.messageType = new AvroSchemaConverter().convert(rows.schema());
        this.lastString = new String[rows.columns()];
        this.lastBinary = new Binary[rows.columns()];
    }

    MessageType messageType() {
        return messageType;
    }

    @Override
    public WriteContext init(final org.apache.hadoop.conf.Configuration configuration) {
        return context();
    }

    @Override
    public WriteContext init(final ParquetConfiguration configuration) {
        return context();
    }

    private WriteContext context() {
        final Map<String, String> meta = new HashMap<>();
        meta.put(AVRO_SCHEMA_KEY, rows.schema().toString());
        meta.put("writer.model.name", "avro");
        return new WriteContext(messageType, meta);
    }

    @Override
    public String getName() {
        return "avro";
    }

    @Override
    public void prepareForWrite(final RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    /**
     * Writes the next row of the buffer: the argument is only a token (always the buffer itself), which
     * keeps the write path free of a per-row allocation.
     */
    @Override
    public void write(final RowBuffer token) {
        writeRow(next++);
    }

    void writeRow(final int row) {
        final RecordConsumer rc = consumer;
        rc.startMessage();
        for (int c = 0; c < rows.columns(); c++) {
            if (rows.isNull(c, row)) {
                continue;
            }
            final String name = rows.name(c);
            rc.startField(name, c);
            switch (rows.type(c)) {
                case LONG -> rc.addLong(rows.longAt(c, row));
                case INT -> rc.addInteger((int) rows.longAt(c, row));
                case DOUBLE -> rc.addDouble(rows.doubleAt(c, row));
                case STRING -> rc.addBinary(binary(c, rows.stringAt(c, row)));
                default -> throw new IllegalStateException();
            }
            rc.endField(name, c);
        }
        rc.endMessage();
    }

    private Binary binary(final int col, final String s) {
        if (lastString[col] != s) {
            lastString[col] = s;
            lastBinary[col] = Binary.fromString(s);
        }
        return lastBinary[col];
    }
}
