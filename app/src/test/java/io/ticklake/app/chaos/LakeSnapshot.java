package io.ticklake.app.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The lake at one moment, read without any of the sink's code: a local copy ({@link LakeMirror})
 * read with DuckDB's {@code read_parquet(…, hive_partitioning = true)}; the {@code index} partition
 * value is unescaped here ({@code %XX}).
 *
 * @param keys  every object key under the prefix, relative to it
 * @param ticks rows of {@code ticks}
 * @param ohlc1m rows of {@code ohlc_1m}
 * @param ohlc1d rows of {@code ohlc_1d}
 */
record LakeSnapshot(List<String> keys, List<LakeTick> ticks, List<Bar> ohlc1m, List<Bar> ohlc1d) {

    /** One row of {@code ticks}: the tick and its lineage. */
    record LakeTick(String index, long ts, double price, long volume, int kafkaPartition, long kafkaOffset) {
        /** The lineage key (a record of {@code ticks-enriched}). */
        String lineage() {
            return kafkaPartition + "/" + kafkaOffset;
        }
    }

    /** Reads a local lake directory (keys as found there). */
    static LakeSnapshot read(final Path dir, final List<String> keys) {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            return new LakeSnapshot(List.copyOf(keys), ticks(db, dir), bars(db, dir, "ohlc_1m"), bars(db, dir, "ohlc_1d"));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the lake in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Rows per lineage key that appear more than once: the number of duplicated records. */
    long duplicateTicks() {
        final Map<String, Integer> seen = new LinkedHashMap<>();
        ticks.forEach(t -> seen.merge(t.lineage(), 1, Integer::sum));
        return seen.values().stream().mapToLong(n -> n - 1).sum();
    }

    private static List<LakeTick> ticks(final Connection db, final Path dir) throws SQLException {
        final List<LakeTick> rows = new ArrayList<>();
        if (!hasFiles(dir.resolve("ticks"))) {
            return rows;
        }
        final String sql = "SELECT \"index\", epoch_ms(ts), price, volume, kafka_partition, kafka_offset FROM "
                + source(dir, "ticks");
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(new LakeTick(unescape(rs.getString(1)), rs.getLong(2), rs.getDouble(3), rs.getLong(4), rs.getInt(5),
                        rs.getLong(6)));
            }
        }
        return rows;
    }

    private static List<Bar> bars(final Connection db, final Path dir, final String table) throws SQLException {
        final List<Bar> rows = new ArrayList<>();
        if (!hasFiles(dir.resolve(table))) {
            return rows;
        }
        final String sql = "SELECT \"index\", epoch_ms(window_start), open, high, low, close, volume, vwap, tick_count,"
                + " epoch_ms(first_tick_ts), epoch_ms(last_tick_ts) FROM " + source(dir, table);
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(new Bar(unescape(rs.getString(1)), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                        rs.getDouble(6), rs.getLong(7), rs.getDouble(8), rs.getLong(9), rs.getLong(10), rs.getLong(11)));
            }
        }
        return rows;
    }

    private static String source(final Path dir, final String table) {
        final String glob = dir.resolve(table).toString().replace("'", "''") + "/**/*.parquet"; // any partition layout
        return "read_parquet('" + glob + "', hive_partitioning = true, hive_types_autocast = false)";
    }

    private static boolean hasFiles(final Path tableDir) {
        if (!Files.isDirectory(tableDir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(tableDir)) {
            return files.anyMatch(p -> p.toString().endsWith(".parquet"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hive-style {@code %XX} unescaping (UTF-8), as the lake's partition values are written. */
    static String unescape(final String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()) {
                out.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                final byte[] bytes = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
