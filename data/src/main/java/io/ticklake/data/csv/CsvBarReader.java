package io.ticklake.data.csv;

import io.ticklake.data.DailyBar;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Streaming reader of the Kaggle "Stock Exchange Data" CSV format
 * ({@code Index,Date,Open,High,Low,Close,Adj Close,Volume,CloseUSD}, the first column being the
 * index symbol). It holds one row at a time. Columns are found by header name; quoting follows
 * RFC 4180; a UTF-8 BOM and CRLF line ends are accepted; blank lines are skipped. A bad row is
 * reported to the rejection listener with its 1-based line number and reason and reading goes on
 * (see {@code BarRowParser} for the rules). A second valid row of the same index and date is bad too
 * ({@code duplicate of line N}): the first one read is the bar, whatever a later row says. Not thread-safe.
 *
 * <pre>{@code
 * try (CsvBarReader reader = CsvBarReader.open(file).onRejection(r -> log.warn("{}", r))) {
 *     reader.forEachRemaining(bars::add);
 *     ReadStats stats = reader.stats();
 * }
 * }</pre>
 */
public final class CsvBarReader implements Iterator<DailyBar>, AutoCloseable {
    private final CsvTokenizer tokenizer;
    private final BarRowParser parser;
    private final SeenBars seen = new SeenBars();
    private Consumer<RowRejection> rejections = r -> { };
    private DailyBar next;
    private long read;
    private long accepted;
    private long rejected;

    private CsvBarReader(final CsvTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.parser = new BarRowParser(readHeader(tokenizer));
    }

    /**
     * Opens a UTF-8 file and reads its header.
     *
     * @throws IllegalArgumentException when the file cannot be read, is empty or its header lacks a
     *                                  required column (one line, naming the file)
     */
    public static CsvBarReader open(final Path file) {
        final Reader in;
        try {
            in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
        try {
            return of(in);
        } catch (IllegalArgumentException e) {
            closeAfterFailure(in);
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            closeAfterFailure(in);
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getCause().getMessage(), e);
        }
    }

    /**
     * Reads CSV text from {@code in} (closed by {@link #close()}) and reads its header.
     *
     * @throws IllegalArgumentException when the input is empty or the header lacks a required column
     */
    public static CsvBarReader of(final Reader in) {
        return new CsvBarReader(new CsvTokenizer(Objects.requireNonNull(in, "in")));
    }

    /** Sets the listener told about every rejected row (replaces the previous one); returns this. */
    public CsvBarReader onRejection(final Consumer<RowRejection> listener) {
        this.rejections = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Counts so far; final once {@link #hasNext()} returned false. */
    public ReadStats stats() {
        return new ReadStats(read, accepted, rejected);
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            final CsvRecord record = tokenizer.next();
            if (record == null) {
                return false;
            }
            if (!record.blank()) {
                next = accept(record);
            }
        }
        return true;
    }

    @Override
    public DailyBar next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        final DailyBar bar = next;
        next = null;
        return bar;
    }

    private DailyBar accept(final CsvRecord record) {
        read++;
        try {
            if (record.error() != null) {
                throw new IllegalArgumentException(record.error());
            }
            final DailyBar bar = parser.parse(record.fields());
            final long first = seen.putIfAbsent(bar.index(), bar.date(), record.line());
            if (first != 0) {
                throw new IllegalArgumentException("duplicate of line " + first + " (" + bar.index() + " "
                        + bar.date() + ")");
            }
            accepted++;
            return bar;
        } catch (IllegalArgumentException e) {
            rejected++;
            rejections.accept(new RowRejection(record.line(), e.getMessage()));
            return null;
        }
    }

    private static KaggleHeader readHeader(final CsvTokenizer tokenizer) {
        CsvRecord header = tokenizer.next();
        while (header != null && header.blank()) {
            header = tokenizer.next();
        }
        if (header == null) {
            throw new IllegalArgumentException("CSV is empty: no header line");
        }
        if (header.error() != null) {
            throw new IllegalArgumentException("bad CSV header on line " + header.line() + ": " + header.error());
        }
        return KaggleHeader.of(header.fields());
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    private static void closeAfterFailure(final Reader in) {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
