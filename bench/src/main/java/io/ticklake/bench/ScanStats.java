package io.ticklake.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What DuckDB's {@code EXPLAIN ANALYZE} says a query read: the files its Parquet scans opened (after
 * hive-partition pruning: {@code Total Files Read}), the files the scan's glob matched
 * ({@code Scanning Files: read/matched}) and the bytes it read ({@code Data Read}, as DuckDB rounds
 * and prints it, decimal units). Summed over every scan of the plan.
 */
public record ScanStats(long filesRead, long filesMatched, double bytesRead) {
    private static final Pattern FILES_READ = Pattern.compile("Total Files Read:\\s*([\\d,]+)");
    private static final Pattern SCANNING = Pattern.compile("Scanning Files:\\s*([\\d,]+)\\s*/\\s*([\\d,]+)");
    private static final Pattern DATA_READ = Pattern.compile("Data Read:\\s*([\\d.]+)\\s*([kMGTP]?i?B)");

    /** The figures of a rendered plan; -1 / NaN for what the plan does not show. */
    public static ScanStats parse(final String plan) {
        long read = -1;
        final Matcher r = FILES_READ.matcher(plan);
        while (r.find()) {
            read = Math.max(read, 0) + number(r.group(1));
        }
        long matched = -1;
        final Matcher s = SCANNING.matcher(plan);
        while (s.find()) {
            matched = Math.max(matched, 0) + number(s.group(2));
        }
        final Matcher d = DATA_READ.matcher(plan);
        final double bytes = d.find() ? Double.parseDouble(d.group(1)) * unit(d.group(2)) : Double.NaN;
        return new ScanStats(read, matched, bytes);
    }

    private static long number(final String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    /** DuckDB prints kB/MB/GB in powers of 1000 and KiB/MiB/GiB in powers of 1024. */
    public static double unit(final String unit) {
        final boolean binary = unit.contains("i");
        final double base = binary ? 1024 : 1000;
        return switch (unit.toUpperCase(Locale.ROOT).charAt(0)) {
            case 'K' -> base;
            case 'M' -> base * base;
            case 'G' -> base * base * base;
            case 'T' -> base * base * base * base;
            case 'P' -> base * base * base * base * base;
            default -> 1;
        };
    }
}
