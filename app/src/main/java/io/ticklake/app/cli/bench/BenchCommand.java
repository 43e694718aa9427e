package io.ticklake.app.cli.bench;

import io.ticklake.bench.*;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/**
 * {@code bench}: the benchmark suite of docs/BENCHMARKS.md. Every subcommand prints a small table
 * (with the machine's load: figures are only comparable as ratios measured in the same run) and
 * writes it as JSON with {@code --out}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks: each prints a table and can write JSON (--out). See docs/BENCHMARKS.md."},
        subcommands = {BaselineBenchCommand.class, E2eBenchCommand.class, LatencyBenchCommand.class, SinkBenchCommand.class,
            QueryBenchCommand.class, TrinoBenchCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a benchmark is required (baseline, e2e, latency, sink, "
                + "full, query, trino)");
    }
}
