package io.ticklake.sink;

import io.ticklake.sink.lake.PartitionPath;
import io.ticklake.sink.lake.TableCodec;

/**
 * Turns a record value into a lake row with its table's codec, checked for what the lake needs (an
 * index and a valid trading date). Not thread-safe.
 */
final class RecordDecoder {
    /** A value that cannot become a row; the message is a short reason. */
    static final class InvalidValueException extends Exception {
        InvalidValueException(final String reason) {
            super(reason, null, false, false);
        }
    }

    private final TableCodec codec;

    RecordDecoder(final TableCodec codec) {
        this.codec = codec;
    }

    /** The decoded row (the codec's object). */
    Object decode(final byte[] value) throws InvalidValueException {
        if (value == null) {
            throw new InvalidValueException("null value");
        }
        final Object row;
        try {
            row = codec.decode(value);
        } catch (java.io.IOException | RuntimeException e) {
            throw new InvalidValueException("not-json");
        }
        if (row == null) {
            throw new InvalidValueException("not-json");
        }
        final String index = codec.index(row);
        if (index == null || index.isEmpty()) {
            throw new InvalidValueException("missing index");
        }
        if (!PartitionPath.isDate(codec.date(row))) {
            throw new InvalidValueException("invalid trading_date");
        }
        return row;
    }
}
