package io.ticklake.sink.lake;

import java.io.IOException;
import org.apache.avro.Schema;

/**
 * Everything the sink does with the rows of one table kind: decode a record value, tell its partition
 * (index, date), append it to the column buffers of the kind's file schema. One codec per
 * {@link LakeTable.Kind}, chosen by the table's declared kind, so nothing dispatches on a row's class
 * or a topic's name. Rows are the codec's own objects; pass a codec only rows it decoded.
 * Implementations are stateless and thread-safe.
 */
public interface TableCodec {
    /** The file schema (stored in every file's footer). */
    Schema schema();

    /**
     * The row of a record value (JSON).
     *
     * @return the row, or null when the value is JSON {@code null}
     * @throws IOException when the value is not a row of this kind
     */
    Object decode(byte[] value) throws IOException;

    /** The raw index value of {@code row} (its {@code index=} partition), possibly null. */
    String index(Object row);

    /** The trading date of {@code row} (its {@code date=} partition), possibly invalid. */
    String date(Object row);

    /** Appends {@code row}, read at {@code partition}/{@code offset}, to a buffer of {@link #schema()}. */
    void append(RowBuffer rows, Object row, int partition, long offset);
}
