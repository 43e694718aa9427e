package io.ticklake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticklake.data.testing.TestMarket;
import io.ticklake.sink.testing.MinuteBarLake;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command checks its whole configuration before it touches a file, a topic or a port: a
 * configuration error exits 2 within {@link #FAST}, and every file is as it was.
 */
class ConfigFirstTest {
    /** Far below the embedded broker's start (seconds): nothing may have been started. */
    private static final Duration FAST = Duration.ofSeconds(3);
    private static final String TYPO = "sink.roll.max.recrods";
    private static final String[] SOURCE = {"--indices", "NYA", "--from", "2021-05-24", "--to", "2021-05-25"};

    @TempDir
    Path dir;
    private Path lake;
    private Map<String, String> before;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A previous demo's lake: one week of 1-minute bars written as the sink writes them. */
    @BeforeEach
    void previousLake() {
        lake = dir.resolve("lake");
        MinuteBarLake.write(lake, MinuteBarLake.minuteBars(TestMarket.oneWeek(), Duration.ofMinutes(1), 1L));
        before = snapshot(dir);
        assertThat(before).isNotEmpty();
    }

    /** Runs the CLI; asserts exit 2, one line on stderr naming {@code expected}, quickly, every file unchanged. */
    private void assertRefusedUntouched(final String expected, final String... args) {
        err.getBuffer().setLength(0);
        final long start = System.nanoTime();
        final int code = TickLakeCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        final Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(code).as("exit code; stderr: %s", err).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(expected).doesNotContain("\tat ").doesNotContain("cleared");
        assertThat(took).as("time to refuse %s", String.join(" ", args)).isLessThan(FAST);
        assertThat(snapshot(dir)).as("files after %s", String.join(" ", args)).isEqualTo(before);
    }

    private static String[] concat(final String[] a, final String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    @Test
    void demoWithATypoLeavesThePreviousLakeByteForByte() {
        final String[] demo = {"demo", "--until-done", "--no-progress", "--lake", lake.toString()};
        assertRefusedUntouched("unknown config key " + TYPO, concat(concat(demo, SOURCE), "-D", TYPO + "=10"));
    }

    @Test
    void demoChecksEveryValueBeforeClearingOrStarting() {
        final String[] demo = {"demo", "--until-done", "--no-progress", "--lake", lake.toString()};
        assertRefusedUntouched("sink.roll.max.records", concat(concat(demo, SOURCE), "-D", "sink.roll.max.records=lots"));
        assertRefusedUntouched("kafka.linger.ms", concat(concat(demo, SOURCE), "-D", "kafka.linger.ms=soon"));
        assertRefusedUntouched("http.port", concat(concat(demo, SOURCE), "--http-port", "70000"));
        assertRefusedUntouched("streams.processing.guarantee",
                concat(concat(demo, SOURCE), "-D", "streams.processing.guarantee=maybe"));
    }

    @Test
    void runWithATypoInAFlagOrTheConfigFileCreatesNothing() throws IOException {
        final String[] run = {"run", "--bootstrap-servers", "127.0.0.1:1", "--lake", dir.resolve("run-lake").toString(),
                "--state-dir", dir.resolve("run-state").toString(), "--http-port", "0"};
        assertRefusedUntouched("unknown config key " + TYPO, concat(run, "-D", TYPO + "=10"));
        final Path file = Files.writeString(dir.resolve("ticklake.properties"), TYPO + " = 10\n");
        before = snapshot(dir);
        assertRefusedUntouched("unknown config key " + TYPO, concat(run, "--config", file.toString()));
        assertRefusedUntouched("kafka.acks", concat(run, "-D", "kafka.acks=some"));
    }

    @Test
    void benchmarksWithATypoStartNoBroker() {
        assertRefusedUntouched("unknown config key " + TYPO, concat(concat(new String[] {"bench", "e2e"}, SOURCE),
                "-D", TYPO + "=10"));
        assertRefusedUntouched("unknown config key " + TYPO, concat(concat(new String[] {"bench", "latency"}, SOURCE),
                "-D", TYPO + "=10"));
        assertRefusedUntouched("kafka.linger.ms", concat(concat(new String[] {"bench", "e2e", "--guarantees",
                "at_least_once"}, SOURCE), "-D", "kafka.linger.ms=soon"));
    }

    @Test
    void sqlAndCatalogCommandsRefuseBadOptionsBeforeReadingTheLake() {
        assertRefusedUntouched("--format", "query", "--lake", lake.toString(), "--format", "xml", "SELECT 1");
        assertRefusedUntouched("--rollups", "rollup", "--lake", lake.toString(), "--rollups", "rollup_nope");
        assertRefusedUntouched("--tables", "catalog", "sync", "--lake", lake.toString(), "--tables", "no mapping");
    }

    @Test
    void replayRefusesABadOptionBeforeConnecting() {
        assertRefusedUntouched("partitions must be >= 1", concat(concat(new String[] {"replay", "--bootstrap-servers",
                "127.0.0.1:1", "--no-progress"}, SOURCE), "--partitions", "0"));
    }

    /** Every regular file under {@code root}: relative path → SHA-256 of its bytes. */
    private static Map<String, String> snapshot(final Path root) {
        final Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(f -> files.put(root.relativize(f).toString(), sha256(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Stream<Path> dirs = Files.walk(root)) {
            dirs.filter(Files::isDirectory).forEach(d -> files.put(root.relativize(d) + "/", "dir"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String sha256(final Path f) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
