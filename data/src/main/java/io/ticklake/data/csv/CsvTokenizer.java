package io.ticklake.data.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming RFC 4180 tokenizer: comma separated, {@code "} quoted fields with {@code ""} escapes
 * and embedded line breaks, records ended by CRLF, LF or CR, a leading UTF-8 BOM ignored. It holds
 * one record at a time. A malformed record (a quote inside an unquoted field, text after a closing
 * quote, an unterminated quote) is returned with its error and tokenizing resumes on the next line.
 */
final class CsvTokenizer implements AutoCloseable {
    private static final int EOF = -1;
    private static final int MAX_FIELD_CHARS = 1 << 16;
    /** Bounds one record's memory on hostile input (e.g. a line of a million commas). */
    static final int MAX_FIELDS = 1024;
    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private long line = 1;
    private boolean started;

    CsvTokenizer(final Reader in) {
        this.in = in;
    }

    /** The next record, or {@code null} at the end of input. */
    CsvRecord next() {
        skipBom();
        if (peek() == EOF) {
            return null;
        }
        final long start = line;
        final List<String> fields = new ArrayList<>(10);
        final StringBuilder field = new StringBuilder(24);
        while (true) {
            final String error = peek() == '"' ? quotedField(field) : plainField(field);
            if (error != null) {
                skipRestOfLine();
                return new CsvRecord(start, List.of(), error);
            }
            fields.add(field.toString());
            field.setLength(0);
            if (fields.size() > MAX_FIELDS) {
                skipRestOfLine();
                return new CsvRecord(start, List.of(), "more than " + MAX_FIELDS + " fields");
            }
            final int c = read();
            if (c != ',') {
                endOfLine(c);
                return new CsvRecord(start, fields, null);
            }
        }
    }

    private String plainField(final StringBuilder field) {
        while (true) {
            final int c = peek();
            if (c == EOF || c == ',' || c == '\n' || c == '\r') {
                return null;
            }
            if (c == '"') {
                return "quote inside an unquoted field";
            }
            if (field.length() >= MAX_FIELD_CHARS) {
                return "field longer than " + MAX_FIELD_CHARS + " characters";
            }
            field.append((char) read());
        }
    }

    private String quotedField(final StringBuilder field) {
        read();
        while (true) {
            final int c = read();
            if (c == EOF) {
                return "unterminated quoted field";
            }
            if (c == '"') {
                if (peek() != '"') {
                    final int after = peek();
                    return after == ',' || after == '\n' || after == '\r' || after == EOF
                            ? null : "text after a closing quote";
                }
                read();
            } else if (c == '\n' || c == '\r') {
                endOfLine(c);
                field.append('\n');
                continue;
            }
            if (field.length() >= MAX_FIELD_CHARS) {
                return "field longer than " + MAX_FIELD_CHARS + " characters";
            }
            field.append((char) c);
        }
    }

    /** Consumes the rest of a CRLF pair after {@code c} and counts the line. */
    private void endOfLine(final int c) {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        if (c == '\r' || c == '\n') {
            line++;
        }
    }

    private void skipRestOfLine() {
        int c;
        do {
            c = read();
        } while (c != EOF && c != '\n' && c != '\r');
        endOfLine(c);
    }

    private void skipBom() {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                read();
            }
        }
    }

    private int peek() {
        if (pos == len && !fill()) {
            return EOF;
        }
        return buf[pos];
    }

    private int read() {
        final int c = peek();
        if (c != EOF) {
            pos++;
        }
        return c;
    }

    private boolean fill() {
        try {
            final int n = in.read(buf);
            pos = 0;
            len = Math.max(n, 0);
            return n > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
