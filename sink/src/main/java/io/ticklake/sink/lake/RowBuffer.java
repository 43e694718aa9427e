package io.ticklake.sink.lake;

import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Rows of one lake file held column by column in primitive arrays until the file is encoded: the
 * compact alternative to a Parquet writer per open partition path. Not thread-safe.
 *
 * <p>{@link #bytes()} is an upper estimate of the heap the buffer holds (allocated capacity plus the
 * strings it references), kept up to date in O(1) per row so a caller can bound memory cheaply. A
 * string equal to the previous row's value in the same column is stored as the same reference and
 * not counted again (exchange, region, currency repeat in every row of a partition).
 */
public final class RowBuffer {
    /** Column storage classes. */
    enum Type { LONG, INT, DOUBLE, STRING }

    private static final int INITIAL_CAPACITY = 8;
    private static final long STRING_OVERHEAD = 48;

    private final Schema schema;
    private final Type[] types;
    private final boolean[] nullable;
    private final String[] names;
    private final long[][] longs;
    private final double[][] doubles;
    private final String[][] strings;
    private final boolean[][] nulls;
    private final int rowWidth;
    private int size;
    private int capacity;
    private long stringBytes;

    /** An empty buffer for files of {@code schema} (a record of long/int/double/string fields, optionally nullable). */
    public RowBuffer(final Schema schema) {
        this.schema = schema;
        final List<Schema.Field> fields = schema.getFields();
        final int n = fields.size();
        types = new Type[n];
        nullable = new boolean[n];
        names = new String[n];
        longs = new long[n][];
        doubles = new double[n][];
        strings = new String[n][];
        nulls = new boolean[n][];
        int width = 0;
        for (int i = 0; i < n; i++) {
            final Schema.Field f = fields.get(i);
            names[i] = f.name();
            Schema s = f.schema();
            if (s.getType() == Schema.Type.UNION) {
                nullable[i] = true;
                s = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
            }
            types[i] = switch (s.getType()) {
                case LONG -> Type.LONG;
                case INT -> Type.INT;
                case DOUBLE -> Type.DOUBLE;
                case STRING -> Type.STRING;
                default -> throw new IllegalArgumentException("unsupported column type " + s + " of " + f.name());
            };
            width += (types[i] == Type.STRING ? 8 : 8) + (nullable[i] && types[i] != Type.STRING ? 1 : 0);
        }
        rowWidth = width;
        allocate(INITIAL_CAPACITY);
    }

    /** The file schema. */
    public Schema schema() {
        return schema;
    }

    /** Number of complete rows. */
    public int size() {
        return size;
    }

    /** Upper estimate of the heap held, in bytes. */
    public long bytes() {
        return (long) capacity * rowWidth + stringBytes + 64L * types.length;
    }

    /** Starts a row; set every non-nullable column, then call {@link #endRow()}. */
    public void beginRow() {
        if (size == capacity) {
            allocate(capacity * 2);
        }
        for (int c = 0; c < types.length; c++) {
            if (nullable[c]) {
                if (types[c] == Type.STRING) {
                    strings[c][size] = null;
                } else {
                    nulls[c][size] = true;
                }
            }
        }
    }

    /** Completes the row started by {@link #beginRow()}. */
    public void endRow() {
        size++;
    }

    /** Sets a long (or timestamp) column of the current row. */
    public void setLong(final int col, final long v) {
        longs[col][size] = v;
        if (nullable[col]) {
            nulls[col][size] = false;
        }
    }

    /** Sets an int column of the current row. */
    public void setInt(final int col, final int v) {
        setLong(col, v);
    }

    /**
     * Sets an int column of the last completed row: a column the caller adds to the rows a codec
     * appended (the trading date of a table not partitioned by it).
     */
    public void setLastRowInt(final int col, final int v) {
        if (size == 0) {
            throw new IllegalStateException("no row");
        }
        longs[col][size - 1] = v;
        if (nullable[col]) {
            nulls[col][size - 1] = false;
        }
    }

    /** Sets a double column of the current row. */
    public void setDouble(final int col, final double v) {
        doubles[col][size] = v;
        if (nullable[col]) {
            nulls[col][size] = false;
        }
    }

    /** Sets a nullable double column of the current row; {@code null} leaves it null. */
    public void setDouble(final int col, final Double v) {
        if (v != null) {
            setDouble(col, v.doubleValue());
        }
    }

    /** Sets a string column of the current row; {@code null} leaves it null. */
    public void setString(final int col, final String v) {
        if (v == null) {
            return;
        }
        final String prev = size > 0 ? strings[col][size - 1] : null;
        if (prev != null && (prev == v || prev.equals(v))) {
            strings[col][size] = prev;
        } else {
            strings[col][size] = v;
            stringBytes += STRING_OVERHEAD + 2L * v.length();
        }
    }

    /** The column index of {@code name}. */
    public int column(final String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name + " in " + schema.getName());
    }

    int columns() {
        return types.length;
    }

    Type type(final int col) {
        return types[col];
    }

    String name(final int col) {
        return names[col];
    }

    boolean isNull(final int col, final int row) {
        return types[col] == Type.STRING ? strings[col][row] == null : nullable[col] && nulls[col][row];
    }

    long longAt(final int col, final int row) {
        return longs[col][row];
    }

    double doubleAt(final int col, final int row) {
        return doubles[col][row];
    }

    String stringAt(final int col, final int row) {
        return strings[col][row];
    }

    private void allocate(final int cap) {
        for (int c = 0; c < types.length; c++) {
            switch (types[c]) {
                case LONG, INT -> longs[c] = longs[c] == null ? new long[cap] : Arrays.copyOf(longs[c], cap);
                case DOUBLE -> doubles[c] = doubles[c] == null ? new double[cap] : Arrays.copyOf(doubles[c], cap);
                case STRING -> strings[c] = strings[c] == null ? new String[cap] : Arrays.copyOf(strings[c], cap);
                default -> throw new IllegalStateException();
            }
            if (nullable[c] && types[c] != Type.STRING) {
                nulls[c] = nulls[c] == null ? new boolean[cap] : Arrays.copyOf(nulls[c], cap);
            }
        }
        capacity = cap;
    }
}
