package io.ticklake.sink.lake;

import com.fasterxml.jackson.databind.ObjectReader;
import io.ticklake.data.EnrichedTick;
import io.ticklake.data.json.Json;
import java.io.IOException;
import org.apache.avro.Schema;

/** Enriched ticks ({@link EnrichedTick} JSON) in {@link LakeSchemas#TICKS}. */
final class TickCodec implements TableCodec {
    static final TickCodec INSTANCE = new TickCodec();
    private static final ObjectReader READER = Json.MAPPER.readerFor(EnrichedTick.class);

    private TickCodec() {
    }

    @Override
    public Schema schema() {
        return LakeSchemas.TICKS;
    }

    @Override
    public Object decode(final byte[] value) throws IOException {
        return READER.readValue(value);
    }

    @Override
    public String index(final Object row) {
        return ((EnrichedTick) row).index();
    }

    @Override
    public String date(final Object row) {
        return ((EnrichedTick) row).tradingDate();
    }

    @Override
    public void append(final RowBuffer rows, final Object row, final int partition, final long offset) {
        LakeRows.append(rows, (EnrichedTick) row, partition, offset);
    }
}
