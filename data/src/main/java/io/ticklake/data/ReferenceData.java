package io.ticklake.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reference data of the known indices, shipped as a resource and overridable by a CSV
 * file of the same shape: {@code index,exchange,region,currency,zone,session_open,session_close,usd_rate}
 * ({@code usd_rate} may be empty). Immutable.
 */
public final class ReferenceData {
    private static final String RESOURCE = "reference-data.csv";
    private final Map<String, IndexInfo> byIndex;

    private ReferenceData(final Map<String, IndexInfo> byIndex) {
        this.byIndex = Collections.unmodifiableMap(byIndex);
    }

    /** The reference data that ships with ticklake. */
    public static ReferenceData builtIn() {
        try (InputStream in = ReferenceData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads reference data from a file.
     *
     * @throws IllegalArgumentException with the file, line and reason when a line is invalid
     */
    public static ReferenceData fromFile(final Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read reference data " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reference data made of exactly these entries. */
    public static ReferenceData of(final Collection<IndexInfo> infos) {
        final Map<String, IndexInfo> map = new LinkedHashMap<>();
        infos.forEach(i -> map.put(i.index(), i));
        return new ReferenceData(map);
    }

    private static ReferenceData parse(final Reader reader, final String source) throws IOException {
        final Map<String, IndexInfo> map = new LinkedHashMap<>();
        final BufferedReader in = new BufferedReader(reader);
        String line = in.readLine();
        int lineNo = 1;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                final IndexInfo info = parseLine(line.strip());
                map.put(info.index(), info);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": " + e.getMessage(), e);
            }
        }
        return new ReferenceData(map);
    }

    private static IndexInfo parseLine(final String line) {
        final String[] f = line.split(",", -1);
        if (f.length != 8) {
            throw new IllegalArgumentException("expected 8 fields, got " + f.length);
        }
        final Double rate = f[7].isBlank() ? null : Double.valueOf(f[7]);
        return new IndexInfo(f[0], f[1], f[2], f[3], ZoneId.of(f[4]), LocalTime.parse(f[5]),
                LocalTime.parse(f[6]), rate);
    }

    /** The entry of {@code index}, if known. */
    public Optional<IndexInfo> find(final String index) {
        return Optional.ofNullable(byIndex.get(index));
    }

    /** All entries, in file order. */
    public Collection<IndexInfo> all() {
        return byIndex.values();
    }

    /** The exchange time zone of {@code index}, UTC when unknown. */
    public ZoneId zoneOf(final String index) {
        final IndexInfo info = byIndex.get(index);
        return info == null ? ZoneOffset.UTC : info.zone();
    }

    /** The exchange-local trading date of an instant for {@code index} (UTC date when unknown). */
    public LocalDate tradingDate(final String index, final long epochMillis) {
        return java.time.Instant.ofEpochMilli(epochMillis).atZone(zoneOf(index)).toLocalDate();
    }
}
