package io.ticklake.data.csv;

/**
 * A CSV row that was not accepted.
 *
 * @param line   1-based physical line number where the row starts (the header is line 1)
 * @param reason one line, safe to print (untrusted text is quoted and shortened)
 */
public record RowRejection(long line, String reason) {
    public RowRejection {
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1: " + line);
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is required");
        }
    }

    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
