package io.ticklake.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticklake.data.json.Json;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Control records that advance event time on a partition with no ticks: header
 * {@code ticklake-control: watermark}, value {@code {"ts": <epoch ms>}}, key null. Never written to
 * the lake.
 */
public final class Watermark {
    /** Header name that marks a control record. */
    public static final String HEADER = "ticklake-control";
    /** Header value of a watermark. */
    public static final String KIND = "watermark";
    private static final byte[] KIND_BYTES = KIND.getBytes(StandardCharsets.UTF_8);

    private Watermark() {
    }

    /** Headers that mark a watermark record. */
    public static Headers headers() {
        return new RecordHeaders().add(HEADER, KIND_BYTES.clone());
    }

    /** Whether a record with these headers is a watermark. */
    public static boolean isWatermark(final Headers headers) {
        if (headers == null) {
            return false;
        }
        final Header h = headers.lastHeader(HEADER);
        return h != null && h.value() != null && KIND.equals(new String(h.value(), StandardCharsets.UTF_8));
    }

    /** The value of a watermark at {@code ts}. */
    public static byte[] encode(final long ts) {
        return ("{\"ts\":" + ts + "}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The event time a watermark value carries.
     *
     * @throws InvalidRecordException when the value is not {@code {"ts": <integer>}}
     */
    public static long decode(final byte[] value) {
        try {
            final JsonNode node = Json.MAPPER.readTree(value);
            final JsonNode ts = node == null ? null : node.get("ts");
            if (ts == null || !ts.isIntegralNumber() || !ts.canConvertToLong()) {
                throw new InvalidRecordException("watermark value must be {\"ts\": <epoch ms>}");
            }
            return ts.asLong();
        } catch (java.io.IOException | RuntimeException e) {
            if (e instanceof InvalidRecordException ire) {
                throw ire;
            }
            throw new InvalidRecordException("watermark value is not valid JSON");
        }
    }
}
