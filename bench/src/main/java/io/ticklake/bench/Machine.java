package io.ticklake.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the figures were measured on: cores, load averages (1, 5, 15 min, from {@code /proc/loadavg}
 * when readable), JVM and heap limit. On a shared machine the load says how noisy a figure is.
 */
public record Machine(int cores, double load1, double load5, double load15, String jvm, long maxHeapBytes) {
    /** The machine now. */
    public static Machine now() {
        final double[] load = loadAverages();
        return new Machine(Runtime.getRuntime().availableProcessors(), load[0], load[1], load[2],
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                Runtime.getRuntime().maxMemory());
    }

    /** {@code 2 cores, load 3.42 2.10 1.90, <jvm>, max heap 1024 MiB}. */
    public String describe() {
        return String.format(Locale.ROOT, "%d cores, load %.2f %.2f %.2f, %s, max heap %d MiB",
                cores, load1, load5, load15, jvm, maxHeapBytes >> 20);
    }

    public static double[] loadAverages() {
        try {
            return parseLoadAvg(Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            final double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return new double[] {one, -1, -1};
        }
    }

    /** The three averages of a {@code /proc/loadavg} line ({@code "3.42 7.22 7.16 4/812 12345"}). */
    public static double[] parseLoadAvg(final String line) {
        final String[] f = line.strip().split("\\s+");
        if (f.length < 3) {
            throw new IllegalArgumentException("not a loadavg line: " + line);
        }
        return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    }
}
