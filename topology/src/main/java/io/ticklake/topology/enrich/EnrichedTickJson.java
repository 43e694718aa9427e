package io.ticklake.topology.enrich;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ticklake.data.EnrichedTick;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes an {@link EnrichedTick} as the same JSON as {@code io.ticklake.data.json.Json} (snake_case,
 * nulls written), with a streaming generator: this runs once per tick, and the generic mapper was the
 * largest cost of the topology's own work. Thread-safe.
 */
public final class EnrichedTickJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private EnrichedTickJson() {
    }

    /** UTF-8 JSON of {@code t}. */
    public static byte[] write(final EnrichedTick t) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(360);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("index", t.index());
            g.writeNumberField("ts", t.ts());
            g.writeNumberField("price", t.price());
            g.writeNumberField("volume", t.volume());
            g.writeStringField("exchange", t.exchange());
            g.writeStringField("region", t.region());
            g.writeStringField("currency", t.currency());
            nullable(g, "price_usd", t.priceUsd());
            g.writeStringField("trading_date", t.tradingDate());
            g.writeNumberField("seq", t.seq());
            nullable(g, "prev_price", t.prevPrice());
            nullable(g, "change", t.change());
            nullable(g, "change_pct", t.changePct());
            g.writeNumberField("day_open", t.dayOpen());
            g.writeNumberField("day_high", t.dayHigh());
            g.writeNumberField("day_low", t.dayLow());
            g.writeNumberField("day_volume", t.dayVolume());
            g.writeNumberField("vwap", t.vwap());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void nullable(final JsonGenerator g, final String name, final Double v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }
}
