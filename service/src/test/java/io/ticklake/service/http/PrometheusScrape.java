package io.ticklake.service.http;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format 0.0.4, for tests: every line is {@code # HELP},
 * {@code # TYPE} or a sample; a family has at most one HELP and one TYPE, both before its samples, and
 * its samples are consecutive; a counter, gauge or untyped family's samples carry its name; names and
 * label names are valid, label values correctly escaped, no sample repeats. Anything else throws
 * {@link IllegalArgumentException} naming the line.
 *
 * @param samples every sample: family → (labels → value)
 * @param types   family → type
 */
public record PrometheusScrape(Map<String, Map<Map<String, String>, Double>> samples, Map<String, String> types) {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern META = Pattern.compile("# (HELP|TYPE) (" + NAME + ")(?: (.*))?");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{.*})? (\\S+)(?: -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "untyped", "summary", "histogram");

    /** Parses {@code text}; throws {@link IllegalArgumentException} on the first invalid line. */
    public static PrometheusScrape parse(final String text) {
        final Map<String, Map<Map<String, String>, Double>> samples = new LinkedHashMap<>();
        final Map<String, String> types = new LinkedHashMap<>();
        final Set<String> helped = new HashSet<>();
        final Set<String> closed = new HashSet<>();
        String current = null;
        final String[] lines = text.split("\n", -1);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the last line has no newline");
        }
        for (int n = 1; n < lines.length; n++) {
            final String line = lines[n - 1];
            final Matcher meta = META.matcher(line);
            final String family;
            if (meta.matches()) {
                family = meta.group(2);
                if (meta.group(1).equals("TYPE")) {
                    check(meta.group(3) != null && TYPES.contains(meta.group(3)), n, line, "unknown type");
                    check(types.putIfAbsent(family, meta.group(3)) == null, n, line, "second TYPE");
                    check(!samples.containsKey(family), n, line, "TYPE after samples");
                } else {
                    check(helped.add(family), n, line, "second HELP");
                    check(!samples.containsKey(family) && !types.containsKey(family), n, line, "HELP after TYPE or samples");
                }
            } else {
                check(!line.startsWith("#"), n, line, "not a HELP or TYPE line");
                final Matcher s = SAMPLE.matcher(line);
                check(s.matches(), n, line, "not a sample");
                family = familyOf(s.group(1), types);
                final Map<String, String> labels = labels(s.group(2), n, line);
                final double value = value(s.group(3), n, line);
                check(samples.computeIfAbsent(family, f -> new LinkedHashMap<>()).put(labels, value) == null, n, line,
                        "repeated sample");
            }
            if (!family.equals(current)) {
                check(!closed.contains(family), n, line, "family continued after another");
                if (current != null) {
                    closed.add(current);
                }
                current = family;
            }
        }
        return new PrometheusScrape(samples, types);
    }

    /**
     * Each family's shape: {@code type labelsets}, the label-name sets of its samples sorted and
     * joined by {@code |} (a set's names joined by {@code ,}; {@code -} for no labels).
     */
    public SortedMap<String, String> families() {
        final SortedMap<String, String> out = new TreeMap<>();
        samples.forEach((family, values) -> {
            final SortedSet<String> sets = new TreeSet<>();
            values.keySet().forEach(labels -> sets.add(labels.isEmpty() ? "-" : String.join(",", new TreeSet<>(labels.keySet()))));
            out.put(family, types.getOrDefault(family, "untyped") + " " + String.join("|", sets));
        });
        return out;
    }

    /** The value of one sample; throws when it is absent. */
    public double value(final String family, final Map<String, String> labels) {
        final Double v = samples.getOrDefault(family, Map.of()).get(labels);
        if (v == null) {
            throw new IllegalArgumentException("no sample " + family + labels);
        }
        return v;
    }

    private static String familyOf(final String sample, final Map<String, String> types) {
        for (final String suffix : List.of("_sum", "_count", "_bucket")) {
            final String base = sample.endsWith(suffix) ? sample.substring(0, sample.length() - suffix.length()) : null;
            final String type = base == null ? null : types.get(base);
            if (type != null && List.of("summary", "histogram").contains(type)) {
                return base;
            }
        }
        return sample;
    }

    private static Map<String, String> labels(final String block, final int n, final String line) {
        final Map<String, String> labels = new TreeMap<>();
        if (block == null) {
            return labels;
        }
        final String inner = block.substring(1, block.length() - 1);
        final Matcher m = LABEL.matcher(inner);
        int at = 0;
        while (at < inner.length()) {
            check(m.find(at) && m.start() == at, n, line, "bad label");
            check(labels.put(m.group(1), unescape(m.group(2))) == null, n, line, "repeated label");
            at = m.end();
            if (at < inner.length()) {
                check(inner.charAt(at) == ',', n, line, "labels not separated by a comma");
                at++;
            }
        }
        return labels;
    }

    private static String unescape(final String v) {
        final StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            final char c = v.charAt(i);
            if (c == '\\') {
                i++;
                b.append(v.charAt(i) == 'n' ? '\n' : v.charAt(i));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static double value(final String v, final int n, final String line) {
        switch (v) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + n + ": bad value: " + line);
                }
        }
    }

    private static void check(final boolean ok, final int n, final String line, final String what) {
        if (!ok) {
            throw new IllegalArgumentException("line " + n + ": " + what + ": " + line);
        }
    }
}
