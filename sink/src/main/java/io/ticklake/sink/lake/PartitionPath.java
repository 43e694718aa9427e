package io.ticklake.sink.lake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One Hive-style partition of a lake table, laid out as its {@link PartitionLayout} says:
 * {@code <table>/index=<escaped>/date=<yyyy-MM-dd>}, {@code <table>/index=<escaped>/year=<yyyy>} or
 * {@code <table>/index=<escaped>}.
 *
 * <p>Escaping: every UTF-8 byte outside {@code [A-Za-z0-9._-]} becomes {@code %XX} (upper-case hex),
 * so no value can contain {@code /}, and because the segment always starts with {@code index=} no
 * segment can be {@code .}, {@code ..} or empty. An empty value is Hive's default partition. An escaped
 * value longer than {@value #MAX_ESCAPED} characters is cut and suffixed with a hash of the whole value,
 * which keeps every segment under file-system name limits (255 bytes) and S3's key limit (1024 bytes).
 *
 * @param table  a lake table name ({@code [a-z][a-z0-9_]*})
 * @param layout the table's partition columns
 * @param index  the raw index value (partition column {@code index})
 * @param value  the value of the layout's second column ({@code yyyy-MM-dd} for {@code date},
 *               {@code yyyy} for {@code year}); null for {@link PartitionLayout#INDEX}
 */
public record PartitionPath(String table, PartitionLayout layout, String index, String value) {
    /** Longest escaped value kept verbatim. */
    public static final int MAX_ESCAPED = 180;
    /** Hive's name for a null or empty partition value. */
    public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";
    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,127}");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    public PartitionPath {
        requireTable(table);
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(index, "index");
        if (!layout.isValue(value)) {
            throw new IllegalArgumentException(layout.valueColumn() == null
                    ? "partitioning index takes no second value: " + value
                    : layout.valueColumn() + " must be " + (layout.partitionsByDate() ? "yyyy-MM-dd" : "yyyy") + ": "
                            + value);
        }
    }

    /** The {@code index=/date=} partition of {@code table} for {@code index} on {@code date} ({@code yyyy-MM-dd}). */
    public PartitionPath(final String table, final String index, final String date) {
        this(table, PartitionLayout.INDEX_DATE, index, date);
    }

    /** The partition of a row of {@code index} traded on {@code date} ({@code yyyy-MM-dd}) in {@code layout}. */
    public static PartitionPath of(final String table, final PartitionLayout layout, final String index,
                                   final String date) {
        if (!isDate(date)) {
            throw new IllegalArgumentException("date must be yyyy-MM-dd: " + date);
        }
        return new PartitionPath(table, layout, index, layout.value(date));
    }

    /** The raw partition values in the layout's column order ({@code [index]} or {@code [index, value]}). */
    public java.util.List<String> values() {
        return value == null ? java.util.List.of(index) : java.util.List.of(index, value);
    }

    /** Returns {@code table} if it is a valid lake table name. */
    public static String requireTable(final String table) {
        if (table == null || !TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("table name must match " + TABLE.pattern() + ": " + table);
        }
        return table;
    }

    /** The partition's directory relative to the lake root, without trailing slash. */
    public String dir() {
        final String dir = table + "/index=" + escape(index);
        return value == null ? dir : dir + "/" + layout.valueColumn() + "=" + value;
    }

    /** The key of the file whose first record is {@code firstOffset} of {@code topic}-{@code partition}. */
    public String fileKey(final String topic, final int partition, final long firstOffset) {
        return fileKey(topic, partition, firstOffset, ".parquet");
    }

    /** The key of that file with another {@link FileFormat#extension() extension}. */
    public String fileKey(final String topic, final int partition, final long firstOffset, final String extension) {
        return dir() + "/" + fileName(topic, partition, firstOffset, extension);
    }

    /** {@code <topic>+<partition>+<first offset, 20 digits>.parquet}. */
    public static String fileName(final String topic, final int partition, final long firstOffset) {
        return fileName(topic, partition, firstOffset, ".parquet");
    }

    /** {@code <topic>+<partition>+<first offset, 20 digits><extension>}. */
    public static String fileName(final String topic, final int partition, final long firstOffset,
                                  final String extension) {
        return topic + "+" + partition + "+" + String.format("%020d", firstOffset) + extension;
    }

    /** Hive-style escaping of a partition value, see the class comment. */
    public static String escape(final String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_PARTITION;
        }
        final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        final StringBuilder sb = new StringBuilder(utf8.length + 8);
        for (byte b : utf8) {
            final int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        if (sb.length() <= MAX_ESCAPED) {
            return sb.toString();
        }
        int cut = MAX_ESCAPED - 20;
        if (sb.charAt(cut - 1) == '%') {
            cut -= 1;
        } else if (sb.charAt(cut - 2) == '%') {
            cut -= 2;
        }
        return sb.substring(0, cut) + "-" + sha256Prefix(utf8);
    }

    /** Reverses {@link #escape} (for values that were not cut). */
    public static String unescape(final String escaped) {
        if (DEFAULT_PARTITION.equals(escaped)) {
            return "";
        }
        final byte[] out = new byte[escaped.length()];
        int n = 0;
        for (int i = 0; i < escaped.length(); i++) {
            final char c = escaped.charAt(i);
            if (c == '%' && i + 2 < escaped.length()) {
                out[n++] = (byte) Integer.parseInt(escaped.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** Whether {@code s} is a valid ISO date {@code yyyy-MM-dd} (no allocation on the happy path). */
    public static boolean isDate(final String s) {
        if (s == null || s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (i != 4 && i != 7 && (s.charAt(i) < '0' || s.charAt(i) > '9')) {
                return false;
            }
        }
        final int y = Integer.parseInt(s, 0, 4, 10);
        final int m = Integer.parseInt(s, 5, 7, 10);
        final int d = Integer.parseInt(s, 8, 10, 10);
        return m >= 1 && m <= 12 && d >= 1 && d <= java.time.YearMonth.of(y, m).lengthOfMonth();
    }

    private static String sha256Prefix(final byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
