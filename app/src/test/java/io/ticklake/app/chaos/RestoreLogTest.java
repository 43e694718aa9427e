package io.ticklake.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The bench's reading of Streams' restoration log lines (as Kafka 4.3 writes them). */
@Tag("chaos")
class RestoreLogTest {
    private static final String PREFIX = " [app-1-StateUpdater-1] o.a.k.s.p.i.StoreChangelogReader - state-updater "
            + "[app-1-StateUpdater-1] ";

    @Test
    void sumsRecordsAndTimesFromTheFirstStartToTheLastFinish() {
        final RestoreLog log = RestoreLog.of(List.of(
                "23:59:59.900 DEBUG" + PREFIX + "Start restoring changelog partition app-bars-changelog-0 from the "
                        + "beginning offset to end offset 2551 since we cannot find current offset.",
                "23:59:59.950 DEBUG" + PREFIX + "Start restoring changelog partition app-wm-changelog-0 from the "
                        + "beginning offset to end offset 788 since we cannot find current offset.",
                "00:00:00.010 INFO " + PREFIX + "Finished restoring changelog app-wm-changelog-0 to store wm with a "
                        + "total number of 394 records",
                "00:00:00.060 INFO  [main] i.t.service.StreamsRunner - Kafka Streams REBALANCING -> RUNNING",
                "00:00:00.120 INFO " + PREFIX + "Finished restoring changelog app-bars-changelog-0 to store bars with "
                        + "a total number of 2146 records"));
        assertThat(log).isEqualTo(new RestoreLog(2, 2540, 220));
    }

    @Test
    void noStartLineMeansNoTime() {
        final RestoreLog log = RestoreLog.of(List.of("10:00:00.000 INFO " + PREFIX
                + "Finished restoring changelog app-wm-changelog-0 to store wm with a total number of 0 records"));
        assertThat(log).isEqualTo(new RestoreLog(1, 0, -1));
    }
}
