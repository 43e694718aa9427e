package io.ticklake.query.sql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link QueryResult} for people and tools: an aligned text table (the default), CSV
 * (RFC 4180, header row, NULL as empty field) or JSON (one array of objects; numbers and booleans
 * as JSON values, everything else as strings, NULL as null).
 */
public final class ResultFormatter {
    /** Output formats. */
    public enum Format {
        TABLE, CSV, JSON;

        /** Parses {@code table}, {@code csv} or {@code json} (any case). */
        public static Format parse(final String name) {
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown format '" + name + "' (table, csv, json)");
            }
        }
    }

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);

    private ResultFormatter() {
    }

    /** The result in {@code format}, ending with a newline. */
    public static String format(final QueryResult result, final Format format) {
        return switch (format) {
            case TABLE -> table(result);
            case CSV -> csv(result);
            case JSON -> json(result);
        };
    }

    /** One value as text: timestamps as {@code yyyy-MM-dd HH:mm:ss.SSS} UTC (as Athena prints them). */
    public static String text(final Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime t) {
            return TS.format(t.withOffsetSameInstant(ZoneOffset.UTC));
        }
        if (value instanceof Instant t) {
            return TS.format(t.atOffset(ZoneOffset.UTC));
        }
        if (value instanceof LocalDateTime t) {
            return TS.format(t);
        }
        if (value instanceof java.sql.Timestamp t) {
            return TS.format(t.toLocalDateTime());
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? BigDecimal.valueOf(d).toPlainString() : d.toString();
        }
        return value.toString();
    }

    private static String table(final QueryResult r) {
        final int n = r.columns().size();
        final int[] width = new int[n];
        final List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            width[i] = r.columns().get(i).length();
        }
        for (final List<Object> row : r.rows()) {
            final String[] line = new String[n];
            for (int i = 0; i < n; i++) {
                final String t = text(row.get(i));
                line[i] = t == null ? "NULL" : t.replace('\n', ' ');
                width[i] = Math.max(width[i], line[i].length());
            }
            cells.add(line);
        }
        final StringBuilder out = new StringBuilder();
        appendLine(out, r.columns().toArray(String[]::new), width, null);
        final StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        out.append(rule.toString().stripTrailing()).append('\n');
        for (final String[] line : cells) {
            appendLine(out, line, width, r.types());
        }
        out.append('(').append(r.rows().size()).append(r.rows().size() == 1 ? " row)" : " rows)").append('\n');
        return out.toString();
    }

    private static void appendLine(final StringBuilder out, final String[] line, final int[] width,
                                   final List<String> types) {
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < line.length; i++) {
            b.append(i == 0 ? "" : " | ");
            final boolean right = types != null && numeric(types.get(i));
            final String pad = " ".repeat(width[i] - line[i].length());
            b.append(right ? pad + line[i] : line[i] + pad);
        }
        out.append(b.toString().stripTrailing()).append('\n');
    }

    private static boolean numeric(final String type) {
        final String t = type.toLowerCase(Locale.ROOT);
        return t.contains("int") || t.contains("double") || t.contains("decimal") || t.contains("float")
                || t.equals("real");
    }

    private static String csv(final QueryResult r) {
        final StringBuilder out = new StringBuilder();
        csvLine(out, new ArrayList<>(r.columns()));
        for (final List<Object> row : r.rows()) {
            csvLine(out, row);
        }
        return out.toString();
    }

    private static void csvLine(final StringBuilder out, final List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            final String t = text(values.get(i));
            if (t != null) {
                final boolean quote = t.indexOf(',') >= 0 || t.indexOf('"') >= 0 || t.indexOf('\n') >= 0
                        || t.indexOf('\r') >= 0;
                out.append(quote ? '"' + t.replace("\"", "\"\"") + '"' : t);
            }
        }
        out.append("\r\n");
    }

    private static String json(final QueryResult r) {
        final StringBuilder out = new StringBuilder("[");
        for (int row = 0; row < r.rows().size(); row++) {
            out.append(row == 0 ? "\n  {" : ",\n  {");
            for (int i = 0; i < r.columns().size(); i++) {
                out.append(i == 0 ? "" : ", ");
                jsonString(out, r.columns().get(i));
                out.append(": ");
                jsonValue(out, r.rows().get(row).get(i), r.types().get(i));
            }
            out.append('}');
        }
        return out.append(r.rows().isEmpty() ? "]\n" : "\n]\n").toString();
    }

    private static void jsonValue(final StringBuilder out, final Object v, final String type) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
                || v instanceof BigDecimal || v instanceof java.math.BigInteger) {
            out.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            final double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                out.append(v);
            } else {
                jsonString(out, v.toString());
            }
        } else if (v instanceof String s && numeric(type) && isJsonNumber(s)) {
            out.append(s); // Athena returns numbers as text
        } else {
            jsonString(out, text(v));
        }
    }

    private static boolean isJsonNumber(final String s) {
        return s.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    }

    private static void jsonString(final StringBuilder out, final String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
