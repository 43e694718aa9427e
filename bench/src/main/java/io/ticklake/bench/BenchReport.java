package io.ticklake.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one benchmark: named metrics with units (some with a target and whether it was met),
 * free-text notes and the machine they were measured on. Printed as a small table; written as JSON.
 *
 * @param bench    the benchmark's name ({@code baseline}, {@code e2e}, …)
 * @param at       when it finished
 * @param machine  cores, load and JVM at the end of the run
 * @param metrics  in print order
 * @param notes    what the figures mean or how they were taken
 */
public record BenchReport(String bench, Instant at, Machine machine, List<Metric> metrics, List<String> notes) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public BenchReport {
        Objects.requireNonNull(bench, "bench");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(machine, "machine");
        metrics = List.copyOf(metrics);
        notes = List.copyOf(notes);
    }

    /**
     * One figure.
     *
     * @param name   snake_case key, e.g. {@code ticks_per_s}
     * @param value  the figure (NaN when it could not be measured)
     * @param unit   e.g. {@code ticks/s}, {@code ms}, {@code x} for a ratio
     * @param target null, or the target as text, e.g. {@code >= 0.5}
     * @param met    null without a target
     */
    public record Metric(String name, double value, String unit, String target, Boolean met) {
        public Metric {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(unit, "unit");
            if ((target == null) != (met == null)) {
                throw new IllegalArgumentException("a target needs its verdict and vice versa: " + name);
            }
        }
    }

    /** A builder for report {@code bench}. */
    public static Builder builder(final String bench) {
        return new Builder(bench);
    }

    /** The value of metric {@code name}. */
    public double value(final String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no metric " + name)).value();
    }

    /** Prints the table: a title line, one row per metric, then the notes. */
    public void print(final PrintWriter out) {
        out.println(table());
        out.flush();
    }

    /** The table as text. */
    public String table() {
        final StringBuilder sb = new StringBuilder();
        sb.append("bench ").append(bench).append("  (").append(machine.describe()).append(")\n");
        final int nameWidth = Math.max(6, metrics.stream().mapToInt(m -> m.name().length()).max().orElse(0));
        final List<String> values = metrics.stream().map(m -> format(m.value())).toList();
        final int valueWidth = Math.max(5, values.stream().mapToInt(String::length).max().orElse(0));
        final int unitWidth = Math.max(4, metrics.stream().mapToInt(m -> m.unit().length()).max().orElse(0));
        final String row = "  %-" + nameWidth + "s  %" + valueWidth + "s  %-" + unitWidth + "s  %s%n";
        sb.append(String.format(Locale.ROOT, row, "metric", "value", "unit", "target").stripTrailing()).append('\n');
        for (int i = 0; i < metrics.size(); i++) {
            final Metric m = metrics.get(i);
            final String target = m.target() == null ? "" : m.target() + (m.met() ? "  met" : "  MISSED");
            sb.append(String.format(Locale.ROOT, row, m.name(), values.get(i), m.unit(), target).stripTrailing())
                    .append('\n');
        }
        for (final String note : notes) {
            sb.append("  note: ").append(note).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    /** A figure for a table: whole numbers and values from 100 up grouped without decimals, else 2 decimals (3 significant digits below 1). */
    public static String format(final double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        final double a = Math.abs(v);
        if (a >= 100 || v == Math.rint(v) && a < 1e15) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 1 || a == 0) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** The report as JSON: {@code {bench, at, machine, metrics: {name: {value, unit, target, met}}, notes}}. */
    public String toJson() {
        final Map<String, Object> root = new LinkedHashMap<>();
        root.put("bench", bench);
        root.put("at", at.toString());
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", machine.cores());
        m.put("load_1m", machine.load1());
        m.put("load_5m", machine.load5());
        m.put("load_15m", machine.load15());
        m.put("jvm", machine.jvm());
        m.put("max_heap_bytes", machine.maxHeapBytes());
        root.put("machine", m);
        final Map<String, Object> figures = new LinkedHashMap<>();
        for (final Metric metric : metrics) {
            final Map<String, Object> f = new LinkedHashMap<>();
            f.put("value", Double.isNaN(metric.value()) ? null : metric.value());
            f.put("unit", metric.unit());
            if (metric.target() != null) {
                f.put("target", metric.target());
                f.put("met", metric.met());
            }
            figures.put(metric.name(), f);
        }
        root.put("metrics", figures);
        root.put("notes", notes);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    /** Writes {@link #toJson()} to {@code file}, creating its directory. */
    public void write(final Path file) throws IOException {
        final Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Files.writeString(file, toJson() + "\n");
    }

    /** Collects metrics and notes; {@link #build()} stamps time and machine. */
    public static final class Builder {
        private final String bench;
        private final List<Metric> metrics = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        private Builder(final String bench) {
            this.bench = bench;
        }

        public Builder metric(final String name, final double value, final String unit) {
            metrics.add(new Metric(name, value, unit, null, null));
            return this;
        }

        /** A metric that must be at least {@code min}. */
        public Builder atLeast(final String name, final double value, final String unit, final double min) {
            metrics.add(new Metric(name, value, unit, ">= " + format(min), !Double.isNaN(value) && value >= min));
            return this;
        }

        /** A metric that must be at most {@code max}. */
        public Builder atMost(final String name, final double value, final String unit, final double max) {
            metrics.add(new Metric(name, value, unit, "<= " + format(max), !Double.isNaN(value) && value <= max));
            return this;
        }

        public Builder note(final String note) {
            notes.add(note);
            return this;
        }

        public BenchReport build() {
            return new BenchReport(bench, Instant.now(), Machine.now(), metrics, notes);
        }
    }
}
