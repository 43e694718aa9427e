package io.ticklake.sink.lake;

import com.fasterxml.jackson.databind.ObjectReader;
import io.ticklake.data.OhlcBar;
import io.ticklake.data.json.Json;
import java.io.IOException;
import org.apache.avro.Schema;

/** OHLC bars ({@link OhlcBar} JSON) in {@link LakeSchemas#OHLC}. */
final class BarCodec implements TableCodec {
    static final BarCodec INSTANCE = new BarCodec();
    private static final ObjectReader READER = Json.MAPPER.readerFor(OhlcBar.class);

    private BarCodec() {
    }

    @Override
    public Schema schema() {
        return LakeSchemas.OHLC;
    }

    @Override
    public Object decode(final byte[] value) throws IOException {
        return READER.readValue(value);
    }

    @Override
    public String index(final Object row) {
        return ((OhlcBar) row).index();
    }

    @Override
    public String date(final Object row) {
        return ((OhlcBar) row).tradingDate();
    }

    @Override
    public void append(final RowBuffer rows, final Object row, final int partition, final long offset) {
        LakeRows.append(rows, (OhlcBar) row, partition, offset);
    }
}
