package io.ticklake.bench.trino;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The outcome of one {@link TrinoCheck} run: a table of the checks (printed) and the same as JSON.
 *
 * @param lake      the lake compared
 * @param format    the lake's Parquet format as the caller knows it (sink.parquet.format), or null
 * @param trino     the Trino version (from /v1/info)
 * @param tolerance the relative tolerance of doubles
 * @param checks    every comparison, in run order
 * @param startup   Trino's start (launcher to /v1/info starting=false)
 * @param elapsed   the whole run, start of Trino to its stop
 */
public record TrinoReport(String lake, String format, String trino, double tolerance, List<TrinoCheck.Check> checks,
                          Duration startup, Duration elapsed, Instant at) {
    public TrinoReport {
        checks = List.copyOf(checks);
    }

    /** Whether every check passed. */
    public boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(TrinoCheck.Check::passed);
    }

    /** The checks as a text table, then one summary line. */
    public String table() {
        final StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-28s %-6s %9s %12s %9s %9s%n",
                "check", "result", "rows", "max rel diff", "trino s", "duckdb s"));
        for (final TrinoCheck.Check c : checks) {
            b.append(String.format(Locale.ROOT, "%-28s %-6s %9d %12.3g %9.2f %9.2f%n", c.name(),
                    c.passed() ? "ok" : "DIFF", c.outcome().rows(), c.outcome().maxRelative(), seconds(c.trinoTime()),
                    seconds(c.duckTime())));
            if (!c.passed()) {
                b.append("    ").append(c.outcome().difference()).append('\n');
            }
        }
        final long failed = checks.stream().filter(c -> !c.passed()).count();
        b.append(String.format(Locale.ROOT, "%s: %d checks, %d differ, %d rows compared, max relative difference %.3g "
                        + "(tolerance %.1g); Trino %s started in %.1f s, run %.1f s%n", passed() ? "PASSED" : "FAILED",
                checks.size(), failed, rows(), maxRelative(), tolerance, trino, seconds(startup), seconds(elapsed)));
        return b.toString();
    }

    /** Rows compared over all checks. */
    public long rows() {
        return checks.stream().mapToLong(c -> c.outcome().rows()).sum();
    }

    /** The largest relative difference of doubles over all checks. */
    public double maxRelative() {
        return checks.stream().mapToDouble(c -> c.outcome().maxRelative()).max().orElse(0);
    }

    /** The report as JSON. */
    public String toJson() throws IOException {
        final Map<String, Object> root = new LinkedHashMap<>();
        root.put("bench", "trino");
        root.put("at", at.toString());
        root.put("lake", lake);
        root.put("parquet_format", format);
        root.put("trino", trino);
        root.put("tolerance", tolerance);
        root.put("passed", passed());
        root.put("rows_compared", rows());
        root.put("max_relative_difference", maxRelative());
        root.put("trino_startup_s", seconds(startup));
        root.put("elapsed_s", seconds(elapsed));
        final List<Map<String, Object>> list = new ArrayList<>();
        for (final TrinoCheck.Check c : checks) {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", c.name());
            m.put("passed", c.passed());
            m.put("rows", c.outcome().rows());
            m.put("max_relative_difference", c.outcome().maxRelative());
            m.put("trino_s", seconds(c.trinoTime()));
            m.put("duckdb_s", seconds(c.duckTime()));
            m.put("difference", c.outcome().difference());
            m.put("sql", c.sql());
            list.add(m);
        }
        root.put("checks", list);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    }

    /** Writes {@link #toJson()} to {@code file}. */
    public void write(final Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, toJson());
    }

    private static double seconds(final Duration d) {
        return d.toMillis() / 1000.0;
    }
}
