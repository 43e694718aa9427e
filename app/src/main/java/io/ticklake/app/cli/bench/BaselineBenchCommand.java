package io.ticklake.app.cli.bench;

import io.ticklake.bench.*;
import io.ticklake.app.cli.ExitCodes;
import io.ticklake.app.cli.SourceOptions;
import io.ticklake.embedded.EmbeddedKafka;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench baseline}: replay → embedded broker → plain consumer, the ceiling of this machine. */
@Command(name = "baseline", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Produce → consume the replayed JSON ticks through an embedded broker with plain kafka-clients.")
public final class BaselineBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source;

    @Mixin
    BenchOutput output;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "3",
            description = "partitions of the topic (default: ${DEFAULT-VALUE}, as the demo's ticks-raw)")
    int partitions;

    @Override
    public Integer call() throws Exception {
        source.validate();
        final BrokerBaseline.Result r;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            r = BrokerBaseline.run(source.selection(), kafka.bootstrapServers(), "bench-baseline", partitions);
        }
        output.emit(report(r).build(), spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** The baseline figures, shared with {@code bench e2e}. */
    static BenchReport.Builder report(final BrokerBaseline.Result r) {
        return BenchReport.builder("baseline")
                .metric("ticks", r.ticks(), "ticks")
                .metric("records", r.records(), "records")
                .metric("bytes_per_tick_json", (double) r.bytes() / Math.max(1, r.records()), "B")
                .metric("elapsed", r.elapsed().toMillis() / 1000.0, "s")
                .metric("baseline_ticks_per_s", r.ticksPerSecond(), "ticks/s")
                .note("replay (same source and producer settings as replay/demo) into an embedded KRaft broker, "
                        + "a plain consumer reading every record back concurrently; replay start → last record read");
    }
}
