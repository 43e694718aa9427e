package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.Watermark;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadLetterTest {
    private static final long TS = Instant.parse("2021-05-28T13:30:00Z").toEpochMilli();

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NYA | {oops | not-json: not valid JSON",
        "NYA | NULL | not-json: empty value",
        "NYA | [1,2] | not-json: not a JSON object",
        "NYA | {\"index\":\"NYA\",\"ts\":1622208600000,\"price\":1,\"volume\":1} {} | not-json: trailing content",
        "NYA | {\"index\":\"NYA\",\"ts\":1622208600000,\"price\":-1,\"volume\":1} | invalid-field: price must be > 0",
        "NYA | {\"index\":\"NYA\",\"ts\":1622208600000,\"price\":\"1\",\"volume\":1} | invalid-field: price must be a number",
        "NYA | {\"index\":\"NYA\",\"ts\":1622208600000,\"price\":1,\"volume\":-5} | invalid-field: volume must be >= 0",
        "NYA | {\"index\":\"NYA\",\"ts\":1622208600000,\"price\":1} | invalid-field: missing field volume",
        "NYA | {\"index\":\"NYA\",\"ts\":1.5,\"price\":1,\"volume\":1} | invalid-field: ts must be an integer",
        "NYA | {\"index\":\"NYA\",\"ts\":-9999999999999,\"price\":1,\"volume\":1} | bad-timestamp: ts out of range",
        "NYA | {\"index\":\"NYA\",\"ts\":221845392000000,\"price\":1,\"volume\":1} | bad-timestamp: ts 221845392000000 is more than",
        "NULL | {\"index\":\"NYA\",\"ts\":1622208600000,\"price\":1,\"volume\":1} | null-key",
        "HSI | {\"index\":\"NYA\",\"ts\":1622208600000,\"price\":1,\"volume\":1} | key-mismatch: key \"HSI\" is not index \"NYA\"",
    })
    void everyKindOfBadRecordGoesToTheDlqWithItsReason(final String key, final String value, final String reason) {
        try (Harness h = new Harness()) {
            final RecordHeaders headers = new RecordHeaders();
            headers.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
            final byte[] k = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
            final byte[] v = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
            h.send(k, v, headers);

            final List<TestRecord<byte[], byte[]>> dlq = h.dlqTopic().readRecordsToList();
            assertThat(dlq).hasSize(1);
            final TestRecord<byte[], byte[]> r = dlq.get(0);
            assertThat(r.key()).isEqualTo(k);
            assertThat(r.value()).isEqualTo(v);
            assertThat(DlqHeaders.get(r.headers(), DlqHeaders.REASON)).startsWith(reason);
            assertThat(DlqHeaders.get(r.headers(), DlqHeaders.TOPIC)).isEqualTo("ticks-raw");
            assertThat(DlqHeaders.get(r.headers(), DlqHeaders.PARTITION)).isEqualTo("0");
            assertThat(DlqHeaders.get(r.headers(), DlqHeaders.OFFSET)).isEqualTo("0");
            assertThat(DlqHeaders.get(r.headers(), "trace-id")).isEqualTo("abc");
            assertThat(h.enriched()).isEmpty();
            final String kind = reason.contains(":") ? reason.substring(0, reason.indexOf(':')) : reason;
            assertThat(h.metric("dlq-" + kind + "-total")).isEqualTo(1.0);
            assertThat(h.metric("dlq-total")).isEqualTo(1.0);
        }
    }

    @Test
    void unknownIndexIsADeadLetterOnlyWhenStrict() {
        final String tick = "{\"index\":\"ZZZ\",\"ts\":" + TS + ",\"price\":10,\"volume\":1}";
        try (Harness lenient = new Harness()) {
            lenient.sendString("ZZZ", tick);
            assertThat(lenient.enriched()).singleElement().satisfies(e -> {
                assertThat(e.exchange()).isNull();
                assertThat(e.priceUsd()).isNull();
            });
            assertThat(lenient.dlqTopic().isEmpty()).isTrue();
        }
        try (Harness strict = new Harness(TopologyConfig.defaults().withStrictUnknownIndex(true))) {
            strict.sendString("ZZZ", tick);
            assertThat(strict.enriched()).isEmpty();
            assertThat(DlqHeaders.get(strict.dlqTopic().readRecord().headers(), DlqHeaders.REASON))
                    .isEqualTo("unknown-index: ZZZ");
            assertThat(strict.metric("dlq-unknown-index-total")).isEqualTo(1.0);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{oops | bad-watermark: watermark value is not valid JSON",
        "{\"ts\":\"x\"} | bad-watermark: watermark value must be",
        "{\"ts\":-9999999999999} | bad-watermark: ts out of range",
        "{\"ts\":221845392000000} | bad-watermark: ts 221845392000000 is more than",
    })
    void badWatermarksGoToTheDlqWithTheirHeaders(final String value, final String reason) {
        try (Harness h = new Harness()) {
            h.send(null, value.getBytes(StandardCharsets.UTF_8), Watermark.headers());
            final TestRecord<byte[], byte[]> r = h.dlqTopic().readRecord();
            assertThat(DlqHeaders.get(r.headers(), DlqHeaders.REASON)).startsWith(reason);
            assertThat(Watermark.isWatermark(r.headers())).isTrue();
            assertThat(h.metric("dlq-bad-watermark-total")).isEqualTo(1.0);
        }
    }

    @Test
    void aHostileFutureTickDoesNotMakeLaterTicksLate() {
        try (Harness h = new Harness()) {
            final long year9000 = Instant.parse("9000-01-01T00:00:00Z").toEpochMilli();
            h.tick("NYA", year9000, 100, 1);
            h.tick("NYA", TS, 100, 1);
            h.tick("NYA", TS + 60_000, 101, 1);
            assertThat(h.dlqTopic().readRecordsToList()).hasSize(1);
            assertThat(h.enriched()).hasSize(2);
            assertThat(h.lateTopic().isEmpty()).isTrue();
            assertThat(h.metric("late-total")).isZero();
        }
    }

    @Test
    void aBadRecordDoesNotStopTheGoodOnesAfterIt() {
        try (Harness h = new Harness()) {
            h.sendString("NYA", "garbage");
            h.tick("NYA", TS, 100, 1);
            h.sendString("NYA", "{}");
            h.tick("NYA", TS + 1, 101, 1);
            assertThat(h.enriched()).extracting(e -> e.seq()).containsExactly(1L, 2L);
            assertThat(h.dlqTopic().readRecordsToList()).extracting(r -> DlqHeaders.get(r.headers(), DlqHeaders.OFFSET))
                    .containsExactly("0", "2");
            assertThat(h.metric("ticks-total")).isEqualTo(2.0);
        }
    }
}
