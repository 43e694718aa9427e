package io.ticklake.app.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ticklake.topology.DlqHeaders;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One dead letter as one line: text for people, or one JSON object. Everything that came from the
 * record (reason, source topic, key, value) is escaped; keys and values longer than {@code maxBytes}
 * are cut and their size shown.
 */
final class DlqLine {
    private static final JsonFactory JSON = new JsonFactory();
    private final int maxBytes;

    DlqLine(final int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * {@code <topic>/<partition>@<offset> <timestamp> <reason> | from <topic>/<partition>@<offset> | key=… value=…}.
     */
    String text(final ConsumerRecord<byte[], byte[]> r) {
        return SafeBytes.escape(r.topic()) + "/" + r.partition() + "@" + r.offset() + " "
                + Instant.ofEpochMilli(r.timestamp()) + " " + SafeBytes.escape(header(r, DlqHeaders.REASON, "?"))
                + " | from " + source(r) + " | key=" + bytes(r.key()) + " value=" + bytes(r.value());
    }

    /**
     * {@code {"topic","partition","offset","timestamp","reason","kind","source":{"topic","partition","offset"},
     * "key"|"key_base64","value"|"value_base64","value_bytes","value_truncated"}}: {@code value} when UTF-8,
     * else {@code value_base64}; {@code key} likewise; both cut to {@code maxBytes}.
     */
    String json(final ConsumerRecord<byte[], byte[]> r) {
        final StringWriter w = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("topic", r.topic());
            g.writeNumberField("partition", r.partition());
            g.writeNumberField("offset", r.offset());
            g.writeStringField("timestamp", Instant.ofEpochMilli(r.timestamp()).toString());
            final String reason = header(r, DlqHeaders.REASON, null);
            g.writeStringField("reason", reason);
            g.writeStringField("kind", reason == null ? null : reason.split(":", 2)[0]);
            g.writeObjectFieldStart("source");
            g.writeStringField("topic", header(r, DlqHeaders.TOPIC, null));
            writeNumber(g, "partition", header(r, DlqHeaders.PARTITION, null));
            writeNumber(g, "offset", header(r, DlqHeaders.OFFSET, null));
            g.writeEndObject();
            writeBytes(g, "key", r.key());
            writeBytes(g, "value", r.value());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a StringWriter does not fail
        }
        return w.toString();
    }

    private static String source(final ConsumerRecord<byte[], byte[]> r) {
        return SafeBytes.escape(header(r, DlqHeaders.TOPIC, "?")) + "/"
                + SafeBytes.escape(header(r, DlqHeaders.PARTITION, "?")) + "@"
                + SafeBytes.escape(header(r, DlqHeaders.OFFSET, "?"));
    }

    private static String header(final ConsumerRecord<byte[], byte[]> r, final String key, final String dflt) {
        final String v = DlqHeaders.get(r.headers(), key);
        return v == null ? dflt : v;
    }

    /** {@code null}, {@code "text"}, {@code "text..." (N bytes, cut)} or {@code "\xff\x00" (N bytes, not UTF-8)}. */
    private String bytes(final byte[] b) {
        if (b == null) {
            return "null";
        }
        final byte[] shown = SafeBytes.cut(b, maxBytes);
        final boolean cut = shown.length < b.length;
        final boolean utf8 = SafeBytes.isUtf8(b);
        final String size = cut || !utf8 ? " (" + b.length + " bytes" + (utf8 ? "" : ", not UTF-8") + (cut ? ", cut" : "")
                + ")" : "";
        return "\"" + SafeBytes.escape(shown) + (cut ? "..." : "") + "\"" + size;
    }

    private void writeBytes(final JsonGenerator g, final String field, final byte[] b) throws IOException {
        if (b == null) {
            g.writeNullField(field);
            return;
        }
        final byte[] shown = SafeBytes.cut(b, maxBytes);
        if (SafeBytes.isUtf8(b)) {
            g.writeStringField(field, SafeBytes.utf8(shown));   // the generator escapes control characters
        } else {
            g.writeStringField(field + "_base64", Base64.getEncoder().encodeToString(shown));
        }
        g.writeNumberField(field + "_bytes", b.length);
        g.writeBooleanField(field + "_truncated", shown.length < b.length);
    }

    private static void writeNumber(final JsonGenerator g, final String field, final String value) throws IOException {
        try {
            g.writeNumberField(field, Long.parseLong(value));
        } catch (NumberFormatException | NullPointerException e) {
            g.writeNullField(field);
        }
    }
}
