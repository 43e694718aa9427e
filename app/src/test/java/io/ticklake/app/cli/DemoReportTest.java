package io.ticklake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.service.TopologyCounters;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoReportTest {
    @Test
    void theCountersLineNamesOnlyTheReasonsAndWindowsThatCounted() {
        final Map<String, Long> dlq = new LinkedHashMap<>();
        dlq.put("not-json", 2L);
        dlq.put("invalid-field", 0L);
        dlq.put("bad-timestamp", 1L);
        final Map<String, Long> late = new LinkedHashMap<>();
        late.put("1m", 4L);
        late.put("1d", 0L);
        assertThat(DemoReport.counters(new TopologyCounters.Snapshot(dlq, late, 4)))
                .isEqualTo("dead letters: 3 (not-json 2, bad-timestamp 1); late: 4 (1m 4)");
        assertThat(DemoReport.counters(new TopologyCounters.Snapshot(Map.of("not-json", 0L), Map.of("1m", 0L), 0)))
                .isEqualTo("dead letters: 0; late: 0");
    }
}
