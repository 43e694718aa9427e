package io.ticklake.app.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Peak heap from the service's unified GC logs ({@code -Xlog:gc:file=gc-%p.log}): the largest heap
 * occupancy seen before a collection, e.g. {@code Pause Young (Allocation Failure) 120M->31M(370M)}.
 */
final class GcLog {
    private static final Pattern BEFORE_AFTER = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private GcLog() {
    }

    /** The peak over every {@code gc-*.log} in {@code dir}; 0 when no collection was logged. */
    static long peakHeapBytes(final Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            long peak = 0;
            for (final Path f : files.filter(p -> p.getFileName().toString().matches("gc-.*\\.log.*")).toList()) {
                peak = Math.max(peak, peakOf(Files.readAllLines(f)));
            }
            return peak;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long peakOf(final List<String> lines) {
        long peak = 0;
        for (final String line : lines) {
            final Matcher m = BEFORE_AFTER.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, bytes(m.group(1), m.group(2)));
            }
        }
        return peak;
    }

    private static long bytes(final String n, final String unit) {
        final long v = Long.parseLong(n);
        return switch (unit) {
            case "K" -> v * 1024;
            case "M" -> v * 1024 * 1024;
            default -> v * 1024 * 1024 * 1024;
        };
    }
}
