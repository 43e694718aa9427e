package io.ticklake.app.cli.bench;

import io.ticklake.bench.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticklake.data.Tick;
import io.ticklake.data.replay.TickSink;
import io.ticklake.sink.lake.PartitionPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bookkeeping of {@code bench latency}: pacing schedule, file lookup by offset, report rows. */
class LatencyPlumbingTest {
    @Test
    void theNthTickIsDueNPeriodsAfterTheStart() {
        assertThat(PacedSink.dueAt(1_000, 0, 500)).isEqualTo(1_000);
        assertThat(PacedSink.dueAt(1_000, 4, 500)).isEqualTo(3_000);
    }

    @Test
    void aPacedSinkRemembersEachTicksSendAndPassesWatermarksThrough() {
        final List<Object> sent = new ArrayList<>();
        final PacedSink paced = new PacedSink(new RecordingSink(sent), 1e9);
        paced.send(new Tick("NYA", 60_000, 1.0, 1));
        paced.send(new Tick("HSI", 60_000, 2.0, 1));
        assertThat(paced.sendWatermark(120_000)).isEqualTo(3);
        assertThat(paced.sentAt()).containsOnlyKeys(new PacedSink.TickKey("NYA", 60_000),
                new PacedSink.TickKey("HSI", 60_000));
        assertThat(sent).hasSize(3);
    }

    @Test
    void aRateMustBePositive() {
        assertThatThrownBy(() -> new PacedSink(new RecordingSink(new ArrayList<>()), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRecordIsInItsDirectorysFileWithTheGreatestFirstOffsetNotAfterIt() {
        final PartitionPath nya = new PartitionPath("ticks", "NYA", "2021-05-17");
        final LakeFiles files = new LakeFiles(Map.of(
                nya.fileKey("ticks-enriched", 1, 0), 10L,
                nya.fileKey("ticks-enriched", 1, 500), 20L,
                nya.fileKey("ticks-enriched", 2, 0), 30L,
                "ticks/_tmp/not-a-lake-file.txt", 40L));
        assertThat(files.durableAt(nya, 1, 0)).isEqualTo(10L);
        assertThat(files.durableAt(nya, 1, 499)).isEqualTo(10L);
        assertThat(files.durableAt(nya, 1, 500)).isEqualTo(20L);
        assertThat(files.durableAt(nya, 2, 7)).isEqualTo(30L);
        assertThat(files.durableAt(nya, 0, 7)).isNull();
        assertThat(files.durableAt(new PartitionPath("ticks", "HSI", "2021-05-17"), 1, 7)).isNull();
    }

    @Test
    void fileKeysParseIntoDirectoryTopicPartitionAndOffset() {
        assertThat(LakeFiles.FileKey.parse("ticks/index=NYA/date=2021-05-17/ticks-enriched+3+00000000000000000042.parquet"))
                .isEqualTo(new LakeFiles.FileKey("ticks/index=NYA/date=2021-05-17", "ticks-enriched", 3, 42));
        assertThat(LakeFiles.FileKey.parse("ticks/x.parquet")).isNull();
        assertThat(LakeFiles.FileKey.parse("ticks/a+b+c.parquet")).isNull();
    }

    @Test
    void percentilesAreReportedInMillisecondsOrNotAvailable() {
        final BenchReport.Builder b = BenchReport.builder("latency");
        LatencyBenchCommand.percentiles(b, "bar", new long[] {1_000_000, 2_000_000, 3_000_000, 100_000_000});
        LatencyBenchCommand.percentiles(b, "durable", new long[0]);
        final BenchReport r = b.build();
        assertThat(r.value("bar_samples")).isEqualTo(4);
        assertThat(r.value("bar_p50_ms")).isEqualTo(2.0);
        assertThat(r.value("bar_max_ms")).isEqualTo(100.0);
        assertThat(r.value("durable_p99_ms")).isNaN();
    }

    private record RecordingSink(List<Object> sent) implements TickSink {
        @Override
        public void send(final Tick tick) {
            sent.add(tick);
        }

        @Override
        public int sendWatermark(final long ts) {
            sent.add(ts);
            return 3;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
