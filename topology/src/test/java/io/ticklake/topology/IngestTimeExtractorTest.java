package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class IngestTimeExtractorTest {
    private final IngestTimeExtractor extractor = new IngestTimeExtractor();

    private static ConsumerRecord<Object, Object> record(final long ts) {
        return new ConsumerRecord<>("ticks-raw", 0, 0, ts, TimestampType.CREATE_TIME, 0, 0, "NYA",
                "{\"index\":\"NYA\",\"ts\":-157766400000,\"price\":1,\"volume\":1}", new RecordHeaders(), Optional.empty());
    }

    @Test
    void usesTheRecordTimestampNotTheTicksEventTime() {
        assertThat(extractor.extract(record(1_764_547_200_000L), -1)).isEqualTo(1_764_547_200_000L);
    }

    @Test
    void fallsBackToPartitionTimeThenWallClockWhenTheRecordHasNone() {
        assertThat(extractor.extract(record(-1), 1_000L)).isEqualTo(1_000L);
        final long before = System.currentTimeMillis();
        assertThat(extractor.extract(record(-1), -1)).isGreaterThanOrEqualTo(before);
    }
}
