package io.ticklake.app.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Kafka Streams' changelog reader logged about restoring state stores in a service log (the
 * service runs with {@link #RESTORE_LOGGER}, which lets {@code StoreChangelogReader}'s DEBUG lines through:
 * Kafka 4.3 logs "Start restoring" at DEBUG, "Finished restoring" at INFO): how many changelog
 * records were restored and how long from the first "Start restoring" line to the last "Finished
 * restoring" line ({@code millis} -1 when either is missing).
 */
record RestoreLog(int changelogs, long records, long millis) {
    /** The changelog reader at DEBUG (a few lines per restoration), on top of the chaos suite's logging. */
    static final String RESTORE_LOGGER =
            "<logger name=\"org.apache.kafka.streams.processor.internals.StoreChangelogReader\" level=\"DEBUG\"/>\n";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final Pattern START = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*Start restoring changelog");
    private static final Pattern FINISHED = Pattern.compile(
            "^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*Finished restoring changelog .* with a total number of (\\d+) records");

    /** Replaces the logging configuration in {@code workDir} (written by {@link ServiceUnderTest#spec}). */
    static void install(final Path workDir) {
        LogConfig.write(workDir, RESTORE_LOGGER);
    }

    /** The restoration logged in {@code log} after its first {@code skipLines} lines. */
    static RestoreLog of(final Path log, final int skipLines) {
        final List<String> lines = lines(log);
        return of(lines.subList(Math.min(skipLines, lines.size()), lines.size()));
    }

    static RestoreLog of(final List<String> lines) {
        LocalTime first = null;
        LocalTime last = null;
        int changelogs = 0;
        long records = 0;
        for (final String line : lines) {
            final Matcher s = START.matcher(line);
            if (s.find() && first == null) {
                first = LocalTime.parse(s.group(1), TIME);
            }
            final Matcher f = FINISHED.matcher(line);
            if (f.find()) {
                last = LocalTime.parse(f.group(1), TIME);
                changelogs++;
                records += Long.parseLong(f.group(2));
            }
        }
        long millis = -1;
        if (first != null && last != null) {
            millis = java.time.Duration.between(first, last).toMillis();
            if (millis < 0) {
                millis += java.time.Duration.ofDays(1).toMillis();   // across midnight
            }
        }
        return new RestoreLog(changelogs, records, millis);
    }

    /** The number of lines of {@code log} now (0 when it does not exist yet). */
    static int lineCount(final Path log) {
        return Files.exists(log) ? lines(log).size() : 0;
    }

    private static List<String> lines(final Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
