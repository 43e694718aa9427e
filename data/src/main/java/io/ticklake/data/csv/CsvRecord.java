package io.ticklake.data.csv;

import java.util.List;

/**
 * One record of an RFC 4180 file.
 *
 * @param line   1-based physical line where the record starts
 * @param fields the fields, unquoted; empty when {@code error} is set
 * @param error  why the record is malformed (e.g. an unterminated quote), or {@code null}
 */
record CsvRecord(long line, List<String> fields, String error) {
    /** Whether the record is an empty line (one empty, unquoted field). */
    boolean blank() {
        return error == null && fields.size() == 1 && fields.get(0).isBlank();
    }
}
