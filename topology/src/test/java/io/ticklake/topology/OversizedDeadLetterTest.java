package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.Tick;
import io.ticklake.data.json.TickCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.internal.AbstractRecords;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A record too large to be copied whole to {@code ticks-dlq} or {@code ticks-late} within the
 * producer's {@code max.request.size} is copied truncated, with its original size and a header
 * saying so; the producer would otherwise fail the task with {@code RecordTooLargeException}.
 */
class OversizedDeadLetterTest {
    private static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;
    private static final long TS = Instant.parse("2021-05-28T14:30:00Z").toEpochMilli();

    @ParameterizedTest(name = "value of {0} bytes")
    @ValueSource(ints = {1_048_500, DEFAULT_MAX_REQUEST_SIZE - 10, DEFAULT_MAX_REQUEST_SIZE + 10, 5 * 1024 * 1024})
    void aDeadLetterAboveTheDefaultLimitIsTruncatedToFitIt(final int size) {
        try (Harness h = new Harness()) {
            final byte[] value = hostile(size);
            h.send(key("NYA"), value, trace());

            final TestRecord<byte[], byte[]> r = h.dlqTopic().readRecord();
            assertFits(r, DEFAULT_MAX_REQUEST_SIZE);
            assertTruncatedPrefix(r, value);
            assertThat(DlqHeaders.get(r.headers(), DlqHeaders.REASON)).startsWith("not-json");
            assertThat(DlqHeaders.get(r.headers(), DlqHeaders.OFFSET)).isEqualTo("0");
            assertThat(DlqHeaders.get(r.headers(), "trace-id")).isEqualTo("abc");
            assertThat(r.value().length).isGreaterThan(DEFAULT_MAX_REQUEST_SIZE - 4096);
            assertThat(h.metric("dlq-not-json-total")).isEqualTo(1.0);
        }
    }

    @Test
    void theBoundFollowsTheConfiguredMaxRequestSize() {
        for (final String key : List.of("producer.max.request.size", "max.request.size")) {
            final Properties props = new Properties();
            props.put(key, "20000");
            try (Harness h = new Harness(TopologyConfig.defaults(), props)) {
                final byte[] value = hostile(30_000);
                h.send(key("NYA"), value, trace());
                final TestRecord<byte[], byte[]> r = h.dlqTopic().readRecord();
                assertFits(r, 20_000);
                assertTruncatedPrefix(r, value);
                assertThat(r.value().length).as(key).isGreaterThan(15_000);
            }
        }
    }

    @Test
    void aDeadLetterThatFitsIsCopiedWholeWithoutTruncationHeaders() {
        final Properties props = new Properties();
        props.put("producer.max.request.size", "20000");
        try (Harness h = new Harness(TopologyConfig.defaults(), props)) {
            final byte[] value = hostile(15_000);
            h.send(key("NYA"), value, trace());
            final TestRecord<byte[], byte[]> r = h.dlqTopic().readRecord();
            assertThat(r.value()).isEqualTo(value);
            assertThat(r.headers().lastHeader(DlqHeaders.TRUNCATED)).isNull();
            assertThat(r.headers().lastHeader(DlqHeaders.ORIGINAL_SIZE)).isNull();
        }
    }

    @Test
    void aHugeKeyIsCutAndHugeHeadersAreDropped() {
        final Properties props = new Properties();
        props.put("producer.max.request.size", "20000");
        try (Harness h = new Harness(TopologyConfig.defaults(), props)) {
            final byte[] bigKey = "K".repeat(50_000).getBytes(StandardCharsets.UTF_8);
            final RecordHeaders headers = new RecordHeaders();
            headers.add("blob", new byte[50_000]);
            final byte[] value = TickCodec.encode(new Tick("NYA", TS, 1.0, 1));
            h.send(bigKey, value, headers);

            final TestRecord<byte[], byte[]> r = h.dlqTopic().readRecord();
            assertFits(r, 20_000);
            assertThat(r.value()).isEqualTo(value);
            assertThat(bigKey).startsWith(r.key());
            assertThat(r.key().length).isLessThan(bigKey.length);
            assertThat(r.headers().lastHeader("blob")).isNull();
            assertThat(DlqHeaders.get(r.headers(), DlqHeaders.REASON)).startsWith("key-mismatch");
            assertThat(DlqHeaders.get(r.headers(), DlqHeaders.TRUNCATED)).contains("key").contains("headers");
        }
    }

    @Test
    void aLateTickTooLargeToCopyWholeIsTruncatedToo() {
        final Properties props = new Properties();
        props.put("producer.max.request.size", "20000");
        try (Harness h = new Harness(TopologyConfig.defaults(), props)) {
            h.tick("NYA", TS + 2 * 86_400_000L, 100.0, 1);          // closes every window of the day before
            final String padded = "{\"index\":\"NYA\",\"ts\":" + TS + ",\"price\":1,\"volume\":1,\"pad\":\""
                    + "x".repeat(30_000) + "\"}";
            final byte[] value = padded.getBytes(StandardCharsets.UTF_8);
            h.send(key("NYA"), value, trace());

            final var late = h.driver.createOutputTopic(h.topics.late().name(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer()).readRecord();
            assertFits(late, 20_000);
            assertThat(value).startsWith(late.value());
            assertThat(late.value().length).isLessThan(value.length);
            assertThat(DlqHeaders.get(late.headers(), LateHeaders.WINDOWS)).isEqualTo("1m,1d");
            assertThat(DlqHeaders.get(late.headers(), LateHeaders.ORIGINAL_SIZE)).isEqualTo(String.valueOf(value.length));
            assertThat(DlqHeaders.get(late.headers(), LateHeaders.TRUNCATED)).isNotBlank();
            assertThat(h.enriched()).hasSize(2);
        }
    }

    private static void assertFits(final TestRecord<byte[], byte[]> r, final int maxRequestSize) {
        // the producer's own check (KafkaProducer.ensureValidRecordSize)
        final int size = AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE,
                CompressionType.NONE, r.key(), r.value(), r.headers().toArray());
        assertThat(size).isLessThanOrEqualTo(maxRequestSize);
    }

    private static void assertTruncatedPrefix(final TestRecord<byte[], byte[]> r, final byte[] original) {
        assertThat(r.value().length).isLessThan(original.length);
        assertThat(r.value()).isEqualTo(Arrays.copyOf(original, r.value().length));
        assertThat(DlqHeaders.get(r.headers(), DlqHeaders.ORIGINAL_SIZE)).isEqualTo(String.valueOf(original.length));
        assertThat(DlqHeaders.get(r.headers(), DlqHeaders.TRUNCATED))
                .contains(String.valueOf(original.length)).contains(String.valueOf(r.value().length));
    }

    private static byte[] hostile(final int size) {
        final byte[] v = new byte[size];
        Arrays.fill(v, (byte) '{');
        return v;
    }

    private static byte[] key(final String k) {
        return k.getBytes(StandardCharsets.UTF_8);
    }

    private static Headers trace() {
        final RecordHeaders h = new RecordHeaders();
        h.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
        return h;
    }
}
