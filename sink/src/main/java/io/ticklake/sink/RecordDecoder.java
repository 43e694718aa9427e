package io.ticklake.sink;

import com.fasterxml.jackson.databind.ObjectReader;
import io.ticklake.data.EnrichedTick;
import io.ticklake.data.OhlcBar;
import io.ticklake.data.json.Json;
import io.ticklake.sink.lake.LakeTable;
import io.ticklake.sink.lake.PartitionPath;

/**
 * Turns a record value into a lake row: the JSON of {@link EnrichedTick} or {@link OhlcBar}, checked
 * for what the lake needs (an index and a valid trading date). Not thread-safe.
 */
final class RecordDecoder {
    private static final ObjectReader TICKS = Json.MAPPER.readerFor(EnrichedTick.class);
    private static final ObjectReader BARS = Json.MAPPER.readerFor(OhlcBar.class);

    /** A value that cannot become a row; the message is a short reason. */
    static final class InvalidValueException extends Exception {
        InvalidValueException(final String reason) {
            super(reason, null, false, false);
        }
    }

    private final LakeTable.Kind kind;

    RecordDecoder(final LakeTable.Kind kind) {
        this.kind = kind;
    }

    /** The decoded record: an {@link EnrichedTick} or an {@link OhlcBar}. */
    Object decode(final byte[] value) throws InvalidValueException {
        if (value == null) {
            throw new InvalidValueException("null value");
        }
        final Object row;
        try {
            row = (kind == LakeTable.Kind.TICKS ? TICKS : BARS).readValue(value);
        } catch (java.io.IOException | RuntimeException e) {
            throw new InvalidValueException("not-json");
        }
        if (row == null) {
            throw new InvalidValueException("not-json");
        }
        final String index = index(row);
        final String date = date(row);
        if (index == null || index.isEmpty()) {
            throw new InvalidValueException("missing index");
        }
        if (!PartitionPath.isDate(date)) {
            throw new InvalidValueException("invalid trading_date");
        }
        return row;
    }

    static String index(final Object row) {
        return row instanceof EnrichedTick t ? t.index() : ((OhlcBar) row).index();
    }

    static String date(final Object row) {
        return row instanceof EnrichedTick t ? t.tradingDate() : ((OhlcBar) row).tradingDate();
    }
}
