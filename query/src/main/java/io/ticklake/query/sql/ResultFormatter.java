package io.ticklake.query.sql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
 * (RFC 4180 by Jackson's CSV writer, header row, NULL as empty field) or JSON (Jackson's generator:
 * one array of objects; numbers and booleans as JSON values, everything else as strings, NULL as null).
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

    private static final JsonFactory JSON = new JsonFactory();
    private static final CsvMapper CSV = new CsvMapper();
    /** RFC 4180: CRLF line ends, fields quoted only when they need it, NULL as an empty field. */
    private static final CsvSchema CSV_SCHEMA = CsvSchema.emptySchema().withLineSeparator("\r\n").withNullValue("");
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
        final List<List<String>> lines = new ArrayList<>();
        lines.add(r.columns());
        for (final List<Object> row : r.rows()) {
            lines.add(row.stream().map(ResultFormatter::text).toList());
        }
        try {
            return CSV.writer(CSV_SCHEMA).writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write CSV", e);
        }
    }

    private static String json(final QueryResult r) {
        final StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.setPrettyPrinter(new RowPerLine());
            g.writeStartArray();
            for (final List<Object> row : r.rows()) {
                g.writeStartObject();
                for (int i = 0; i < r.columns().size(); i++) {
                    g.writeFieldName(r.columns().get(i));
                    jsonValue(g, row.get(i), r.types().get(i));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
        return out.append('\n').toString();
    }

    private static void jsonValue(final JsonGenerator g, final Object v, final String type) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof java.math.BigInteger b) {
            g.writeNumber(b);
        } else if ((v instanceof Double || v instanceof Float) && Double.isFinite(((Number) v).doubleValue())) {
            g.writeNumber(v.toString());
        } else if (v instanceof Double || v instanceof Float) {
            g.writeString(v.toString()); // NaN and infinities are not JSON numbers
        } else if (v instanceof String s && numeric(type) && isJsonNumber(s)) {
            g.writeNumber(s); // Athena returns numbers as text
        } else {
            g.writeString(text(v));
        }
    }

    private static boolean isJsonNumber(final String s) {
        return s.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    }

    /** One row object a line, {@code "key": value, …} inside it: readable and still one value per row for grep. */
    private static final class RowPerLine extends MinimalPrettyPrinter {
        @Override
        public void beforeArrayValues(final JsonGenerator g) throws IOException {
            g.writeRaw("\n  ");
        }

        @Override
        public void writeArrayValueSeparator(final JsonGenerator g) throws IOException {
            g.writeRaw(",\n  ");
        }

        @Override
        public void writeEndArray(final JsonGenerator g, final int values) throws IOException {
            g.writeRaw(values == 0 ? "]" : "\n]");
        }

        @Override
        public void writeObjectFieldValueSeparator(final JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(final JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}
