package io.ticklake.app.cli.bench;

import io.ticklake.bench.*;
import io.ticklake.app.cli.Converters;
import io.ticklake.app.cli.ExitCodes;
import io.ticklake.app.cli.SourceOptions;
import io.ticklake.service.UsageException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench latency}: p50/p99/max from tick sent to bar read and to lake file durable, at a fixed rate. */
@Command(name = "latency", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sends the source's ticks at a fixed rate through the pipeline (as demo runs it) and reports "
                + "p50/p99/max from a tick's send to its bar read by a read_committed consumer, and to the lake file "
                + "holding it being durable. See docs/BENCHMARKS.md for the exact definitions."})
public final class LatencyBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source;

    @Mixin
    BenchOutput output;

    @Option(names = "--rate", paramLabel = "TICKS/S", defaultValue = "2000",
            description = "live rate in ticks per second (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "5s",
            converter = Converters.DurationConverter.class,
            description = "ticks sent in this first part of the run are not measured (default: ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--guarantee", paramLabel = "G", defaultValue = "exactly_once_v2",
            description = "processing guarantee (default: ${DEFAULT-VALUE})")
    String guarantee;

    @Mixin
    PipelineRunOptions run;

    @Override
    public Integer call() throws Exception {
        source.validate();
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new UsageException("--rate must be a positive number of ticks per second: " + rate);
        }
        if (warmup.isNegative()) {
            throw new UsageException("--warmup must not be negative: " + warmup);
        }
        E2eBenchCommand.validate("--guarantee", List.of(guarantee));
        BenchPipeline.check(guarantee, run.settings);
        final LatencyBench.Result r = LatencyBench.run(source.selection(), rate, warmup, guarantee, run.settings, run.timeout);
        output.emit(report(r, rate, guarantee, run.settings), spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    static BenchReport report(final LatencyBench.Result r, final double rate, final String guarantee,
                              final Map<String, String> settings) {
        final BenchReport.Builder b = BenchReport.builder("latency")
                .metric("ticks", r.ticks(), "ticks")
                .metric("rate_target", rate, "ticks/s")
                .metric("rate_achieved", r.achievedRate(), "ticks/s");
        percentiles(b, "bar", r.barNanos());
        percentiles(b, "durable", r.durableNanos());
        return b.note("guarantee " + guarantee + "; bar = send of a " + r.barWindow() + " bar's last tick → bar read "
                        + "read_committed (includes the event-time wait for the window to close: end + grace)")
                .note("durable = send of a tick → the lake file holding it durable (store put returned; includes "
                        + "the sink roll: sink.roll.max.age.ms=" + settings.getOrDefault("sink.roll.max.age.ms",
                        io.ticklake.service.LocalPipeline.ROLL_MAX_AGE_MS) + ")")
                .note("send = tick handed to the Kafka producer (lz4, linger 20 ms, acks=all, as replay)")
                .build();
    }

    /** {@code <name>_samples, _p50_ms, _p99_ms, _max_ms}; n/a without samples. */
    static void percentiles(final BenchReport.Builder b, final String name, final long[] nanos) {
        b.metric(name + "_samples", nanos.length, "samples");
        if (nanos.length == 0) {
            b.metric(name + "_p50_ms", Double.NaN, "ms").metric(name + "_p99_ms", Double.NaN, "ms")
                    .metric(name + "_max_ms", Double.NaN, "ms");
            return;
        }
        final Percentiles p = Percentiles.of(nanos);
        b.metric(name + "_p50_ms", p.at(50) / 1e6, "ms")
                .metric(name + "_p99_ms", p.at(99) / 1e6, "ms")
                .metric(name + "_max_ms", p.max() / 1e6, "ms");
    }
}
