package io.ticklake.data.csv;

import io.ticklake.data.DailyBar;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes daily bars in the Kaggle format that {@link CsvBarReader} reads:
 * header {@code Index,Date,Open,High,Low,Close,Adj Close,Volume,CloseUSD}, LF line ends, prices as
 * {@link Double#toString(double)} (which reads back to the identical double), the volume as float
 * text like the source ({@code 1200.0}), an empty CloseUSD when unknown. Symbols need no quoting
 * ({@link io.ticklake.data.IndexSymbol} excludes commas and quotes). Not thread-safe.
 */
public final class CsvBarWriter implements AutoCloseable {
    /** The header line written first. */
    public static final String HEADER = "Index,Date,Open,High,Low,Close,Adj Close,Volume,CloseUSD";
    private final Writer out;
    private long rows;

    /** Writes the header to {@code out} (closed by {@link #close()}). */
    public CsvBarWriter(final Writer out) {
        this.out = Objects.requireNonNull(out, "out");
        write(HEADER);
    }

    /**
     * Creates (or truncates) a UTF-8 file, creating missing parent directories.
     *
     * @throws UncheckedIOException when the file cannot be created
     */
    public static CsvBarWriter create(final Path file) {
        try {
            final Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new CsvBarWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one row. */
    public void write(final DailyBar bar) {
        final StringBuilder row = new StringBuilder(96)
                .append(bar.index()).append(',')
                .append(bar.date()).append(',')
                .append(bar.open()).append(',')
                .append(bar.high()).append(',')
                .append(bar.low()).append(',')
                .append(bar.close()).append(',')
                .append(bar.adjClose()).append(',')
                .append(bar.volume()).append(".0,");
        if (bar.closeUsd() != null) {
            row.append(bar.closeUsd().doubleValue());
        }
        write(row.toString());
        rows++;
    }

    /** Rows written so far (the header excluded). */
    public long rows() {
        return rows;
    }

    private void write(final String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
