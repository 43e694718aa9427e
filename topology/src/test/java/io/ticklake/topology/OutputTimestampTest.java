package io.ticklake.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Every output carries the wall-clock time as its Kafka timestamp: topics keep records 7 days by
 * record timestamp, so a replayed 1965 tick stamped with its event time would be deleted on arrival.
 */
class OutputTimestampTest {
    @Test
    void outputsAreStampedWithTheWallClockNotEventTime() {
        try (Harness h = new Harness()) {
            final long t0 = Instant.parse("1965-01-05T15:00:00Z").toEpochMilli();
            h.tick("NYA", t0, 100, 1);
            h.driver.advanceWallClockTime(Duration.ofSeconds(5));
            final long wall = Harness.WALL.toEpochMilli() + 5_000;
            h.tick("NYA", t0 + 120_000, 101, 1);           // closes the 1m window of t0
            h.tick("NYA", t0 - 3_600_000, 99, 1);          // late for 1m
            h.sendString("NYA", "not json");
            h.watermark(t0 + 2 * 86_400_000L);             // closes the 1d window

            assertThat(h.enrichedTopic().readRecordsToList()).extracting(TestRecord::timestamp)
                    .containsExactly(Harness.WALL.toEpochMilli(), wall, wall);
            final var bars1m = h.barTopic("1m").readRecordsToList();
            assertThat(bars1m).isNotEmpty().allSatisfy(r -> {
                assertThat(r.timestamp()).isEqualTo(wall);
                assertThat(r.value().windowStart()).isNegative();
            });
            assertThat(h.barTopic("1d").readRecordsToList()).singleElement()
                    .satisfies(r -> assertThat(r.timestamp()).isEqualTo(wall));
            assertThat(h.lateTopic().readRecordsToList()).singleElement().satisfies(r -> {
                assertThat(r.timestamp()).isEqualTo(wall);
                assertThat(r.value().ts()).isEqualTo(t0 - 3_600_000);
            });
            assertThat(h.dlqTopic().readRecordsToList()).singleElement()
                    .satisfies(r -> assertThat(r.timestamp()).isEqualTo(wall));
        }
    }
}
