package io.ticklake.app.cli.bench;

import io.ticklake.bench.*;
import io.ticklake.app.cli.ExitCodes;
import io.ticklake.app.cli.SourceOptions;
import io.ticklake.service.UsageException;
import io.ticklake.service.LocalPipeline;
import io.ticklake.embedded.EmbeddedKafka;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench e2e}: the whole pipeline per processing guarantee, against the broker baseline of the same run. */
@Command(name = "e2e", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay → topology → sink → local lake (as demo runs it), once per processing guarantee, "
                + "timed from the replay's start until everything landed; the broker baseline is measured first, "
                + "in the same invocation, and each result is printed as a ratio to it."})
public final class E2eBenchCommand implements Callable<Integer> {
    static final Set<String> GUARANTEES = Set.of("exactly_once_v2", "at_least_once");

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source;

    @Mixin
    BenchOutput output;

    @Option(names = "--guarantees", paramLabel = "G,G", split = ",", defaultValue = "exactly_once_v2,at_least_once",
            description = "processing guarantees to run, in order (default: ${DEFAULT-VALUE})")
    List<String> guarantees = new ArrayList<>();

    @Mixin
    PipelineRunOptions run;

    @Override
    public Integer call() throws Exception {
        source.validate();
        validate("--guarantees", guarantees);
        guarantees.forEach(g -> BenchPipeline.check(g, run.settings)); // before the baseline's broker starts
        final BrokerBaseline.Result baseline;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            baseline = BrokerBaseline.run(source.selection(), kafka.bootstrapServers(), "bench-baseline", LocalPipeline.PARTITIONS);
        }
        final List<EndToEnd.Result> runs = new ArrayList<>();
        for (final String g : guarantees) {
            runs.add(EndToEnd.run(source.selection(), g, run.settings, run.timeout));
        }
        output.emit(report(baseline, runs), spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** Known guarantees only, at least one. */
    static void validate(final String option, final List<String> guarantees) {
        if (guarantees.isEmpty()) {
            throw new UsageException(option + ": at least one of " + GUARANTEES);
        }
        for (final String g : guarantees) {
            if (!GUARANTEES.contains(g)) {
                throw new UsageException(option + ": unknown processing guarantee '" + g + "' (exactly_once_v2, "
                        + "at_least_once)");
            }
        }
    }

    static BenchReport report(final BrokerBaseline.Result baseline, final List<EndToEnd.Result> runs) {
        final BenchReport.Builder b = BaselineBenchCommand.report(baseline);
        final BenchReport.Builder out = BenchReport.builder("e2e");
        copyBaseline(b.build(), out);
        for (final EndToEnd.Result r : runs) {
            final String k = shortName(r.guarantee());
            out.metric(k + "_elapsed", r.elapsed().toMillis() / 1000.0, "s")
                    .metric(k + "_ticks_per_s", r.ticksPerSecond(), "ticks/s")
                    .atLeast(k + "_ratio_to_baseline", r.ticksPerSecond() / baseline.ticksPerSecond(), "x", 0.5)
                    .metric(k + "_output_offsets", r.outRecords(), "offsets")
                    .metric(k + "_files", r.files(), "objects")
                    .metric(k + "_lake_bytes", r.bytes(), "B");
        }
        return out.note("e2e: replay start → every tick and closed bar committed by the sink (LandingWatch, polled "
                        + "every 200 ms), timed once the pipeline is ready; the demo's settings (3 partitions, "
                        + "sink.roll.max.age.ms=1000: the last batches land up to 1 s after the replay's end) and "
                        + "streams.commit.interval.ms=" + BenchPipeline.COMMIT_INTERVAL_MS + " for both guarantees; "
                        + "baseline measured first, same source")
                .build();
    }

    private static void copyBaseline(final BenchReport baseline, final BenchReport.Builder out) {
        baseline.metrics().forEach(m -> out.metric(m.name().startsWith("baseline") ? m.name() : "baseline_" + m.name(),
                m.value(), m.unit()));
        baseline.notes().forEach(n -> out.note("baseline: " + n));
    }

    /** {@code eos} for exactly_once_v2, {@code alos} for at_least_once. */
    static String shortName(final String guarantee) {
        return guarantee.toLowerCase(Locale.ROOT).startsWith("exactly") ? "eos" : "alos";
    }
}
