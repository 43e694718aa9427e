package io.ticklake.data.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.ticklake.data.IndexSymbol;
import io.ticklake.data.InvalidRecordException;
import io.ticklake.data.Printable;
import io.ticklake.data.Tick;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The strict wire format of {@code ticks-raw}:
 * {@code {"index":"NYA","ts":1622208600000,"price":16555.66,"volume":1200}}. Unknown fields are
 * ignored; a missing field, a wrong type, NaN/infinite, price ≤ 0, negative or fractional volume,
 * a bad symbol or duplicate fields are rejected with a one-line reason. Thread-safe.
 */
public final class TickCodec {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER) // exact, and faster than the JDK's (see Json)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private TickCodec() {
    }

    /** Encodes a tick as its wire JSON (UTF-8). */
    public static byte[] encode(final Tick tick) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(80);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("index", tick.index());
            g.writeNumberField("ts", tick.ts());
            g.writeNumberField("price", tick.price());
            g.writeNumberField("volume", tick.volume());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes wire JSON.
     *
     * @throws InvalidRecordException with the reason when the bytes are not a valid tick
     */
    public static Tick decode(final byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidRecordException("empty value");
        }
        try (JsonParser p = FACTORY.createParser(bytes)) {
            final Tick tick = readObject(p);
            if (p.nextToken() != null) {
                throw new InvalidRecordException("trailing content after the JSON object");
            }
            return tick;
        } catch (InvalidRecordException e) {
            throw e;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidRecordException("not valid JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidRecordException("not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    private static Tick readObject(final JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new InvalidRecordException("not a JSON object");
        }
        String index = null;
        Long ts = null;
        Double price = null;
        Long volume = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            switch (name) {
                case "index" -> index = readSymbol(t, p);
                case "ts" -> ts = readLong("ts", t, p);
                case "price" -> price = readPrice(t, p);
                case "volume" -> volume = readLong("volume", t, p);
                default -> p.skipChildren();
            }
        }
        require(index, "index");
        require(ts, "ts");
        require(price, "price");
        require(volume, "volume");
        if (volume < 0) {
            throw new InvalidRecordException("volume must be >= 0: " + volume);
        }
        if (ts < Tick.MIN_TS || ts > Tick.MAX_TS) {
            throw new InvalidRecordException("ts out of range [1900-01-01, 9999-12-31]: " + ts);
        }
        return new Tick(index, ts, price, volume);
    }

    private static String readSymbol(final JsonToken t, final JsonParser p) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw new InvalidRecordException("index must be a string");
        }
        final String s = p.getText();
        if (!IndexSymbol.isValid(s)) {
            throw new InvalidRecordException("index must match " + IndexSymbol.PATTERN.pattern() + ": "
                    + Printable.abbreviate(s));
        }
        return s;
    }

    private static long readLong(final String field, final JsonToken t, final JsonParser p) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new InvalidRecordException(field + " must be an integer");
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new InvalidRecordException(field + " is out of range");
        }
        return p.getLongValue();
    }

    private static double readPrice(final JsonToken t, final JsonParser p) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new InvalidRecordException("price must be a number");
        }
        final double v = p.getDoubleValue();
        if (!Double.isFinite(v)) {
            throw new InvalidRecordException("price must be finite");
        }
        if (v <= 0) {
            throw new InvalidRecordException("price must be > 0: " + v);
        }
        return v;
    }

    private static void require(final Object value, final String field) {
        if (value == null) {
            throw new InvalidRecordException("missing field " + field);
        }
    }

    private static String firstLine(final String s) {
        if (s == null) {
            return "unreadable";
        }
        final int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
