package io.ticklake.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
    private static final Machine MACHINE = new Machine(2, 3.5, 2.25, 1.0, "TestVM 17", 512L << 20);

    private static BenchReport sample() {
        return new BenchReport("e2e", Instant.parse("2026-12-02T04:00:00Z"), MACHINE, List.of(
                new BenchReport.Metric("ticks_per_s", 41_234.56, "ticks/s", null, null),
                new BenchReport.Metric("ratio", 0.4321, "x", ">= 0.50", false),
                new BenchReport.Metric("objects_per_path", 1.02, "x", "<= 1.10", true),
                new BenchReport.Metric("p99", Double.NaN, "ms", null, null)),
                List.of("one broker"));
    }

    @Test
    void tablePrintsAlignedRowsTargetsAndNotes() {
        final String table = sample().table();
        assertThat(table.lines().toList()).containsExactly(
                "bench e2e  (2 cores, load 3.50 2.25 1.00, TestVM 17, max heap 512 MiB)",
                "  metric             value  unit     target",
                "  ticks_per_s       41,235  ticks/s",
                "  ratio              0.432  x        >= 0.50  MISSED",
                "  objects_per_path    1.02  x        <= 1.10  met",
                "  p99                  n/a  ms",
                "  note: one broker");
    }

    @Test
    void formatsByMagnitude() {
        assertThat(BenchReport.format(1_234_567.8)).isEqualTo("1,234,568");
        assertThat(BenchReport.format(100)).isEqualTo("100");
        assertThat(BenchReport.format(50)).isEqualTo("50");
        assertThat(BenchReport.format(63.625)).isEqualTo("63.63");
        assertThat(BenchReport.format(0.15234)).isEqualTo("0.152");
        assertThat(BenchReport.format(0)).isEqualTo("0");
        assertThat(BenchReport.format(Double.NaN)).isEqualTo("n/a");
    }

    @Test
    void jsonCarriesMachineMetricsAndVerdicts(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("sub/e2e.json");
        sample().write(file);
        final JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertThat(json.get("bench").asText()).isEqualTo("e2e");
        assertThat(json.get("at").asText()).isEqualTo("2026-12-02T04:00:00Z");
        assertThat(json.at("/machine/cores").asInt()).isEqualTo(2);
        assertThat(json.at("/machine/load_1m").asDouble()).isEqualTo(3.5);
        assertThat(json.at("/metrics/ticks_per_s/value").asDouble()).isEqualTo(41_234.56);
        assertThat(json.at("/metrics/ticks_per_s/unit").asText()).isEqualTo("ticks/s");
        assertThat(json.at("/metrics/ticks_per_s").has("target")).isFalse();
        assertThat(json.at("/metrics/ratio/target").asText()).isEqualTo(">= 0.50");
        assertThat(json.at("/metrics/ratio/met").asBoolean()).isFalse();
        assertThat(json.at("/metrics/p99/value").isNull()).isTrue();
        assertThat(json.at("/notes/0").asText()).isEqualTo("one broker");
    }

    @Test
    void builderJudgesTargets() {
        final BenchReport r = BenchReport.builder("sink")
                .atLeast("rows", 1_200_000, "rows/s", 1_000_000)
                .atMost("bytes", 0.2, "x", 0.1)
                .atLeast("missing", Double.NaN, "x", 1)
                .metric("plain", 3, "B")
                .build();
        assertThat(r.metrics()).extracting(BenchReport.Metric::met).containsExactly(true, false, false, null);
        assertThat(r.metrics().get(0).target()).isEqualTo(">= 1,000,000");
        assertThat(r.value("plain")).isEqualTo(3);
        assertThatThrownBy(() -> r.value("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTargetNeedsAVerdict() {
        assertThatThrownBy(() -> new BenchReport.Metric("x", 1, "x", ">= 1", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesLoadAverages() {
        assertThat(Machine.parseLoadAvg("3.42 7.22 7.16 4/812 12345\n")).containsExactly(3.42, 7.22, 7.16);
        assertThatThrownBy(() -> Machine.parseLoadAvg("3.42")).isInstanceOf(IllegalArgumentException.class);
    }
}
