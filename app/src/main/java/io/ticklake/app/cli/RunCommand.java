package io.ticklake.app.cli;

import io.ticklake.service.config.AppConfig;
import io.ticklake.service.Signals;
import io.ticklake.service.TickLakeService;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code run}: the long-lived service against a Kafka cluster and a lake. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs ticklake as a service: the Streams topology (ticks-raw → ticks-enriched, ohlc-*), "
                + "the exactly-once lake sink, the catalog (Glue for s3:// lakes with --glue-database), "
                + "and HTTP /health, /health/live, /health/ready, /metrics.",
            "Config precedence: flags > TICKLAKE_* env (KAFKA_* env goes to the Kafka clients) > --config file > "
                + "defaults. SIGTERM or Ctrl-C: stop intake, close Streams, flush and commit the sink, exit 0."})
public final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    ServiceOptions options;

    @Override
    public Integer call() throws InterruptedException {
        final AppConfig config = AppConfig.load(options.flags(), System.getenv(), options.configFile()).requireService();
        LOG.info("Configuration: {}", config.describe());
        final PrintWriter out = spec.commandLine().getOut();
        final TickLakeService service = new TickLakeService(config, Clock.systemUTC(), List.of());
        final Optional<String> failure;
        try (Signals signals = Signals.install(service::requestStop, service::awaitClosed); service) {
            service.start();
            out.println("ticklake run: serving; candle page on http://" + config.httpHost() + ":"
                    + service.httpPort() + "/, health on /health, metrics on /metrics (port " + service.httpPort() + ")");
            out.flush();
            failure = service.awaitStop();
            LOG.info("Stopping: closing Streams, then flushing and committing the sink");
        }
        if (failure.isPresent()) {
            throw new IllegalStateException(failure.get());
        }
        out.println("ticklake run: stopped cleanly");
        out.flush();
        return ExitCodes.OK;
    }
}
