package io.ticklake.app.cli.bench;

import io.ticklake.bench.*;
import io.ticklake.app.cli.Converters;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of the benches that run the whole pipeline as {@code demo} does ({@code e2e}, {@code latency}). */
public final class PipelineRunOptions {
    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m",
            converter = Converters.DurationConverter.class,
            description = "give up when a run has not landed this long after its start (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE", description = "set any config key (repeatable)")
    Map<String, String> settings = new LinkedHashMap<>();
}
