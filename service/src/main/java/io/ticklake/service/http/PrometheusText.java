package io.ticklake.service.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a Prometheus text exposition (format 0.0.4): samples grouped by family, one {@code # TYPE}
 * line per family, names and label names sanitized ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}), label values
 * escaped. Not thread-safe; one instance per scrape.
 */
public final class PrometheusText {
    private final Map<String, Family> families = new LinkedHashMap<>();

    /** Adds a sample; {@code type} is counter, gauge or untyped; a non-finite value is written as is. */
    public PrometheusText add(final String name, final String type, final String help, final Map<String, String> labels,
                              final double value) {
        final String family = sanitizeName(name);
        families.computeIfAbsent(family, f -> new Family(type, help)).samples
                .put(labelText(labels), value);
        return this;
    }

    /** A sample without labels. */
    public PrometheusText add(final String name, final String type, final String help, final double value) {
        return add(name, type, help, Map.of(), value);
    }

    /** The exposition text. */
    public String render() {
        final StringBuilder b = new StringBuilder(4096);
        families.forEach((name, f) -> {
            if (f.help != null && !f.help.isBlank()) {
                b.append("# HELP ").append(name).append(' ').append(f.help.replace("\\", "\\\\").replace("\n", "\\n"))
                        .append('\n');
            }
            b.append("# TYPE ").append(name).append(' ').append(f.type).append('\n');
            f.samples.forEach((labels, v) -> b.append(name).append(labels).append(' ').append(format(v)).append('\n'));
        });
        return b.toString();
    }

    /** A metric name made valid: invalid characters become {@code _}, a leading digit gets a {@code _}. */
    public static String sanitizeName(final String name) {
        final String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_:]", "_").replaceAll("_+", "_");
        return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    static String sanitizeLabel(final String name) {
        final String s = name.replaceAll("[^a-zA-Z0-9_]", "_");
        return s.isEmpty() || Character.isDigit(s.charAt(0)) || s.startsWith("__") ? "l_" + s : s;
    }

    private static String labelText(final Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        final StringBuilder b = new StringBuilder("{");
        new TreeMap<>(labels).forEach((k, v) -> {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(sanitizeLabel(k)).append("=\"")
                    .append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                    .append('"');
        });
        return b.append('}').toString();
    }

    private static String format(final double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static final class Family {
        private final String type;
        private final String help;
        private final Map<String, Double> samples = new LinkedHashMap<>();

        Family(final String type, final String help) {
            if (!List.of("counter", "gauge", "untyped").contains(type)) {
                throw new IllegalArgumentException("type must be counter, gauge or untyped: " + type);
            }
            this.type = type;
            this.help = help;
        }
    }
}
