package io.ticklake.app.chaos;

import io.ticklake.data.Tick;
import io.ticklake.data.Watermark;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One record written straight to {@code ticks-raw} by the bad-input test, and what must become of it.
 *
 * @param name      what it tries
 * @param key       raw key bytes (may be null)
 * @param value     raw value bytes (may be null)
 * @param watermark whether it carries the watermark control header
 * @param outcome   {@link Outcome}
 * @param reason    for {@link Outcome#DLQ}: the expected first word of {@code ticklake-dlq-reason}
 * @param tick      for {@link Outcome#LANDS}: the tick the lake must hold
 */
record BadInput(String name, byte[] key, byte[] value, boolean watermark, Outcome outcome, String reason, Tick tick) {
    /** Where the record must end up. */
    enum Outcome {
        /** In {@code ticks-dlq} with a reason, never in the lake. */
        DLQ,
        /** Odd but valid: a row of {@code ticks}. */
        LANDS,
        /** A valid watermark that changes nothing (e.g. out of order): neither DLQ nor lake. */
        NO_EFFECT
    }

    ProducerRecord<byte[], byte[]> toRecord(final String topic, final int partition) {
        final RecordHeaders headers = watermark ? (RecordHeaders) Watermark.headers() : new RecordHeaders();
        final Integer p = watermark || key == null ? Integer.valueOf(partition) : null;
        return new ProducerRecord<>(topic, p, key, value, headers);
    }

    /** The corpus; {@code nowMs} is the wall clock (futures are relative to it). */
    static List<BadInput> corpus(final long nowMs) {
        final List<BadInput> c = new ArrayList<>();
        final String ok = "\"ts\":1622122200000,\"price\":100.5,\"volume\":10";
        // not JSON at all
        dlq(c, "empty value", "NYA", "", "not-json");
        c.add(new BadInput("null value (tombstone)", utf8("NYA"), null, false, Outcome.DLQ, "not-json", null));
        dlq(c, "truncated object", "NYA", "{\"index\":\"NYA\",\"ts\":16221", "not-json");
        dlq(c, "plain text", "NYA", "hello, lake", "not-json");
        dlq(c, "JSON array", "NYA", "[1,2,3]", "not-json");
        dlq(c, "JSON string", "NYA", "\"NYA\"", "not-json");
        dlq(c, "trailing content", "NYA", "{\"index\":\"NYA\"," + ok + "} {}", "not-json");
        dlq(c, "NaN literal", "NYA", "{\"index\":\"NYA\",\"ts\":1622122200000,\"price\":NaN,\"volume\":1}", "not-json");
        dlq(c, "duplicate field", "NYA", "{\"index\":\"NYA\",\"index\":\"NYA\"," + ok + "}", "not-json");
        c.add(new BadInput("binary garbage", utf8("NYA"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0x80},
                false, Outcome.DLQ, "not-json", null));
        // wrong types and values
        dlq(c, "price as string", "NYA", "{\"index\":\"NYA\",\"ts\":1622122200000,\"price\":\"100.5\",\"volume\":1}",
                "invalid-field");
        dlq(c, "ts as string", "NYA", "{\"index\":\"NYA\",\"ts\":\"2021-05-27\",\"price\":100.5,\"volume\":1}",
                "invalid-field");
        dlq(c, "ts as float", "NYA", "{\"index\":\"NYA\",\"ts\":1.6221222E12,\"price\":100.5,\"volume\":1}",
                "invalid-field");
        dlq(c, "fractional volume", "NYA", "{\"index\":\"NYA\",\"ts\":1622122200000,\"price\":100.5,\"volume\":1.5}",
                "invalid-field");
        dlq(c, "negative volume", "NYA", "{\"index\":\"NYA\",\"ts\":1622122200000,\"price\":100.5,\"volume\":-1}",
                "invalid-field");
        dlq(c, "negative price", "NYA", "{\"index\":\"NYA\",\"ts\":1622122200000,\"price\":-100.5,\"volume\":1}",
                "invalid-field");
        dlq(c, "zero price", "NYA", "{\"index\":\"NYA\",\"ts\":1622122200000,\"price\":0,\"volume\":1}",
                "invalid-field");
        dlq(c, "price overflowing a double", "NYA", "{\"index\":\"NYA\",\"ts\":1622122200000,\"price\":1e400,\"volume\":1}",
                "invalid-field");
        dlq(c, "volume beyond a long", "NYA",
                "{\"index\":\"NYA\",\"ts\":1622122200000,\"price\":1,\"volume\":99999999999999999999999}", "invalid-field");
        dlq(c, "ts beyond a long", "NYA",
                "{\"index\":\"NYA\",\"ts\":99999999999999999999999,\"price\":1,\"volume\":1}", "invalid-field");
        dlq(c, "missing price", "NYA", "{\"index\":\"NYA\",\"ts\":1622122200000,\"volume\":1}", "invalid-field");
        dlq(c, "missing index", "NYA", "{\"ts\":1622122200000,\"price\":100.5,\"volume\":1}", "invalid-field");
        dlq(c, "empty object", "NYA", "{}", "invalid-field");
        dlq(c, "index as number", "NYA", "{\"index\":225," + ok + "}", "invalid-field");
        dlq(c, "index null", "NYA", "{\"index\":null," + ok + "}", "invalid-field");
        // hostile symbols (the key is the same text, so only the symbol is wrong)
        for (final String symbol : List.of("../x", "a/b", "=", "x=y", "A".repeat(300), "日経225", "NYA\u0000", "",
                "N Y A", "%2e%2e", "..\\..\\etc", "NYA\n")) {
            dlq(c, "hostile symbol " + printable(symbol), symbol, "{\"index\":" + jsonString(symbol) + "," + ok + "}",
                    "invalid-field");
        }
        // timestamps
        dlq(c, "ts before 1900", "NYA", "{\"index\":\"NYA\",\"ts\":-9000000000000000,\"price\":1,\"volume\":1}",
                "bad-timestamp");
        dlq(c, "ts after 9999", "NYA", "{\"index\":\"NYA\",\"ts\":9000000000000000,\"price\":1,\"volume\":1}",
                "bad-timestamp");
        final long farFuture = nowMs + Duration.ofDays(30).toMillis();
        dlq(c, "ts a month ahead of the wall clock", "NYA", "{\"index\":\"NYA\",\"ts\":" + farFuture
                + ",\"price\":1,\"volume\":1}", "bad-timestamp");
        // keys
        c.add(new BadInput("null key", null, utf8("{\"index\":\"NYA\"," + ok + "}"), false, Outcome.DLQ, "null-key",
                null));
        dlq(c, "key is another index", "NYA", "{\"index\":\"N225\"," + ok + "}", "key-mismatch");
        // watermarks
        watermark(c, "watermark not JSON", "soon", Outcome.DLQ, "bad-watermark");
        watermark(c, "watermark ts as string", "{\"ts\":\"1622122200000\"}", Outcome.DLQ, "bad-watermark");
        watermark(c, "watermark ts as float", "{\"ts\":1.5}", Outcome.DLQ, "bad-watermark");
        watermark(c, "watermark without ts", "{}", Outcome.DLQ, "bad-watermark");
        watermark(c, "watermark before 1900", "{\"ts\":-9000000000000000}", Outcome.DLQ, "bad-watermark");
        watermark(c, "watermark a month ahead", "{\"ts\":" + farFuture + "}", Outcome.DLQ, "bad-watermark");
        // valid watermarks far behind the data: the second is out of order; neither may break anything
        watermark(c, "watermark in 1970", "{\"ts\":1000}", Outcome.NO_EFFECT, null);
        watermark(c, "watermark out of order", "{\"ts\":500}", Outcome.NO_EFFECT, null);
        // odd but valid ticks: they must land (symbols that are dangerous as paths are escaped by the sink)
        lands(c, "symbol '..'", new Tick("..", 1_622_122_200_000L, 1.5, 1));
        lands(c, "symbol '.'", new Tick(".", 1_622_122_200_000L, 2.5, 2));
        lands(c, "symbol with caret", new Tick("^GSPC", 1_622_122_200_000L, 4200.25, 3));
        lands(c, "unknown index", new Tick("ZZZ", 1_622_122_200_000L, 7.25, 4));
        lands(c, "32-character symbol", new Tick("A".repeat(32), 1_622_122_200_000L, 8.5, 5));
        lands(c, "tick in 1900", new Tick("OLD", Tick.MIN_TS + 86_400_000L, 3.75, 6));
        lands(c, "tick before 1970", new Tick("OLD", -1_000_000_000_000L, 3.5, 7));
        lands(c, "huge but finite price", new Tick("BIG", 1_622_122_200_000L, 1e300, 0));
        lands(c, "huge volume", new Tick("BIG", 1_622_122_260_000L, 2.0, Long.MAX_VALUE / 4));
        lands(c, "duplicate tick (1st)", new Tick("DUP", 1_622_122_200_000L, 10.0, 1));
        lands(c, "duplicate tick (2nd)", new Tick("DUP", 1_622_122_200_000L, 10.0, 1));
        lands(c, "out-of-order tick", new Tick("DUP", 1_622_122_100_000L, 9.0, 1));
        return List.copyOf(c);
    }

    private static void dlq(final List<BadInput> c, final String name, final String key, final String value,
                            final String reason) {
        c.add(new BadInput(name, utf8(key), utf8(value), false, Outcome.DLQ, reason, null));
    }

    private static void watermark(final List<BadInput> c, final String name, final String value, final Outcome outcome,
                                  final String reason) {
        c.add(new BadInput(name, null, utf8(value), true, outcome, reason, null));
    }

    private static void lands(final List<BadInput> c, final String name, final Tick tick) {
        c.add(new BadInput(name, utf8(tick.index()), io.ticklake.data.json.TickCodec.encode(tick), false,
                Outcome.LANDS, null, tick));
    }

    private static byte[] utf8(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String jsonString(final String s) {
        final StringBuilder b = new StringBuilder("\"");
        for (final char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch < 0x20) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.append('"').toString();
    }

    private static String printable(final String s) {
        final String shown = s.length() > 12 ? s.substring(0, 12) + "…(" + s.length() + ")" : s;
        return "'" + shown.replace("\n", "\\n").replace("\u0000", "\\0") + "'";
    }
}
