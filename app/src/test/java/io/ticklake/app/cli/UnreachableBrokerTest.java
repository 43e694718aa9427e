package io.ticklake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay} and {@code run} against a port nobody listens on: one line, exit 1, well within 15 s,
 * and none of the Kafka client's connection warnings (the logs are captured as the console shows them,
 * through the test logback configuration, which filters like the shipped one).
 */
class UnreachableBrokerTest {
    private static final Duration LIMIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String logs;
    private Duration elapsed;

    @Test
    void replayGivesUpWithinTheDefaultTimeoutInOneLine() throws IOException {
        final String servers = "127.0.0.1:" + unusedPort();

        final int code = timed(() -> run("replay", "--no-progress", "--bootstrap-servers", servers));

        assertThat(code).isEqualTo(ExitCodes.RUNTIME);
        assertThat(err.toString().strip()).isEqualTo("ticklake replay: error: Kafka at " + servers
                + " did not answer within 10 s (startup.broker.timeout.ms)");
        assertThat(elapsed).isLessThan(LIMIT);
        assertThat(logs.lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))).isEmpty();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void runGivesUpWithinTheConfiguredTimeoutInOneLine() throws IOException {
        final String servers = "127.0.0.1:" + unusedPort();

        final int code = timed(() -> run("run", "--bootstrap-servers", servers, "--lake", dir.resolve("lake").toString(),
                "--state-dir", dir.resolve("state").toString(), "--http-port", "0",
                "-D", "startup.broker.timeout.ms=3000"));

        assertThat(code).isEqualTo(ExitCodes.RUNTIME);
        assertThat(err.toString().strip()).isEqualTo("ticklake run: error: Kafka at " + servers
                + " did not answer within 3 s (startup.broker.timeout.ms)");
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofSeconds(3)).isLessThan(Duration.ofSeconds(10));
        assertThat(logs.lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))).isEmpty();
    }

    private int run(final String... args) {
        return TickLakeCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    /** Runs {@code command}, recording its wall time and what it logged to the console (System.err). */
    private int timed(final IntSupplier command) {
        final PrintStream console = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final long t0 = System.nanoTime();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            return command.getAsInt();
        } finally {
            elapsed = Duration.ofNanos(System.nanoTime() - t0);
            System.setErr(console);
            logs = captured.toString(StandardCharsets.UTF_8);
            console.print(logs);
        }
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
